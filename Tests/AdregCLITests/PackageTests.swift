import AdregDatabase
import AdregTestSupport
import Foundation
import Testing

/// A registry with hostile text in every free-text field, and every kind of row a package holds.
enum HostileRegistry {
  /// Quotes, a line break, emoji, SQL, a formula and 10,000 characters.
  static let text = "=HYPERLINK(\"x\"), she said \"stop\";\n'; DROP TABLE patient; -- 😀👩🏽‍⚕️ " + String(repeating: "é", count: 10_000)
  /// One line of at most 200 characters, for the regimen.
  static let line = "-300 mg \"REGIMEN-MARK\" '; DROP TABLE dose; -- 😀"

  /// Enrols two patients born in 1937 and 1941, with doses, visits, three cases (one withdrawn), follow-ups, staff
  /// answers and WHO-UMC categories (two on case 1, the latest standing; one on the withdrawn case).
  static func build(_ h: Harness) throws {
    for words in [
      ["init"],
      ["patient", "add", "SECRET-1", "--start", "2024-01-10", "--sex", "F", "--birth-year", "1937", "--regimen", line,
       "--risk", "rosacea-history"],
      ["patient", "add", "SECRET-2", "--start", "2024-03-01", "--birth-year", "1941"],
      ["patient", "stop", "SECRET-2", "--date", "2025-01-31", "--reason", text],
      ["dose", "add", "SECRET-1", "--date", "2024-01-10"], ["dose", "add", "SECRET-1", "--date", "2024-01-24"],
      ["dose", "add", "SECRET-2", "--date", "2024-03-01"],
      ["visit", "add", "SECRET-1", "--date", "2024-02-07", "--note", text],
      ["visit", "add", "SECRET-2", "--date", "2024-04-01"],
      ["record", "SECRET-1", "--onset", "2024-01-26", "--category", "other", "--note", text, "--reported", "2024-01-29",
       "--morphology", "erythema,papules", "--sites", "face,neck", "--itch", "6"],
      ["record", "SECRET-2", "--onset", "2024-04-02", "--category", "injection-site", "--reported", "2024-04-02"],
      ["record", "SECRET-2", "--onset", "2024-05-02", "--category", "psoriasiform", "--reported", "2024-05-03"],
      ["case", "update", "1", "--action", "paused", "--treatment", "topical-corticosteroid,moisturizer", "--note", text],
      ["case", "update", "1", "--dechallenge", "improved", "--outcome", "resolved", "--outcome-date", "2024-03-01",
       "--biopsy", text],
      ["case", "update", "3", "--note", text],
      ["assess", "1", "--answer", "5=no", "--answer", "8=yes"],
      ["assess", "1", "--who-umc", "probable", "--reason", text],
      ["assess", "1", "--who-umc", "unlikely", "--reason", "second look"],
      ["assess", "3", "--who-umc", "conditional", "--reason", "awaiting the biopsy"],
      ["case", "withdraw", "3", "--reason", text],
    ] {
      let result = h.run(words)
      #expect(result.status == 0, "\(words.prefix(2)): \(result.error)")
    }
  }
}

@Suite("export package and import DIR")
struct PackageTests {
  static let files = [
    "patients.csv", "doses.csv", "visits.csv", "cases.csv", "followups.csv", "assessments.csv", "references.csv",
    "datapackage.json",
  ]

  func contents(_ folder: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for name in Self.files {
      result[name] = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }
    return result
  }

  @Test("an identified package with hostile text goes through import DIR into an empty registry and back byte for byte; again, it adds nothing")
  func packageRoundTrip() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    #expect(h.run("export", "--out", "first", "--identified").status == 0)
    let other = h.path("other.sqlite")
    #expect(h.run("init", "--db", other).status == 0)
    let imported = h.run("import", "first", "--db", other)
    #expect(imported.status == 0, "\(imported.error)")
    #expect(h.run("export", "--out", "second", "--identified", "--db", other).status == 0)
    let first = try contents(h.path("first"))
    #expect(first == (try contents(h.path("second"))))
    // The hostile text is there, as stored.
    let followUps = String(decoding: try #require(first["followups.csv"]), as: UTF8.self)
    #expect(followUps.contains("'; DROP TABLE patient; -- 😀👩🏽‍⚕️ " + String(repeating: "é", count: 10_000)))
    let again = h.run("import", "first", "--db", other)
    #expect(again.status == 0)
    for noun in ["patients", "cases", "follow-ups", "doses", "visits", "staff answers"] {
      #expect(again.output.contains("0 \(noun) added"), "\(again.output)")
    }
    #expect(h.run("export", "--out", "third", "--identified", "--db", other).status == 0)
    #expect(first == (try contents(h.path("third"))))
    // One audit entry per package import.
    let audit = h.run("audit", "--format", "csv", "--db", other).output
    #expect(audit.components(separatedBy: "package.import").count - 1 == 2)
  }

