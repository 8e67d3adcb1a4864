import Foundation
import Testing

/// A scripted clinic day, with every derived number worked out by hand from the calendar.
@Suite("A clinic day")
struct ClinicDayTests {
  func setUp() throws -> Harness {
    let h = try Harness()
    let steps: [[String]] = [
      ["init"],
      ["patient", "add", "A-001", "--start", "2024-01-15", "--sex", "F", "--birth-year", "1990",
       "--risk", "psoriasis-history,rosacea-history"],
      ["patient", "add", "A-002", "--start", "2024-02-28", "--sex", "M", "--birth-year", "1975"],
      ["patient", "add", "A-003", "--start", "2024-12-01"],
      ["dose", "add", "A-001", "--date", "2024-01-15"],
      ["dose", "add", "A-001", "--date", "2024-01-29"],
      ["dose", "add", "A-001", "--date", "2024-02-12"],
      ["dose", "add", "A-002", "--date", "2024-02-28"],
      ["dose", "add", "A-002", "--date", "2024-03-13"],
    ]
    for step in steps {
      let result = h.run(step)
      #expect(result.status == 0, "\(step): \(result.error)")
    }
    return h
  }

  @Test("record prints the id and timing in words, counted by hand across 29 February")
  func recordTiming() throws {
    let h = try setUp()
    // 2024-01-15 → 2024-02-20: 16 days to 31 January, then 20: 36 days, so day 37; last dose 12 February, 8 days before.
    let first = h.run(
      "record", "A-001", "--onset", "2024-02-20", "--category", "facial-redness", "--scaling", "absent", "--sites",
      "face,neck", "--morphology", "erythema", "--itch", "4", "--reported", "2024-02-22")
    #expect(first.output == "Case 1 recorded for A-001: facial-redness, onset on day 37 of treatment, 8 days after the last injection.\n")
    // 2024-02-28 → 2024-03-01 crosses 29 February 2024: 2 days, day 3; dose on 28 February.
    let second = h.run("record", "A-002", "--onset", "2024-03-01", "--category", "injection-site", "--sites", "injection-site")
    #expect(second.output == "Case 2 recorded for A-002: injection-site, onset on day 3 of treatment, 2 days after the last injection.\n")
    // 28 February → 14 March 2024: 1 + 14 = 15 days, day 16; dose on 13 March, 1 day before.
    let third = h.run("record", "A-002", "--onset", "2024-03-14", "--category", "eczema-worsening")
    #expect(third.output == "Case 3 recorded for A-002: eczema-worsening, onset on day 16 of treatment, 1 day after the last injection.\n")
    // 1 December 2024 → 5 January 2025: 30 + 5 = 35 days, day 36; no dose logged.
    let fourth = h.run("record", "A-003", "--onset", "2025-01-05", "--category", "psoriasiform", "--source", "patient")
    #expect(fourth.output == "Case 4 recorded for A-003: psoriasiform, onset on day 36 of treatment, no injection logged before onset.\n")
    // Onset on the first day is day 1, on the day of an injection.
    let fifth = h.run("record", "A-001", "--onset", "2024-01-15", "--category", "injection-site")
    #expect(fifth.output.contains("onset on day 1 of treatment, on the day of an injection"))
  }

