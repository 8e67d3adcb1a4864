import AdregDatabase
import Foundation
import Testing

/// A designed registry whose duplicate pairs are known, with the scores of `case duplicates` worked by hand from the
/// formula in its help: score = 50 × (1 − d / (W + 1)) + 10 × (scaling + severity + itch + morphology + sites).
@Suite("case duplicates")
struct CaseDuplicatesTests {
  static func designed() throws -> Harness {
    try Harness.built([
      ["init"],
      ["patient", "add", "P1", "--start", "2025-01-01"], ["patient", "add", "P2", "--start", "2025-01-01"],
      ["patient", "add", "P3", "--start", "2025-01-01"], ["patient", "add", "P4", "--start", "2025-01-01"],
      ["patient", "add", "P5", "--start", "2025-01-01"], ["patient", "add", "P1", "--site", "oslo", "--start", "2025-01-01"],
      // 1, 2: P1, same onset and category, clinician then patient.
      ["record", "P1", "--onset", "2025-02-01", "--category", "eczema-worsening", "--reported", "2025-02-03",
       "--source", "clinician", "--scaling", "present", "--severity", "moderate", "--itch", "6",
       "--morphology", "erythema,papules", "--sites", "arms,flexures"],
      ["record", "P1", "--onset", "2025-02-01", "--category", "eczema-worsening", "--reported", "2025-02-02",
       "--source", "patient", "--scaling", "present", "--severity", "moderate", "--itch", "7",
       "--morphology", "erythema", "--sites", "arms,flexures"],
      // 3: P1, another category two days later: never paired with 1 or 2.
      ["record", "P1", "--onset", "2025-02-03", "--category", "psoriasiform", "--reported", "2025-02-03"],
      // 4, 5: P2, onsets 14 days apart (the window's edge, inside).
      ["record", "P2", "--onset", "2025-03-01", "--category", "facial-redness", "--reported", "2025-03-01",
       "--scaling", "absent", "--sites", "face"],
      ["record", "P2", "--onset", "2025-03-15", "--category", "facial-redness", "--reported", "2025-03-16",
       "--scaling", "absent", "--severity", "mild", "--sites", "face,neck"],
      // 6: P2, between them, withdrawn: it pairs with nothing.
      ["record", "P2", "--onset", "2025-03-10", "--category", "facial-redness", "--reported", "2025-03-10"],
      ["case", "withdraw", "6", "--reason", "entered in error"],
      // 7, 8: P3, 15 days apart: just outside the default window.
      ["record", "P3", "--onset", "2025-04-01", "--category", "conjunctivitis", "--reported", "2025-04-01"],
      ["record", "P3", "--onset", "2025-04-16", "--category", "conjunctivitis", "--reported", "2025-04-16"],
      // 9, 10: identical cases of two patients; 11: P1 of site oslo, like 1 and 2. None is ever paired.
      ["record", "P4", "--onset", "2025-02-10", "--category", "injection-site", "--reported", "2025-02-10"],
      ["record", "P5", "--onset", "2025-02-10", "--category", "injection-site", "--reported", "2025-02-10"],
      ["record", "P1", "--site", "oslo", "--onset", "2025-02-01", "--category", "eczema-worsening",
       "--reported", "2025-02-02", "--source", "patient", "--scaling", "present", "--severity", "moderate"],
    ])
  }

  func pairs(_ h: Harness, _ extra: String...) throws -> [[String: Any]] {
    try #require(try h.json(h.run(["case", "duplicates", "--format", "json"] + extra)) as? [[String: Any]])
  }

  static func ids(_ rows: [[String: Any]]) -> [[Int]] {
    rows.map { [$0["case_a"] as? Int ?? 0, $0["case_b"] as? Int ?? 0] }
  }