  @Test("a package with a bad row imports nothing, naming the file and line; a de-identified package is refused")
  func packageAllOrNothing() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    #expect(h.run("export", "--out", "pkg", "--identified").status == 0)
    #expect(h.run("export", "--out", "research").status == 0)
    let visits = h.path("pkg/visits.csv")
    let text = try String(contentsOfFile: visits, encoding: .utf8)
    try (text + "main,SECRET-1,2023-01-01,\r\n").write(toFile: visits, atomically: true, encoding: .utf8)
    let other = h.path("other.sqlite")
    #expect(h.run("init", "--db", other).status == 0)
    let refused = h.run("import", "pkg", "--db", other)
    #expect(refused.status == 65)
    #expect(refused.error.contains("pkg/visits.csv:5: visit_date: 2023-01-01 is before the treatment start 2024-01-10"))
    #expect(h.run("patient", "list", "--format", "csv", "--db", other).output.split(separator: "\n").count == 1)
    // Fixed, a dry run reports and writes nothing; an existing package is replaced only with --force.
    try (text + "").write(toFile: visits, atomically: true, encoding: .utf8)
    let dry = h.run("import", "pkg", "--db", other, "--dry-run")
    #expect(dry.status == 0, "\(dry.error)")
    #expect(dry.output.hasPrefix("Dry run of pkg, nothing written"))
    #expect(h.run("patient", "list", "--format", "csv", "--db", other).output.split(separator: "\n").count == 1)
    let before = try contents(h.path("pkg"))
    let again = h.run("export", "--out", "pkg", "--identified")
    #expect(again.status == 65)
    #expect(again.errorLines.first?.contains("already exists; give --force") == true)
    #expect(try contents(h.path("pkg")) == before)
    #expect(h.run("export", "--out", "pkg", "--identified", "--force").status == 0)
    let deidentified = h.run("import", "research", "--db", other)
    #expect(deidentified.status == 65)
    #expect(deidentified.errorLines.first?.contains("de-identified package") == true)
  }

  @Test("the same registry gives the same package bytes; datapackage.json holds no time stamp or path")
  func deterministic() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    for identified in [true, false] {
      let flags = identified ? ["--identified"] : []
      #expect(h.run(["export", "--out", "a\(identified)"] + flags).status == 0)
      #expect(h.run(["export", "--out", "b\(identified)"] + flags).status == 0)
      let a = try contents(h.path("a\(identified)"))
      #expect(a == (try contents(h.path("b\(identified)"))))
      let descriptor = String(decoding: try #require(a["datapackage.json"]), as: UTF8.self)
      #expect(!descriptor.contains("2025-06-30"))
      #expect(!descriptor.contains(h.directory.path))
    }
  }

  @Test("every file alone: doses, visits and follow-ups (and patients and cases) round trip byte for byte")
  func filesAlone() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    var exported: [String: String] = [:]
    for kind in ["patients", "cases", "doses", "visits", "followups"] {
      let result = h.run("export", kind, "--identified")
      #expect(result.status == 0)
      exported[kind] = result.output
      try result.output.write(toFile: h.path("\(kind).csv"), atomically: true, encoding: .utf8)
    }
    // The cases' follow-up columns would become follow-ups of their own; here they come from followups.csv.
    let stateColumns: Set = ["actions", "treatments", "dechallenge", "rechallenge", "outcome", "outcome_date", "biopsy"]
    try CSVColumns.drop(stateColumns, from: h.path("cases.csv"), to: h.path("bare-cases.csv"))
    let other = h.path("other.sqlite")
    #expect(h.run("init", "--db", other).status == 0)
    for (kind, file) in [
      ("patients", "patients.csv"), ("cases", "bare-cases.csv"), ("followups", "followups.csv"), ("doses", "doses.csv"),
      ("visits", "visits.csv"),
    ] {
      let result = h.run("import", kind, file, "--db", other)
      #expect(result.status == 0, "\(kind): \(result.error)")
    }
    for kind in ["patients", "cases", "doses", "visits", "followups"] {
      #expect(h.run("export", kind, "--identified", "--db", other).output == exported[kind], "\(kind)")
      let again = h.run("import", kind, "\(kind == "cases" ? "bare-cases" : kind).csv", "--db", other)
      #expect(again.output.contains(" 0 "), "\(kind): \(again.output) \(again.error)")
    }
  }

  @Test("JSON Lines of follow-ups and doses keep types: numbers as numbers, lists as arrays, empty as null")
  func jsonLines() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    let lines = h.run("export", "followups", "--identified", "--format", "json").output.split(separator: "\n")
    #expect(lines.count == 3)
    let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    let paused = try #require(objects.first { $0["action"] as? String == "paused" })
    #expect(paused["sequence"] as? Int == 1)
    #expect(paused["treatments"] as? [String] == ["moisturizer", "topical-corticosteroid"])
    #expect(paused["note"] as? String == HostileRegistry.text)
    #expect(paused["outcome"] is NSNull)
    let doses = h.run("export", "doses", "--format", "json").output.split(separator: "\n")
    let days = try doses.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["days_to_dose"] as? Int }
    // SECRET-1 from 2024-01-10: days 0 and 14; SECRET-2 from 2024-03-01: day 0.
    #expect(days.compactMap { $0 }.sorted() == [0, 0, 14])
  }

  @Test("doses, visits and follow-ups: every bad row as FILE:LINE: column: problem, nothing written; --skip-invalid keeps the good ones")
  func badRows() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    try "patient_code,dose_date\nSECRET-1,2024-02-07\nSECRET-1,2024-1-5\nNOBODY,2024-02-07\nSECRET-2,2025-02-14\n"
      .write(toFile: h.path("d.csv"), atomically: true, encoding: .utf8)
    let refused = h.run("import", "doses", "d.csv")
    #expect(refused.status == 65)
    #expect(refused.error.contains("d.csv:3: dose_date:"))
    #expect(refused.error.contains("d.csv:4: patient_code: unknown patient NOBODY"))
    #expect(refused.error.contains("d.csv:5: dose_date: 2025-02-14 is after treatment stopped on 2025-01-31"))
    #expect(h.run("export", "doses", "--identified").output.split(separator: "\r\n").count == 4)
    let dry = h.run("import", "doses", "d.csv", "--dry-run")
    #expect(dry.status == 65)
    let skipped = h.run("import", "doses", "d.csv", "--skip-invalid", "--rejects", "rejects.csv")
    #expect(skipped.status == 0)
    #expect(skipped.output.contains("1 dose added"))
    let rejects = try String(contentsOfFile: h.path("rejects.csv"), encoding: .utf8)
    #expect(rejects.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4)
    let followUpRows = h.run("export", "followups", "--identified").output.components(separatedBy: "\r\n").dropFirst()
    let caseUUID = try #require(followUpRows.first?.prefix(36))
    let stored = followUpRows.filter { $0.hasPrefix(caseUUID) }.count
    try "case_uuid,sequence,outcome\n\(caseUUID),4,ongoing\n\(caseUUID),1,ongoing\n"
      .write(toFile: h.path("f.csv"), atomically: true, encoding: .utf8)
    let followUps = h.run("import", "followups", "f.csv")
    #expect(followUps.status == 65)
    #expect(followUps.error.contains("f.csv:2: sequence: case \(caseUUID) has \(stored) follow-up(s), so the next is \(stored + 1), not 4"))
    #expect(followUps.error.contains("f.csv:3: sequence: case \(caseUUID) already has a follow-up 1 with other values"))
  }
}

