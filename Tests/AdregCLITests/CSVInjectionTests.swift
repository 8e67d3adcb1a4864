import AdregDatabase
import Foundation
import Testing

/// Issue 12, item 14: CSV cells are escaped against spreadsheet formulas, reversibly (PRODUCT.md §4b).
@Suite("CSV cells escaped against formulas")
struct CSVInjectionTests {
  static let notes = [
    "=HYPERLINK(\"http://x\")", "+cmd", "@SUM(1)", "-2+3", "\tleading tab", "'quoted", "''twice", "=1+1\nline two",
    "plain note, with a comma",
  ]

  /// Fields of RFC 4180 text, for checking cells without adreg's own reader.
  static func records(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        record.append(field)
        field = ""
      } else if c == "\r\n" || c == "\n" {
        record.append(field)
        records.append(record)
        record = []
        field = ""
      } else {
        field.append(c)
      }
    }
    return records
  }

  /// The cells of `column` in CSV text.
  static func column(_ name: String, of text: String) throws -> [String] {
    let rows = records(text)
    let index = try #require(rows.first?.firstIndex(of: name), "no column \(name)")
    return rows.dropFirst().map { $0[index] }
  }

  func setUp() throws -> Harness {
    let h = try Harness()
    // A code and values that start with '-' are given after `--` and as `--option=value`, as a shell user would.
    var steps: [[String]] = [
      ["init"],
      ["patient", "add", "--start", "2024-01-15", "--regimen==300 mg", "--user=@clinic", "--as-of", "2025-06-30", "--", "-P1"],
      ["patient", "stop", "--date", "2024-12-01", "--reason=+moved", "--as-of", "2025-06-30", "--", "-P1"],
    ]
    for (i, note) in Self.notes.enumerated() {
      steps.append([
        "record", "--onset", String(format: "2024-02-%02d", i + 1), "--category", "facial-redness", "--reported",
        "2024-03-01", "--note=" + note, "--as-of", "2025-06-30", "--", "-P1",
      ])
    }
    steps.append(["case", "update", "1", "--biopsy=-negative", "--note==follow-up"])
    for words in steps {
      let result = h.run(words)
      try #require(result.status == 0, "\(words): \(result.error)")
    }
    return h
  }

  @Test("export --identified escapes hostile text, import restores it, and a second export is byte-identical")
  func identifiedRoundTrip() throws {
    let h = try setUp()
    #expect(h.run("export", "patients", "--identified", "--out", "patients.csv").status == 0)
    #expect(h.run("export", "cases", "--identified", "--out", "cases.csv").status == 0)
    let cases = try String(contentsOfFile: h.path("cases.csv"), encoding: .utf8)
    let patients = try String(contentsOfFile: h.path("patients.csv"), encoding: .utf8)
    #expect(try Self.column("description", of: cases) == Self.notes.map { note in
      "=+-@\t'".contains(note.first!) ? "'" + note : note
    })
    #expect(try Self.column("patient_code", of: cases).allSatisfy { $0 == "'-P1" })
    #expect(try Self.column("biopsy", of: cases).first == "'-negative")
    #expect(try Self.column("regimen", of: patients) == ["'=300 mg"])
    #expect(try Self.column("stop_reason", of: patients) == ["'+moved"])
    #expect(try Self.column("interval_days", of: patients) == ["14"])
    for cell in Array(Self.records(cases).joined()) + Array(Self.records(patients).joined()) {
      #expect(!(cell.first.map { "=+-@\t\r".contains($0) } ?? false), "unescaped cell \(cell.debugDescription)")
    }

    let copy = try Harness()
    #expect(copy.run("init").status == 0)
    for kind in ["patients", "cases"] {
      let result = copy.run("import", kind, h.path("\(kind).csv"))
      #expect(result.status == 0, "\(kind): \(result.error)")
    }
    #expect(copy.run("export", "patients", "--identified", "--out", "patients.csv").status == 0)
    #expect(copy.run("export", "cases", "--identified", "--out", "cases.csv").status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy.path("cases.csv"))) == Data(cases.utf8))
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy.path("patients.csv"))) == Data(patients.utf8))

    // The imported registry holds the text as it was typed, not as the file escaped it.
    let stored = try #require(try copy.json(copy.run("case", "list", "--format", "json")) as? [[String: Any]])
    #expect(Set(stored.compactMap { $0["note"] as? String }) == Set(Self.notes))
    #expect(stored.allSatisfy { $0["patient"] as? String == "-P1" })
  }

  @Test("JSON keeps text as stored, and --raw writes CSV text unescaped")
  func jsonAndRaw() throws {
    let h = try setUp()
    let lines = h.run("export", "cases", "--identified", "--format", "json").output.split(separator: "\n")
    var descriptions: [String?] = []
    for line in lines {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      descriptions.append(object["description"] as? String)
    }
    #expect(descriptions == Self.notes)
    let raw = h.run("export", "cases", "--identified", "--raw")
    #expect(raw.status == 0)
    #expect(try Self.column("description", of: raw.output) == Self.notes)
    #expect(try Self.column("patient_code", of: raw.output).allSatisfy { $0 == "-P1" })
    let rawList = h.run("case", "list", "--format", "csv", "--raw")
    #expect(try Self.column("patient", of: rawList.output).allSatisfy { $0 == "-P1" })
  }

  @Test("CSV listings and reports escape text cells, never numbers")
  func listingsAndReports() throws {
    let h = try setUp()
    let list = h.run("case", "list", "--format", "csv")
    #expect(try Self.column("patient", of: list.output).allSatisfy { $0 == "'-P1" })
    #expect(try Self.column("day_of_treatment", of: list.output).allSatisfy { Int($0) != nil })
    let audit = h.run("audit", "--format", "csv")
    #expect(try Self.column("user", of: audit.output).contains("'@clinic"))
    let patients = h.run("patient", "list", "--format", "csv")
    #expect(try Self.column("regimen", of: patients.output) == ["'=300 mg"])

    // 25 more patients without a case beside published percentages: differences registry − reference are
    // negative numbers.
    for i in 1...25 { #expect(h.run("patient", "add", "Q\(i)", "--start", "2024-01-15").status == 0) }
    let reports = [
      ["report", "frequency", "--include-unverified"], ["report", "incidence", "--include-unverified"], ["report", "onset"],
      ["report", "risk"],
    ]
    for report in reports {
      let result = h.run(report + ["--format", "csv"])
      #expect(result.status == 0, "\(report): \(result.error)")
      for cell in Self.records(result.output).joined() where cell.hasPrefix("'") {
        #expect(Double(cell.dropFirst()) == nil, "\(report): a number escaped: \(cell)")
      }
    }
    let frequency = h.run("report", "frequency", "--format", "csv", "--include-unverified")
    let differences = try Self.column("reference_difference", of: frequency.output).compactMap(Double.init)
    #expect(differences.contains { $0 < 0 })
  }

  @Test("reference list --format csv reads back through reference import unchanged")
  func referencesRoundTrip() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    try """
      source,population,arm,category,percent_low,percent_high,patients,weeks,citation,provenance
      =SUM(1),+adults,dupilumab,psoriasiform,1,4,,,@cite,'checked
      -Study,adults,placebo,psoriasiform,,2,,,x,'=careful

      """.write(toFile: h.path("hostile.csv"), atomically: true, encoding: .utf8)
    #expect(h.run("reference", "import", h.path("hostile.csv")).status == 0)
    let listed = h.run("reference", "list", "--format", "csv", "--category", "psoriasiform")
    #expect(try Self.column("source", of: listed.output).contains("'=SUM(1)"))
    #expect(try Self.column("source", of: listed.output).contains("'-Study"))
    #expect(try Self.column("provenance", of: listed.output).contains("'=careful"))
    #expect(try Self.column("provenance", of: listed.output).contains("''checked"))
    let full = h.run("reference", "list", "--format", "csv")
    try full.output.write(toFile: h.path("listed.csv"), atomically: true, encoding: .utf8)

    let copy = try Harness()
    #expect(copy.run("init").status == 0)
    let imported = copy.run("reference", "import", h.path("listed.csv"))
    #expect(imported.status == 0, "\(imported.error)")
    #expect(copy.run("reference", "list", "--format", "csv").output == full.output)
    let stored = try #require(try copy.json(copy.run("reference", "list", "--format", "json")) as? [[String: Any]])
    #expect(stored.contains { $0["source"] as? String == "=SUM(1)" && $0["provenance"] as? String == "'checked" })
    #expect(stored.contains { $0["source"] as? String == "-Study" && $0["provenance"] as? String == "=careful" })
  }

  @Test("a rejects file escapes its cells as an export does, so importing it again reads the same values")
  func rejects() throws {
    let h = try setUp()
    try (
      "patient_code,category,onset_date,itch,description\r\n"
        + "-P1,facial-redness,2024-04-01,-3,=bad itch\r\n"
        + "-P1,facial-redness,2024-04-02,2,'=escaped\r\n"
    ).write(toFile: h.path("in.csv"), atomically: true, encoding: .utf8)
    let result = h.run(["import", "cases", h.path("in.csv"), "--skip-invalid", "--rejects", h.path("rejects.csv")])
    #expect(result.status == 0, "\(result.error)")
    let rejects = try String(contentsOfFile: h.path("rejects.csv"), encoding: .utf8)
    #expect(try Self.column("itch", of: rejects) == ["'-3"])
    #expect(try Self.column("description", of: rejects) == ["'=bad itch"])
    #expect(try Self.column("patient_code", of: rejects) == ["'-P1"])
    let stored = try #require(try h.json(h.run("case", "list", "--format", "json")) as? [[String: Any]])
    #expect(stored.contains { $0["note"] as? String == "=escaped" })
  }
}