  @Test("follow-ups, a withdrawal, and what show, list and audit then say")
  func wholeDay() throws {
    let h = try setUp()
    for words in [
      ["record", "A-001", "--onset", "2024-02-20", "--category", "facial-redness", "--scaling", "absent", "--sites", "face,neck",
       "--reported", "2024-02-22", "--severity", "moderate"],
      ["record", "A-002", "--onset", "2024-03-01", "--category", "injection-site"],
      ["record", "A-002", "--onset", "2024-03-14", "--category", "eczema-worsening"],
      ["record", "A-003", "--onset", "2025-01-05", "--category", "psoriasiform"],
      ["case", "update", "1", "--action", "interval-extended"],
      ["case", "update", "1", "--treatment", "topical-corticosteroid"],
      ["case", "update", "1", "--dechallenge", "improved"],
      ["case", "update", "1", "--outcome", "resolved", "--outcome-date", "2024-04-02"],
      ["case", "withdraw", "3", "--reason", "duplicate of an earlier entry"],
    ] {
      let result = h.run(words)
      #expect(result.status == 0, "\(words): \(result.error)")
    }

    let show = try #require(try h.json(h.run("case", "show", "1", "--format", "json")) as? [String: Any])
    #expect(show["category"] as? String == "facial-redness")
    #expect(show["days_since_start"] as? Int == 36)
    #expect(show["day_of_treatment"] as? Int == 37)
    #expect(show["days_since_last_dose"] as? Int == 8)
    #expect(show["reporting_delay_days"] as? Int == 2)
    #expect(show["sites"] as? [String] == ["face", "neck"])
    #expect(show["scaling"] as? String == "absent")
    let followUps = try #require(show["follow_ups"] as? [[String: Any]])
    #expect(followUps.count == 4)
    #expect(followUps[0]["action"] as? String == "interval-extended")
    #expect(followUps[1]["treatments"] as? [String] == ["topical-corticosteroid"])
    #expect(followUps[2]["dechallenge"] as? String == "improved")
    #expect(followUps[3]["outcome"] as? String == "resolved")
    #expect(followUps.allSatisfy { $0["recorded_by"] as? String == "nurse.ana" })
    let current = try #require(show["current"] as? [String: Any])
    #expect(current["action"] as? String == "interval-extended")
    #expect(current["outcome"] as? String == "resolved")
    #expect(current["outcome_date"] as? String == "2024-04-02")
    #expect(current["dechallenge"] as? String == "improved")

    let withdrawn = try #require(try h.json(h.run("case", "show", "3", "--format", "json")) as? [String: Any])
    #expect(withdrawn["withdrawn"] as? Bool == true)
    #expect(withdrawn["withdrawal_reason"] as? String == "duplicate of an earlier entry")
    #expect(h.run("case", "show", "3").output.hasPrefix("WITHDRAWN"))

    let list = try #require(try h.json(h.run("case", "list", "--format", "json")) as? [[String: Any]])
    #expect(list.compactMap { $0["id"] as? Int } == [1, 2, 4], "the withdrawn case leaves the list")
    let a2 = try #require(try h.json(h.run("patient", "show", "A-002", "--format", "json")) as? [String: Any])
    #expect(a2["doses"] as? [String] == ["2024-02-28", "2024-03-13"])
    #expect((a2["cases"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [2])
    let a1 = try #require(try h.json(h.run("patient", "show", "A-001", "--format", "json")) as? [String: Any])
    #expect(a1["risk_factors"] as? [String] == ["psoriasis-history", "rosacea-history"])
    let listed = try #require(try h.json(h.run("patient", "list", "--format", "json")) as? [[String: Any]])
    #expect(listed.first { $0["code"] as? String == "A-001" }?["risk_factors"] as? [String] == ["psoriasis-history", "rosacea-history"])
    let table = h.run("patient", "list").output.split(separator: "\n")
    #expect(table.count == 2 + 3, "header, rule and three patients")
    #expect(table.allSatisfy { $0.last != " " }, "no line of the table ends in padding")

    let audit = try #require(try h.json(h.run("audit", "--format", "json")) as? [[String: Any]])
    // init: references seeded + migration; 3 patients, 5 doses, 4 cases, 4 follow-ups, 1 withdrawal.
    let expectedEntries = 2 + 3 + 5 + 4 + 4 + 1
    #expect(audit.count == expectedEntries)
    #expect(audit.first?["action"] as? String == "case.withdraw", "newest first")
    #expect(audit.first?["reason"] as? String == "duplicate of an earlier entry")
    let caseAudit = try #require(try h.json(h.run("audit", "--case", "1", "--format", "json")) as? [[String: Any]])
    let caseActions: [String] = caseAudit.compactMap { $0["action"] as? String }
    #expect(caseActions == ["case.update", "case.update", "case.update", "case.update", "case.record"])
    let outcome = try #require(caseAudit.first?["changes"] as? [String])
    #expect(outcome.contains("outcome: ∅ → resolved"))
    let patientAudit = try #require(try h.json(h.run("audit", "--patient", "A-002", "--format", "json")) as? [[String: Any]])
    let expectedForA2 = 1 + 2 + 2 + 1  // enrolment, two doses, two cases, the withdrawal
    #expect(patientAudit.count == expectedForA2)
  }

  @Test("text with quotes, SQL, newlines, emoji and 10,000 characters round-trips byte for byte")
  func hostileText() throws {
    let h = try setUp()
    let texts = [
      "He said \"it burns\" and 'itches'", "'; DROP TABLE patients; --", "line one\nline two\n\ttabbed",
      "🧴🔥 visage rouge — 顔の赤み", String(repeating: "x🙂", count: 5_000),
    ]
    for (i, text) in texts.enumerated() {
      let record = h.run("record", "A-001", "--onset", "2024-02-20", "--category", "other", "--note", text)
      #expect(record.status == 0, "\(record.error)")
      let show = try #require(try h.json(h.run("case", "show", "\(i + 1)", "--format", "json")) as? [String: Any])
      #expect(show["note"] as? String == text)
    }
    #expect(h.run("check").status == 0)
  }
}