@Suite("the sample templates in Fixtures")
struct TemplateTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  @Test("the five templates import in order, twice without adding anything; follow-ups keep their times and users")
  func templates() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    for round in 0..<2 {
      for kind in ["patients", "cases", "doses", "visits", "followups"] {
        let result = h.run("import", kind, Self.fixtures.appendingPathComponent("\(kind).csv").path)
        #expect(result.status == 0, "\(kind): \(result.error)")
        #expect(result.output.contains(round == 0 ? "0 already in the registry" : " 0 \(kind == "followups" ? "follow-ups" : kind) added"), "\(result.output)")
      }
    }
    let followUps = h.run("export", "followups", "--identified").output
    #expect(followUps.contains("3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b,2,2024-05-20T09:00:00.000Z,dr.osei,,,,,resolved,2024-05-15,,\r\n"))
    // The conjunctivitis case's history: two follow-ups, the latest resolved on 2024-05-15.
    let cases = h.run("export", "cases", "--identified").output
    #expect(cases.contains("3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b,north,N-001,conjunctivitis,2024-04-20,2024-04-22,clinician,unknown,erythema,eyelids,mild,3,,continued,,,,resolved,2024-05-15,,,\r\n"))
  }

  @Test("follow-ups of two cases interleaved: each case follows on from the rows this import added to it")
  func interleavedFollowUps() throws {
    let h = try Harness()
    let uuids = h.fixtureRegistry()
    let (first, second) = (try #require(uuids.first), try #require(uuids.dropFirst().first))
    func stored(_ uuid: String) -> Int {
      h.run("export", "followups", "--identified").output.components(separatedBy: "\r\n").filter { $0.hasPrefix(uuid) }
        .count
    }
    let (a, b) = (stored(first), stored(second))
    try """
      case_uuid,sequence,outcome
      \(first),\(a + 1),ongoing
      \(second),\(b + 1),ongoing
      \(first),\(a + 2),improving
      \(second),\(b + 2),unknown

      """.write(toFile: h.path("f.csv"), atomically: true, encoding: .utf8)
    let imported = h.run("import", "followups", "f.csv")
    #expect(imported.status == 0, "\(imported.error)")
    #expect(stored(first) == a + 2 && stored(second) == b + 2)
    try """
      case_uuid,sequence,outcome
      \(first),\(a + 2),improving
      \(second),\(b + 2),unknown
      \(first),\(a + 1),improving

      """.write(toFile: h.path("g.csv"), atomically: true, encoding: .utf8)
    let refused = h.run("import", "followups", "g.csv")
    #expect(refused.status == 65)
    #expect(refused.error.contains("g.csv:4: sequence: case \(first) already has a follow-up \(a + 1) with other values"))
    #expect(!refused.error.contains("g.csv:2:") && !refused.error.contains("g.csv:3:"))
  }

  @Test("a follow-up time without milliseconds is stored with them; one in the future or malformed is refused")
  func times() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    for kind in ["patients", "cases"] {
      #expect(h.run("import", kind, Self.fixtures.appendingPathComponent("\(kind).csv").path).status == 0)
    }
    let uuid = "3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b"
    try "case_uuid,sequence,recorded_at,outcome\n\(uuid),1,2024-04-22T10:15:07Z,ongoing\n"
      .write(toFile: h.path("f.csv"), atomically: true, encoding: .utf8)
    #expect(h.run("import", "followups", "f.csv").status == 0)
    #expect(h.run("export", "followups", "--identified").output.contains("\(uuid),1,2024-04-22T10:15:07.000Z,nurse.ana,"))
    try "case_uuid,sequence,recorded_at,outcome\n\(uuid),2,2025-07-01T00:00:00.000Z,ongoing\n\(uuid),2,2024-04-22 10:15,ongoing\n"
      .write(toFile: h.path("g.csv"), atomically: true, encoding: .utf8)
    let refused = h.run("import", "followups", "g.csv")
    #expect(refused.status == 65)
    #expect(refused.error.contains("g.csv:2: recorded_at: 2025-07-01 is in the future"))
    #expect(refused.error.contains("g.csv:3: recorded_at: '2024-04-22 10:15' is not a UTC time"))
  }
}

/// Rewrites a CSV file without some of its columns, with Python's csv module (independent of adreg's reader).
enum CSVColumns {
  static func drop(_ columns: Set<String>, from source: String, to target: String) throws {
    let script = """
      import csv, sys
      drop = set(sys.argv[3].split(","))
      rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
      keep = [i for i, name in enumerate(rows[0]) if name not in drop]
      with open(sys.argv[2], "w", newline="", encoding="utf-8") as out:
          writer = csv.writer(out)
          for row in rows:
              writer.writerow([row[i] for i in keep])
      """
    let result = try Python.run(script, arguments: [source, target, columns.sorted().joined(separator: ",")])
    #expect(result.status == 0, "\(result.error)")
  }
}
