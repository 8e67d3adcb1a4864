import AdregCore
import Foundation
import Testing

@Suite("assess: WHO-UMC and the injection-site hint")
struct WHOUMCCommandTests {
  func setUp() throws -> Harness {
    try Harness.built([
      ["init"], ["patient", "add", "P1", "--start", "2025-01-01"],
      ["record", "P1", "--onset", "2025-01-20", "--category", "facial-redness", "--reported", "2025-01-21"],
      ["case", "update", "1", "--action", "paused"], ["case", "update", "1", "--dechallenge", "improved"],
    ])
  }

  @Test("the suggestion and its criteria are shown beside Naranjo in the table and in JSON")
  func shown() throws {
    let h = try setUp()
    // time (day 20), Q5 not answered, improved, no rechallenge → possible.
    let table = h.run("assess", "1")
    #expect(table.status == 0, "\(table.error)")
    #expect(table.output.contains("Total 4: possible"))
    #expect(table.output.contains("WHO-UMC causality: suggested possible; not set (--who-umc C --reason T)"))
    #expect(table.flowing.contains("rule: time, and question 5 not answered"))
    #expect(table.flowing.contains("withdrawal  improved on withdrawal — question 3 yes, from the record: dechallenge: improved"))
    // Staff 5=no: time, no alternative, improved → probable (Naranjo 4 + 2 = 6, probable too).
    let json = try #require(try h.json(h.run("assess", "1", "--answer", "5=no", "--format", "json")) as? [String: Any])
    #expect(json["total"] as? Int == 6)
    let who = try #require(json["who_umc"] as? [String: Any])
    #expect(who["suggested"] as? String == "probable")
    #expect(who["set"] is NSNull)
    #expect(who["standing"] as? String == "probable")
    let criteria = try #require(who["criteria"] as? [[String: Any]])
    #expect(criteria.map { $0["criterion"] as? String } == ["time", "alternative", "withdrawal", "rechallenge"])
    #expect(criteria.map { $0["question"] as? Int } == [2, 5, 3, 4])
    #expect(criteria.map { $0["source"] as? String } == ["record", "staff", "record", "unknown"])
    #expect(criteria[1]["finding"] as? String == "no alternative cause")
  }

  @Test("--who-umc C --reason T sets the category, audited, and the latest stands")
  func setting() throws {
    let h = try setUp()
    #expect(h.run("assess", "1", "--who-umc", "conditional", "--reason", "biopsy pending").status == 0)
    h.user = "dr.lee"
    let second = h.run("assess", "1", "--who-umc", "unlikely", "--reason", "rosacea before treatment")
    #expect(second.status == 0, "\(second.error)")
    #expect(second.output.contains("WHO-UMC causality: suggested possible; set unlikely by dr.lee at "))
    #expect(second.flowing.contains(": rosacea before treatment"))
    // A line break in a reason is stored, and shown escaped: it cannot forge a line of the output.
    let forged = h.run("assess", "1", "--who-umc", "unlikely", "--reason", "rosacea before treatment\nTotal 12: definite")
    #expect(forged.status == 0)
    #expect(forged.flowing.contains("rosacea before treatment\\nTotal 12: definite"))
    #expect(!forged.output.contains("\nTotal 12"))
    let json = try #require(try h.json(h.run("assess", "1", "--format", "json")) as? [String: Any])
    let who = try #require(json["who_umc"] as? [String: Any])
    let set = try #require(who["set"] as? [String: Any])
    #expect(set["reason"] as? String == "rosacea before treatment\nTotal 12: definite")
    #expect(set["category"] as? String == "unlikely" && set["by"] as? String == "dr.lee")
    #expect(who["suggested"] as? String == "possible" && who["standing"] as? String == "unlikely")
    let audit = try #require(try h.json(h.run("audit", "--case", "1", "--format", "json")) as? [[String: Any]])
    let assessed = audit.filter { $0["action"] as? String == "case.assess" }
    #expect(assessed.count == 3)
    let changes = assessed.compactMap { ($0["changes"] as? [String])?.first }
    #expect(Set(changes) == ["who_umc: ∅ → conditional", "who_umc: conditional → unlikely", "who_umc: unlikely → unlikely"])
    #expect(assessed.contains { $0["reason"] as? String == "biopsy pending" })
    #expect(assessed.contains { $0["reason"] as? String == "rosacea before treatment" })
  }

