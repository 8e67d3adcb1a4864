import AdregTestSupport
import Foundation

/// A registry with one serious case ready for E2B, and the tools that read the files back.
enum E2BFixture {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let walker = packageRoot.appendingPathComponent("Fixtures/e2b/xpath.py").path

  static let organisation = "Hautklinik Süd & Partner"
  static let note = "red cheeks <after> injection & \"burning\" ]]> 😀"
  static let mapping = """
    category,meddra_version,llt_code,llt_name,pt_code,pt_name
    facial-redness,27.1,10015150,Erythema of face,10015150,Erythema
    indication,27.1,10003639,Atopic dermatitis,10012438,Dermatitis atopic

    """

  /// Settings, the MedDRA mapping, patient P-7731 (F, born 1980, start 2025-01-10, a dose on 2025-03-01) and case 1:
  /// facial redness from 2025-03-03, reported 2025-03-05, serious (hospitalisation, medically important), paused and
  /// improved, restarted and recurred, resolved on 2025-03-20.
  static func seriousCase(_ h: Harness, settings: Bool = true, mapping: Bool = true) throws {
    for words in [
      ["init"], ["patient", "add", "P-7731", "--start", "2025-01-10", "--sex", "F", "--birth-year", "1980"],
      ["dose", "add", "P-7731", "--date", "2025-03-01"],
      ["record", "P-7731", "--onset", "2025-03-03", "--category", "facial-redness", "--reported", "2025-03-05",
       "--serious", "hospitalisation,medically-important", "--scaling", "absent", "--note", note],
      ["case", "update", "1", "--action", "paused", "--dechallenge", "improved"],
      ["case", "update", "1", "--action", "restarted", "--rechallenge", "recurred", "--outcome", "resolved",
       "--outcome-date", "2025-03-20"],
    ] {
      let result = h.run(words)
      guard result.status == 0 else { throw E2BFixtureError(words: words, error: result.error) }
    }
    if settings {
      for (key, value) in [("organisation", organisation), ("country", "DE"), ("e2b.sender", "DE-SENDER-1"), ("e2b.receiver", "BFARM")] {
        h.run("settings", "set", key, value)
      }
    }
    if mapping {
      try Self.mapping.write(toFile: h.path("meddra.csv"), atomically: true, encoding: .utf8)
      h.run("meddra", "import", h.path("meddra.csv"))
    }
    try FileManager.default.createDirectory(atPath: h.path("out"), withIntermediateDirectories: true)
  }

  static let pythonAvailable = Python.isAvailable && (try? Python.run("import xml.etree.ElementTree"))?.status == 0

  static let xmllint = Subprocess.tool("xmllint")

  /// The values of each element in a file, read by Python's ElementTree at the element's XPaths in `E2BElements`;
  /// a name that starts with `/` is an XPath itself.
  static func values(of file: String, _ elements: [String]) throws -> [String: [String]] {
    guard let python = Python.path else { throw SubprocessError.missingTool("python3") }
    let pairs = elements.flatMap { name in
      (name.hasPrefix("/") ? [name] : E2BElements.named(name).xpaths).flatMap { [name, $0] }
    }
    let result = try Subprocess.run(python, [walker, file] + pairs)
    guard result.status == 0 else { throw E2BFixtureError(words: [file], error: result.error) }
    return try JSONDecoder().decode([String: [String]].self, from: Data(result.output.utf8))
  }

  /// The XML files in a folder, by name.
  static func files(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
  }
}

struct E2BFixtureError: Error, CustomStringConvertible {
  var words: [String]
  var error: String
  var description: String { "\(words.joined(separator: " ")) failed: \(error)" }
}
