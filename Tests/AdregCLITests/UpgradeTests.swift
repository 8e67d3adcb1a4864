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
    #expect(check.output.contains("Schema: v002_stop_index"), "\(check.output)")

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
  }
}