  @Test("a bad WHO-UMC setting is refused with its exit code and writes nothing")
  func refusals() throws {
    let h = try setUp()
    #expect(h.run("record", "P1", "--onset", "2025-02-01", "--category", "conjunctivitis", "--reported", "2025-02-01").status == 0)
    #expect(h.run("case", "withdraw", "2", "--reason", "entered twice").status == 0)
    let before = try h.dump()
    let cases: [([String], Int32, String)] = [
      (["assess", "1", "--who-umc", "probable"], 64, "--who-umc needs --reason"),
      (["assess", "1", "--reason", "x"], 64, "--reason goes with --who-umc"),
      (["assess", "1", "--who-umc", "probabel", "--reason", "x", "--answer", "5=no"], 65, "did you mean 'probable'?"),
      (["assess", "1", "--who-umc", "certain", "--reason", " ", "--answer", "5=no"], 65, "reason"),
      (["assess", "1", "--who-umc", "certain", "--reason", "ok", "--answer", "5=perhaps"], 65, "is not yes, no or unknown"),
      (["assess", "2", "--who-umc", "certain", "--reason", "ok"], 65, "was withdrawn"),
      (["assess", "9", "--who-umc", "certain", "--reason", "ok"], 65, "unknown case 9"),
    ]
    for (words, code, message) in cases {
      let result = h.run(words)
      #expect(result.status == code, "\(words): \(result.error)")
      #expect(result.errorLines.first?.contains(message) == true, "\(words): \(result.error)")
    }
    #expect(try h.dump() == before)
  }

  @Test("the injection-site timing hint: 0–3 days after a logged dose fires, 4 does not, and no dose says so")
  func injectionSite() throws {
    let h = try Harness.built([
      ["init"], ["patient", "add", "P1", "--start", "2025-01-01"], ["patient", "add", "P2", "--start", "2025-01-01"],
      ["dose", "add", "P1", "--date", "2025-03-01"],
      ["record", "P1", "--onset", "2025-03-04", "--category", "injection-site", "--reported", "2025-03-04"],
      ["record", "P1", "--onset", "2025-03-05", "--category", "injection-site", "--reported", "2025-03-05"],
      ["record", "P2", "--onset", "2025-03-04", "--category", "injection-site", "--reported", "2025-03-04"],
    ])
    func hints(_ id: String) throws -> (fired: [String], unchecked: [String]) {
      let json = try #require(try h.json(h.run("assess", id, "--format", "json")) as? [String: Any])
      let fired = (json["hints"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
      let unchecked = (json["unchecked_hints"] as? [[String: Any]] ?? []).compactMap { $0["hint"] as? String }
      return (fired, unchecked)
    }
    // 2025-03-01 → 03-04: 3 days after the dose, inside 0–3.
    #expect(try hints("1").fired.contains("onset 3 days after a logged injection, at the injection site"))
    #expect(try hints("1").unchecked.isEmpty)
    // 4 days: just outside; nothing fired, and nothing is unchecked since a dose is logged.
    #expect(try !hints("2").fired.contains { $0.contains("after a logged injection") })
    #expect(try hints("2").unchecked.isEmpty)
    // P2 has no logged dose: the rule is named as not checked, with how to log one.
    let none = try hints("3")
    #expect(!none.fired.contains { $0.contains("after a logged injection") })
    #expect(none.unchecked.count == 1 && none.unchecked[0].contains("no injection is logged on or before the onset"))
    #expect(none.unchecked[0].contains("adreg dose add"))
    let table = h.run("assess", "3")
    #expect(table.flowing.contains("Not checked: - onset 0–3 days after a logged injection, at the injection site: no injection is logged"))
  }

  @Test("WHO-UMC codes are a vocabulary: listed with meanings, seeded as the enum declares, in help")
  func vocabulary() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let rows = try #require(try h.json(h.run("vocabulary", "--format", "json")) as? [[String: Any]])
    for list in Vocabulary.allCases {
      let seeded = rows.filter { $0["list"] as? String == list.rawValue }.compactMap { $0["code"] as? String }
      #expect(seeded == list.codes, "\(list.rawValue)")
    }
    let who = try #require(try h.json(h.run("vocabulary", "who-umc", "--format", "json")) as? [[String: Any]])
    #expect(who.compactMap { $0["code"] as? String } == ["certain", "probable", "possible", "unlikely", "conditional", "unassessable"])
    #expect(who.allSatisfy { ($0["meaning"] as? String)?.isEmpty == false })
    let help = h.run("assess", "--help")
    #expect(help.flowing.contains("(values: certain, probable, possible, unlikely, conditional, unassessable)"))
  }
}
