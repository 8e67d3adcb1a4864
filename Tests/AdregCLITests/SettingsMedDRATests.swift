import Foundation
import Testing

@Suite("Settings and the site's MedDRA mapping")
struct SettingsMedDRATests {
  func registry() throws -> Harness {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    return h
  }

  @Test("settings set is audited with the old value; settings list shows every key, set or not")
  func settings() throws {
    let h = try registry()
    #expect(h.run("settings", "set", "country", "DE").status == 0)
    #expect(h.run("settings", "set", "country", "FR").status == 0)
    let rows = try h.json(h.run("settings", "list", "--format", "json")) as? [[String: Any]] ?? []
    #expect(rows.map { $0["key"] as? String } == ["organisation", "country", "e2b.sender", "e2b.receiver"])
    #expect(rows[1]["value"] as? String == "FR")
    #expect(rows[0]["value"] is NSNull)
    let audit = h.run("audit", "--format", "csv").output
    #expect(audit.contains("country: ∅ → DE"))
    #expect(audit.contains("country: DE → FR"))
  }

  @Test("a bad key or country is refused (65) with the fix, and nothing changes",
        arguments: [(["sender", "X"], "unknown setting 'sender'"), (["e2b.sendr", "X"], "did you mean 'e2b.sender'?"),
                    (["country", "de"], "not an ISO 3166-1 alpha-2 code"), (["country", "DEU"], "two capital letters"),
                    (["organisation", " "], "organisation is empty")])
  func refused(words: [String], message: String) throws {
    let h = try registry()
    let before = try h.dump()
    let result = h.run(["settings", "set"] + words)
    #expect(result.status == 65)
    #expect(result.error.contains(message), "\(result.error)")
    #expect(try h.dump() == before)
  }

  @Test("meddra import reports every bad row as FILE:LINE: column: problem and imports nothing")
  func badRows() throws {
    let h = try registry()
    let file = h.path("bad.csv")
    try """
      category,meddra_version,llt_code,llt_name,pt_code,pt_name
      facial-redness,27.1,10015150,Erythema of face,10015150,Erythema
      facial-rednes,27.1,1001515,Erythema of face,10015150,Erythema
      indication,27,10003639,Atopic dermatitis,1001243X,Dermatitis atopic
      facial-redness,27.1,10015150,Erythema of face,10015150,

      """.write(toFile: file, atomically: true, encoding: .utf8)
    let before = try h.dump()
    let result = h.run("meddra", "import", file)
    #expect(result.status == 65)
    for line in [
      "\(file):3: category: unknown category 'facial-rednes'; did you mean 'facial-redness'?",
      "\(file):3: llt_code: '1001515' is not a MedDRA code; MedDRA codes have 8 digits",
      "\(file):4: meddra_version: '27' is not a MedDRA version",
      "\(file):4: pt_code: '1001243X' is not a MedDRA code",
      "\(file):5: pt_name:",
      "\(file):5: category: 'facial-redness' is mapped twice (also on line 2)",
    ] {
      #expect(result.error.contains(line), "missing \(line) in \(result.error)")
    }
    #expect(try h.dump() == before)
    #expect(h.run("meddra", "import", h.path("none.csv")).status == 66)
  }

  @Test("a replaced mapping stays in the audit trail; meddra list shows the current one; no export holds it")
  func replaced() throws {
    let h = try registry()
    let file = h.path("m.csv")
    try E2BFixture.mapping.write(toFile: file, atomically: true, encoding: .utf8)
    #expect(h.run("meddra", "import", file).status == 0)
    try """
      pt_name,pt_code,llt_name,llt_code,meddra_version,category
      Erythema,10015150,Facial erythema,10016023,27.1,facial-redness

      """.write(toFile: file, atomically: true, encoding: .utf8)
    #expect(h.run("meddra", "import", file).status == 0)
    let rows = try h.json(h.run("meddra", "list", "--format", "json")) as? [[String: Any]] ?? []
    #expect(rows.map { $0["category"] as? String } == ["facial-redness", "indication"])
    #expect(rows.first?["llt_code"] as? String == "10016023")
    let audit = h.run("audit", "--format", "csv").output
    #expect(audit.contains(
      "facial-redness: MedDRA 27.1 LLT 10015150 Erythema of face / PT 10015150 Erythema → MedDRA 27.1 LLT 10016023 Facial erythema / PT 10015150 Erythema"),
      "the old mapping is kept")
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-10").status == 0)
    #expect(h.run("record", "P1", "--onset", "2025-03-03", "--category", "facial-redness").status == 0)
    for kind in ["patients", "cases"] {
      for extra in [[], ["--identified"]] {
        let output = h.run(["export", kind] + extra).output
        #expect(!output.contains("10016023") && !output.contains("10003639"), "\(kind) \(extra)")
      }
    }
  }
}
