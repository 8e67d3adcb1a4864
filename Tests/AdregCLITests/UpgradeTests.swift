import Foundation
import Testing

/// A registry written by schema v001 is kept in Fixtures/; every future migration must upgrade a copy of it
/// in place with every record intact. Keep this test, and add the new schema's checks, for each migration.
@Suite("Upgrading old registries")
struct UpgradeTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/registry-v001.sqlite")

  @Test("a v001 registry upgrades in place with every record intact")
  func upgradeV001() throws {
    let h = try Harness()
    try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: h.database)
    let upgrade = h.run("init")
    #expect(upgrade.status == 0, "\(upgrade.error)")
    let check = h.run("check")
    #expect(check.status == 0)
    #expect(check.output.contains("Schema: v007_last_contact"), "\(check.output)")

    let patients = try #require(try h.json(h.run("patient", "list", "--format", "json")) as? [[String: Any]])
    #expect(patients.compactMap { $0["code"] as? String } == ["FX-01", "FX-02", "FX-03"])
    #expect(patients.compactMap { $0["site"] as? String } == ["lyon", "lyon", "oslo"])
    #expect(patients[1]["stop"] as? String == "2025-01-31")
    #expect(patients[1]["interval_days"] as? Int == 28)
    #expect(patients[0]["risk_factors"] as? [String] == ["rosacea-history"])

    let first = try #require(try h.json(h.run("case", "show", "1", "--format", "json")) as? [String: Any])
    // 2024-03-04 → 2024-04-02: 27 + 2 = 29 days (day 30); last dose 2024-03-18, 15 days before.
    #expect(first["day_of_treatment"] as? Int == 30)
    #expect(first["days_since_last_dose"] as? Int == 15)
    #expect(first["note"] as? String == "Redness \"burning\" after showers; no scaling")
    #expect(first["morphology"] as? [String] == ["erythema", "telangiectasia"])
    #expect(first["recorded_by"] as? String == "fixture")
    let current = try #require(first["current"] as? [String: Any])
    #expect(current["outcome"] as? String == "resolved")
    #expect(current["treatments"] as? [String] == ["calcineurin-inhibitor", "moisturizer"])
    #expect(current["biopsy"] as? String == "no spongiosis")

    let withdrawn = try #require(try h.json(h.run("case", "show", "3", "--format", "json")) as? [String: Any])
    #expect(withdrawn["withdrawn"] as? Bool == true)
    let assessment = try #require(try h.json(h.run("assess", "1", "--format", "json")) as? [String: Any])
    let q5 = try #require((assessment["questions"] as? [[String: Any]])?[4])
    #expect(q5["source"] as? String == "staff" && q5["answer"] as? String == "no")
    let audit = try #require(try h.json(h.run("audit", "--format", "json")) as? [[String: Any]])
    #expect(audit.count >= 16)

    // Schema v003: visits can be logged, and the shipped references were seeded again with their arm counts,
    // design and verification, every changed value kept in the audit trail.
    #expect(h.run("visit", "add", "FX-01", "--site", "lyon", "--date", "2024-05-01").status == 0)
    let references = try #require(try h.json(h.run("reference", "list", "--format", "json")) as? [[String: Any]])
    let adol = try #require(references.first { $0["source"] as? String == "LIBERTY AD ADOL" && $0["category"] as? String == "injection-site" && $0["arm"] as? String == "dupilumab" })
    #expect(adol["events"] as? Int == 7 && adol["design"] as? String == "rct" && adol["verified"] as? Bool == true)
    let sanctuary = try #require(references.first { $0["source"] as? String == "SANCTUARY" })
    #expect(sanctuary["verified"] as? Bool == false && sanctuary["design"] as? String == "source-article")
    #expect(references.contains { ($0["source"] as? String)?.hasPrefix("Jang") == true })
    let seeds = try #require(try h.json(h.run("audit", "--format", "json")) as? [[String: Any]]).filter {
      $0["action"] as? String == "reference.seed"
    }
    #expect(seeds.count == 2, "the first seeding in v001 and the new set")
    let changes = seeds.compactMap { $0["changes"] as? [String] }.joined().joined(separator: "\n")
    #expect(changes.contains("LIBERTY AD ADOL / dupilumab / injection-site: events: ∅ → 7"), "\(changes)")
    #expect(changes.contains("verified: false → true"))

    // Schema v004: the old vocabulary rows survive the rebuilt table beside the new seriousness list, an old case
    // takes criteria, and the MedDRA and E2B tables are there.
    let vocabulary = try #require(try h.json(h.run("vocabulary", "--format", "json")) as? [[String: Any]])
    #expect(vocabulary.filter { $0["list"] as? String == "category" }.count == 9)
    #expect(vocabulary.filter { $0["list"] as? String == "seriousness" }.count == 6)
    #expect(h.run("case", "update", "1", "--serious", "hospitalisation").status == 0)
    let serious = try #require(try h.json(h.run("case", "list", "--serious", "--format", "json")) as? [[String: Any]])
    #expect(serious.compactMap { $0["id"] as? Int } == [1])
    #expect(h.run("meddra", "list").status == 0)
    #expect(h.run("settings", "set", "country", "FR").status == 0)

    #expect(h.run("init").status == 0)
    let again = try #require(try h.json(h.run("audit", "--format", "json")) as? [[String: Any]])
    #expect(again.filter { $0["action"] as? String == "reference.seed" }.count == 2, "init twice seeds once")

    // Schema v005: the vocabulary keeps every old list and gains the WHO-UMC codes; an old withdrawal has no
    // duplicate link; the WHO-UMC category can be set; a new case can be withdrawn as a duplicate of an old one.
    let lists = try #require(try h.json(h.run("vocabulary", "--format", "json")) as? [[String: Any]])
    #expect(lists.filter { $0["list"] as? String == "category" }.count == 9)
    #expect(lists.filter { $0["list"] as? String == "seriousness" }.count == 6)
    #expect(lists.filter { $0["list"] as? String == "who-umc" }.count == 6)
    #expect(withdrawn["duplicate_of"] is NSNull)
    let who = try #require(assessment["who_umc"] as? [String: Any])
    #expect(who["set"] is NSNull)
    #expect(h.run("assess", "1", "--who-umc", "probable", "--reason", "upgraded").status == 0)
    #expect(h.run("record", "FX-01", "--site", "lyon", "--onset", "2024-04-02", "--category", "facial-redness").status == 0)
    #expect(h.run("case", "withdraw", "4", "--duplicate-of", "1").status == 0)
    let kept = try #require(try h.json(h.run("case", "show", "1", "--format", "json")) as? [String: Any])
    #expect(kept["duplicates"] as? [Int] == [4])
    #expect(h.run("check").status == 0)
  }
}
