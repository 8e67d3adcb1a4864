import AdregDatabase
import AdregTestSupport
import Foundation
import Testing

/// assessments.csv holds both kinds of staff assessment: Naranjo answers and WHO-UMC categories.
@Suite("export package and import DIR: Naranjo answers and WHO-UMC categories in assessments.csv")
struct PackageAssessmentTests {
  /// The rows of a CSV file as Python's csv module reads them (independent of adreg's reader), header first.
  func rows(_ path: String) throws -> [[String]] {
    let script = """
      import csv, json, sys
      print(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))))
      """
    let result = try Python.run(script, arguments: [path])
    #expect(result.status == 0, "\(result.error)")
    return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String]] ?? []
  }

  func count(_ database: String, _ sql: String) throws -> Int {
    try Connection(path: database, mode: .readOnly).scalar(Int.self, sql) ?? -1
  }

  @Test("two WHO-UMC categories on one case and Naranjo answers go through a package byte for byte; the latest category stands; again, nothing is added")
  func roundTrip() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    #expect(h.run("export", "--out", "first", "--identified").status == 0)
    let table = try rows(h.path("first/assessments.csv"))
    #expect(
      table.first == [
        "case_uuid", "method", "sequence", "answered_at", "answered_by", "question", "answer", "who_umc", "who_umc_reason",
      ])
    // HostileRegistry: case 1 has answers 5=no and 8=yes, then probable and unlikely; withdrawn case 3 conditional.
    let body = table.dropFirst()
    #expect(body.filter { $0[1] == "naranjo" }.map { [$0[2], $0[5], $0[6], $0[7], $0[8]] } == [
      ["1", "5", "no", "", ""], ["2", "8", "yes", "", ""],
    ])
    let categories = body.filter { $0[1] == "who-umc" }.map { [$0[2], $0[5], $0[6], $0[7]] }
    #expect(categories.sorted { $0[3] < $1[3] } == [
      ["1", "", "", "conditional"], ["1", "", "", "probable"], ["2", "", "", "unlikely"],
    ])
    // The hostile reason as stored, its leading '=' escaped against formula injection.
    #expect(body.contains { $0[7] == "probable" && $0[8] == "'" + HostileRegistry.text })
    #expect(body.contains { $0[7] == "unlikely" && $0[8] == "second look" })
    // Harness time 2025-06-30T12:00:00Z, user nurse.ana.
    #expect(body.allSatisfy { $0[3] == "2025-06-30T12:00:00.000Z" && $0[4] == "nurse.ana" })

    let other = h.path("other.sqlite")
    #expect(h.run("init", "--db", other).status == 0)
    let imported = h.run("import", "first", "--db", other)
    #expect(imported.status == 0, "\(imported.error)")
    #expect(try count(other, "SELECT count(*) FROM who_umc_assessment") == 3)
    #expect(try count(other, "SELECT count(*) FROM assessment_answer") == 2)
    #expect(h.run("export", "--out", "second", "--identified", "--db", other).status == 0)
    for name in PackageTests.files {
      #expect(
        try Data(contentsOf: URL(fileURLWithPath: h.path("first/\(name)")))
          == Data(contentsOf: URL(fileURLWithPath: h.path("second/\(name)"))), "\(name)")
    }
    // The latest category stands in the imported registry: unlikely, set by staff, not probable.
    let shown = h.run("assess", "1", "--db", other)
    #expect(shown.status == 0, "\(shown.error)")
    #expect(shown.output.contains("set unlikely by nurse.ana at 2025-06-30T12:00:00.000Z"), "\(shown.output)")
    #expect(!shown.output.contains("set probable"), "\(shown.output)")
    let again = h.run("import", "first", "--db", other)
    #expect(again.status == 0, "\(again.error)")
    #expect(again.output.contains("0 staff answers added (5 already there)"), "\(again.output)")
    #expect(try count(other, "SELECT count(*) FROM who_umc_assessment") == 3)
    #expect(try count(other, "SELECT count(*) FROM assessment_answer") == 2)
  }

  @Test("the de-identified assessments.csv holds the category and days since start, no reason, user or time")
  func deidentified() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    #expect(h.run("export", "--out", "research").status == 0)
    let table = try rows(h.path("research/assessments.csv"))
    #expect(table.first == ["case_ref", "method", "sequence", "days_to_answer", "question", "answer", "who_umc"])
    // Case 1 (SECRET-1, start 2024-01-10) assessed on 2025-06-30: python3 -c "import datetime;
    // print((datetime.date(2025,6,30)-datetime.date(2024,1,10)).days)" → 537. Withdrawn case 3 is left out.
    let body = table.dropFirst().map { Array($0.dropFirst()) }
    #expect(body == [
      ["naranjo", "1", "537", "5", "no", ""], ["naranjo", "2", "537", "8", "yes", ""],
      ["who-umc", "1", "537", "", "", "probable"], ["who-umc", "2", "537", "", "", "unlikely"],
    ])
  }

  @Test("a bad method, category or mixed row in assessments.csv is refused as FILE:LINE: column: problem; nothing is imported")
  func badRows() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    #expect(h.run("export", "--out", "pkg", "--identified").status == 0)
    let path = h.path("pkg/assessments.csv")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    let uuid = String(try #require(lines.dropFirst().first).prefix(36))
    let added = [
      "\(uuid),who-umc,3,2025-06-30T12:00:00.000Z,nurse.ana,,,probabel,second look",
      "\(uuid),whoumc,1,2025-06-30T12:00:00.000Z,nurse.ana,,,probable,second look",
      "\(uuid),naranjo,3,2025-06-30T12:00:00.000Z,nurse.ana,2,yes,probable,",
      "\(uuid),who-umc,3,2025-06-30T12:00:00.000Z,nurse.ana,,,probable,",
    ]
    try (text + added.joined(separator: "\r\n") + "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
    let other = h.path("other.sqlite")
    #expect(h.run("init", "--db", other).status == 0)
    let refused = h.run("import", "pkg", "--db", other)
    #expect(refused.status == 65)
    // The hostile reason holds a line break, so the file has more lines than rows.
    let first = text.utf8.filter { $0 == 10 }.count + 1
    #expect(refused.error.contains("pkg/assessments.csv:\(first): who_umc: unknown WHO-UMC causality 'probabel'; did you mean 'probable'?"), "\(refused.error)")
    #expect(refused.error.contains("pkg/assessments.csv:\(first + 1): method: 'whoumc' is not naranjo or who-umc"))
    #expect(refused.error.contains("pkg/assessments.csv:\(first + 2): who_umc: a naranjo row leaves who_umc and who_umc_reason empty"))
    #expect(refused.error.contains("pkg/assessments.csv:\(first + 3): who_umc_reason is empty"))
    #expect(try count(other, "SELECT count(*) FROM patient") == 0)
    #expect(try count(other, "SELECT count(*) FROM who_umc_assessment") == 0)
    #expect(try count(other, "SELECT count(*) FROM assessment_answer") == 0)
  }
}