  @Test("the true pairs are found, highest score first; near misses, withdrawn cases and other patients are not")
  func designedPairs() throws {
    let h = try Self.designed()
    let found = try pairs(h)
    #expect(Self.ids(found) == [[1, 2], [4, 5]])
    // (1, 2): d = 0 → 50 × (1 − 0/15) = 50; scaling 1, severity 1, itch 6 vs 7 → 0, morphology
    // {erythema} / {erythema, papules} = 0.5, sites 1 → 3.5 × 10 = 35; score 85.
    let first = found[0]
    #expect(abs((first["score"] as? Double ?? 0) - 85) < 1e-9)
    #expect(first["days_apart"] as? Int == 0)
    #expect(first["agree"] as? [String] == ["onset", "scaling", "severity", "sites"])
    #expect(first["differ"] as? [String] == ["reported", "source", "itch", "morphology"])
    #expect((first["why"] as? [String])?.contains("same onset and category, different sources") == true)
    // (4, 5): d = 14 → 50 × (1 − 14/15) = 10/3; scaling 1, severity and itch and morphology unrecorded 0.5 each,
    // sites {face} / {face, neck} = 0.5 → 3.0 × 10 = 30; score 30 + 10/3 = 33.333…
    let second = found[1]
    #expect(abs((second["score"] as? Double ?? 0) - (30 + 10.0 / 3)) < 1e-9)
    #expect(second["agree"] as? [String] == ["source", "scaling"])
    #expect(second["differ"] as? [String] == ["onset", "reported", "sites"])
    #expect(second["why"] as? [String] == ["same category, onsets within 14 days"])
    #expect(second["patient"] as? String == "P2" && second["onset_a"] as? String == "2025-03-01")
  }

  @Test("the window's boundaries: --days 15 adds the pair 15 days apart, 13 drops the one 14 apart, 0 keeps same-day")
  func windows() throws {
    let h = try Self.designed()
    let wide = try pairs(h, "--days", "15")
    #expect(Self.ids(wide) == [[1, 2], [4, 5], [7, 8]])
    // W = 15: (4, 5) 50 × (1 − 14/16) + 30 = 36.25; (7, 8) 50 × (1 − 15/16) + 10 × 2.5 (nothing recorded) = 28.125.
    #expect(abs((wide[1]["score"] as? Double ?? 0) - 36.25) < 1e-9)
    #expect(abs((wide[2]["score"] as? Double ?? 0) - 28.125) < 1e-9)
    #expect(wide[2]["agree"] as? [String] == ["source"])
    #expect(Self.ids(try pairs(h, "--days", "13")) == [[1, 2]])
    let sameDay = try pairs(h, "--days", "0")
    #expect(Self.ids(sameDay) == [[1, 2]])
    // W = 0: 50 × (1 − 0/1) + 35 = 85.
    #expect(abs((sameDay[0]["score"] as? Double ?? 0) - 85) < 1e-9)
  }

  @Test("table and CSV carry the same pairs; a bad --days is refused")
  func formats() throws {
    let h = try Self.designed()
    let csv = h.run("case", "duplicates", "--format", "csv")
    #expect(csv.status == 0)
    let lines = csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(lines.first == "case_a,case_b,site,patient,category,onset_a,onset_b,days_apart,score,why,agree,differ")
    #expect(lines.count == 3)
    #expect(lines[1].hasPrefix("1,2,main,P1,eczema-worsening,2025-02-01,2025-02-01,0,85.0,"))
    let table = h.run("case", "duplicates")
    #expect(table.status == 0)
    #expect(table.output.contains("85.00") && table.output.contains("33.33"))
    #expect(table.flowing.contains("2 pair(s) to review"))
    #expect(table.flowing.contains("Nothing is merged automatically."))
    let help = h.run("case", "duplicates", "--help")
    #expect(help.flowing.contains("score (0-100) = 50 x (1 - d / (W + 1)) + 10 x (scaling + severity + itch + morphology + sites)"))
    for bad in ["-1", "3651", "two"] {
      let result = h.run("case", "duplicates", "--days", bad)
      #expect(result.status == 65, "\(bad)")
      #expect(result.errorLines.first?.contains("--days") == true)
    }
  }

