import Foundation
import Testing

/// The reports recover what the synthetic clinic was built with: `synth --truth` writes the true parameters, and
/// `report risk` and `report onset` on the imported cohort land where those parameters put them.
@Suite("synth --truth: the reports recover the simulation's parameters")
struct SynthRecoveryTests {
  @Test("on 20,000 patients, each risk factor's ratio and the injection-site days since the last injection match the truth")
  func recovery() throws {
    let h = try Harness()
    let made = h.run("synth", "--patients", "20000", "--seed", "11", "--out", "cohort", "--truth", "truth.json")
    #expect(made.status == 0, "\(made.error)")
    #expect(made.output.contains("; the true parameters to truth.json."))
    #expect(h.run("init").status == 0)
    // Visits and follow-ups play no part in these two reports.
    for kind in ["patients", "doses", "cases"] {
      let imported = h.run("import", kind, "cohort/\(kind).csv")
      #expect(imported.status == 0, "\(kind): \(imported.error)")
    }
    let truth = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: h.path("truth.json")))) as? [String: Any])
    let categories = try #require(truth["categories"] as? [[String: Any]])
    #expect(categories.count == 9)

    // Risk: a factor multiplies the chance of ever having the reaction, and whether a patient is observed does not
    // depend on the factor, so E[x1/n1] / E[x2/n2] is the multiplier itself (1 for a category it does not name).
    // Tolerance: 4 standard errors of ln(RR), the SE read from the report's Katz CI, (ln high − ln low) / (2·1.96);
    // at this size the SE runs from about 0.06 (injection-site) to 0.2 (psoriasiform), so a factor left out
    // (ln 6 ≈ 1.8, ln 2.5 ≈ 0.9) is many SEs off.
    let risk = try #require(try h.json(h.run("report", "risk", "--format", "json")) as? [String: Any])
    let rows = try #require(risk["rows"] as? [[String: Any]])
    var matched = 0
    for category in categories {
      let code = try #require(category["category"] as? String)
      let multipliers = try #require(category["risk_factor_multipliers"] as? [String: Double])
      for row in rows where row["category"] as? String == code {
        let factor = try #require(row["factor"] as? String)
        let ratio = try #require(row["risk_ratio"] as? Double)
        let low = try #require(row["ci_low"] as? Double), high = try #require(row["ci_high"] as? Double)
        let se = (log(high) - log(low)) / (2 * 1.959964)
        let expected = multipliers[factor] ?? 1
        #expect(abs(log(ratio) - log(expected)) < 4 * se, "\(factor) → \(code): \(ratio) vs \(expected) (SE \(se))")
        if expected != 1 {
          matched += 1
          #expect(se < 0.25, "\(factor) → \(code) estimated precisely enough to tell")
        }
      }
    }
    #expect(matched == 7)

    // Onset: an injection-site reaction begins d days after the injection that caused it, d with the truth's shares,
    // and the next injection is at least 10 days later, so days since the last logged dose is d. The expected
    // median is the smallest d whose cumulative share reaches 1/2. Tolerance: none — the sample median differs only
    // if the sample's share at or below d, or below d, crosses 1/2; with about 2,000 episodes its SD is
    // √(0.25/2000) ≈ 0.011, and the truth's shares (0.2 below 1 day, 0.6 up to 1 day) are 9 SDs from 1/2.
    let injectionSite = try #require(categories.first { $0["category"] as? String == "injection-site" })
    let onsetPattern = try #require(injectionSite["onset"] as? [String: Any])
    let shares = try #require(onsetPattern["days_after_injection"] as? [[String: Any]])
    var cumulative = 0.0
    var expectedMedian: Double?
    for share in shares where expectedMedian == nil {
      cumulative += try #require(share["share"] as? Double)
      if cumulative >= 0.5 { expectedMedian = try #require(share["days"] as? Double) }
    }
    #expect(expectedMedian == 1)
    let onset = try #require(try h.json(h.run("report", "onset", "--format", "json")) as? [String: Any])
    let onsetRows = try #require(onset["rows"] as? [[String: Any]])
    let row = try #require(onsetRows.first { $0["category"] as? String == "injection-site" })
    let episodes = try #require(row["episodes"] as? Int)
    #expect(episodes > 1_500)
    #expect(row["episodes_with_dose"] as? Int == episodes)
    #expect(row["median_days_since_last_dose"] as? Double == expectedMedian)
  }
}
