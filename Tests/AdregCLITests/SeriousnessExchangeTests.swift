import AdregTestSupport
import Foundation
import Testing

/// Seriousness travels with a case through the identified exchange files and packages.
@Suite("seriousness in the exchange files")
struct SeriousnessExchangeTests {
  /// Case 1 serious (hospitalisation, medically important: `E2BFixture.seriousCase`), case 2 not.
  func registry() throws -> Harness {
    let h = try Harness()
    try E2BFixture.seriousCase(h, settings: false, mapping: false)
    #expect(h.run("record", "P-7731", "--onset", "2025-04-01", "--category", "conjunctivitis").status == 0)
    return h
  }

  func seriousness(_ h: Harness, case id: String, db: String) throws -> [String] {
    let json = h.run("case", "show", id, "--format", "json", "--db", db).output
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    return try #require(object?["seriousness"] as? [String], "\(json)")
  }

  /// patients.csv and cases.csv, identified; the cases file's text.
  func exportFiles(_ h: Harness) throws -> String {
    #expect(h.run("export", "patients", "--identified", "--out", "patients.csv").status == 0)
    #expect(h.run("export", "cases", "--identified", "--out", "cases.csv").status == 0)
    return try String(contentsOfFile: h.path("cases.csv"), encoding: .utf8)
  }

  @Test("export cases --identified has the criteria as a ;-list; import restores them, the second export is byte-identical")
  func casesFileRoundTrip() throws {
    let h = try registry()
    let cases = try exportFiles(h)
    // By hand: case 1 meets hospitalisation and medically-important (in the vocabulary's order), case 2 nothing.
    #expect(try CSVInjectionTests.column("seriousness", of: cases) == ["hospitalisation;medically-important", ""])
    let other = h.path("other.sqlite")
    #expect(h.run("init", "--db", other).status == 0)
    for kind in ["patients", "cases"] {
      let result = h.run("import", kind, h.path("\(kind).csv"), "--db", other)
      #expect(result.status == 0, "\(kind): \(result.error)")
    }
    #expect(try seriousness(h, case: "1", db: other) == ["hospitalisation", "medically-important"])
    #expect(try seriousness(h, case: "2", db: other) == [])
    let serious = h.run("case", "list", "--serious", "--format", "csv", "--db", other).output
    #expect(serious.split(whereSeparator: \.isNewline).count == 2, "a header and case 1: \(serious)")
    #expect(h.run("export", "cases", "--identified", "--out", "again.csv", "--db", other).status == 0)
    #expect(try String(contentsOfFile: h.path("again.csv"), encoding: .utf8) == cases)
    let again = h.run("import", "cases", h.path("cases.csv"), "--db", other)
    #expect(again.status == 0, "\(again.error)")
    #expect(again.output.contains("0 cases added"), "\(again.output)")
  }

  @Test("an identified package keeps seriousness through import DIR; datapackage.json and the codebook describe the column")
  func packageRoundTrip() throws {
    let h = try registry()
    #expect(h.run("export", "--out", "first", "--identified").status == 0)
    let other = h.path("other.sqlite")
    #expect(h.run("init", "--db", other).status == 0)
    let imported = h.run("import", "first", "--db", other)
    #expect(imported.status == 0, "\(imported.error)")
    #expect(try seriousness(h, case: "1", db: other) == ["hospitalisation", "medically-important"])
    #expect(h.run("export", "--out", "second", "--identified", "--db", other).status == 0)
    for name in ["cases.csv", "datapackage.json"] {
      #expect(try Data(contentsOf: URL(fileURLWithPath: h.path("first/" + name)))
                == Data(contentsOf: URL(fileURLWithPath: h.path("second/" + name))), "\(name)")
    }
    let package = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: h.path("first/datapackage.json"))))
    let resources = try #require((package as? [String: Any])?["resources"] as? [[String: Any]])
    let cases = try #require(resources.first { ($0["path"] as? String) == "cases.csv" })
    let fields = try #require((cases["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
    let field = try #require(fields.first { ($0["name"] as? String) == "seriousness" })
    #expect(field["type"] as? String == "string")
    let pattern = try #require((field["constraints"] as? [String: Any])?["pattern"] as? String)
    for value in ["death", "hospitalisation;medically-important"] {
      #expect(value.wholeMatch(of: try Regex(pattern)) != nil, "\(value) against \(pattern)")
    }
    #expect("hospitalisation;fatal".wholeMatch(of: try Regex(pattern)) == nil)
    let dictionary = h.run("export", "dictionary", "--format", "csv").output
    #expect(dictionary.contains("seriousness"), "the codebook lists the column")
    #expect(dictionary.contains("medically-important="), "with its codes and meanings")
  }

  @Test("an unknown criterion in cases.csv is refused (65) naming the line and column; nothing is imported")
  func badCriterion() throws {
    let h = try registry()
    let cases = try exportFiles(h)
    try cases.replacingOccurrences(of: "hospitalisation;medically-important", with: "hospitalisation;fatal")
      .write(toFile: h.path("bad.csv"), atomically: true, encoding: .utf8)
    let other = h.path("other.sqlite")
    #expect(h.run("init", "--db", other).status == 0)
    #expect(h.run("import", "patients", h.path("patients.csv"), "--db", other).status == 0)
    let result = h.run("import", "cases", h.path("bad.csv"), "--db", other)
    #expect(result.status == 65)
    #expect(result.error.contains("bad.csv:2: seriousness: unknown seriousness 'fatal'"), "\(result.error)")
    #expect(h.run("case", "list", "--format", "csv", "--db", other).output.split(whereSeparator: \.isNewline).count == 1, "the header alone")
  }
}