  @Test("withdraw --duplicate-of links both cases in case show, table and JSON, and the pair leaves the list")
  func withdrawLink() throws {
    let h = try Self.designed()
    let result = h.run("case", "withdraw", "2", "--duplicate-of", "1", "--reason", "the patient's own report")
    #expect(result.status == 0, "\(result.error)")
    let withdrawn = try #require(try h.json(h.run("case", "show", "2", "--format", "json")) as? [String: Any])
    #expect(withdrawn["withdrawn"] as? Bool == true && withdrawn["duplicate_of"] as? Int == 1)
    #expect(withdrawn["withdrawal_reason"] as? String == "duplicate of case 1: the patient's own report")
    let kept = try #require(try h.json(h.run("case", "show", "1", "--format", "json")) as? [String: Any])
    #expect(kept["withdrawn"] as? Bool == false && kept["duplicates"] as? [Int] == [2])
    #expect(kept["duplicate_of"] is NSNull)
    #expect(h.run("case", "show", "2").output.contains("  duplicate of: case 1, which stays"))
    #expect(h.run("case", "show", "1").output.contains("  duplicates withdrawn: case 2"))
    #expect(Self.ids(try pairs(h)) == [[4, 5]])
    let audit = try #require(try h.json(h.run("audit", "--case", "2", "--format", "json")) as? [[String: Any]])
    #expect(audit.first?["action"] as? String == "case.withdraw")
    #expect(audit.first?["changes"] as? [String] == ["withdrawn: no → yes", "duplicate_of: ∅ → case 1"])
  }

  @Test("withdraw --duplicate-of refuses itself, another patient's case and a withdrawn case, writing nothing")
  func refusals() throws {
    let h = try Self.designed()
    #expect(h.run("case", "withdraw", "2", "--duplicate-of", "1").status == 0)
    let before = try h.dump()
    let cases: [([String], Int32, String)] = [
      (["1", "--duplicate-of", "1"], 65, "cannot be a duplicate of itself"),
      (["4", "--duplicate-of", "9"], 65, "a duplicate links two cases of one patient"),
      (["1", "--duplicate-of", "11"], 65, "but case 11 is patient P1's (site oslo)"),
      (["5", "--duplicate-of", "6"], 65, "case 6 is withdrawn itself (entered in error); link the duplicate to a case that stays"),
      (["3", "--duplicate-of", "2"], 65, "case 2 duplicates case 1, so give --duplicate-of 1"),
      (["6", "--duplicate-of", "4"], 65, "case 6 is already withdrawn"),
      (["1", "--duplicate-of", "99"], 65, "unknown case 99"),
      (["1", "--duplicate-of", "one"], 65, "--duplicate-of 'one' is not a case number"),
      (["1", "--duplicate-of", "3", "--reason", " "], 65, "reason"),
      (["1"], 64, "Missing expected argument '--reason <text>'"),
    ]
    for (words, code, message) in cases {
      let result = h.run(["case", "withdraw"] + words)
      #expect(result.status == code, "\(words): \(result.error)")
      #expect(result.errorLines.first?.contains(message) == true, "\(words): \(result.error)")
    }
    #expect(try h.dump() == before)
    // The schema refuses a link across patients written around adreg, and a case linked to itself.
    let db = try Connection(path: h.database)
    #expect(throws: DatabaseError.self) {
      try db.execute(
        "INSERT INTO case_withdrawal (case_id, reason, withdrawn_at, withdrawn_by, duplicate_of) VALUES (4, 'x', 'now', 'me', 9)")
    }
    #expect(throws: DatabaseError.self) { try db.execute("UPDATE case_withdrawal SET duplicate_of = 9 WHERE case_id = 2") }
    #expect(throws: DatabaseError.self) { try db.execute("UPDATE case_withdrawal SET duplicate_of = 2 WHERE case_id = 2") }
    #expect(try h.dump() == before)
  }
}
