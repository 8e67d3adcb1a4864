import AdregCore
import Foundation
import Testing

@Suite("Onset and risk reports")
struct OnsetRiskReportTests {
  func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
  }

  @Test("onset quartiles, 16-week share and 4-week histogram, by hand")
  func onset() throws {
    let f = try FrequencyReportTests.designedCohort()
    let report = try f.registry.onsetReport(ReportOptions())
    let redness = try #require(report.rows.first { $0.category == .facialRedness })
    // Days since 2025-01-01: 1–4 February are 31…34, 1 May is 31+28+31+30 = 120. Type 7 on [31,32,33,34,120].
    #expect(redness.episodes == 5)
    #expect(redness.minDays == 31 && redness.maxDays == 120)
    #expect(redness.medianDays == 33)
    #expect(redness.q1Days == 32)
    #expect(redness.q3Days == 34)
    #expect(redness.within16WeeksPercent == 80)
    #expect(redness.histogram == [
      OnsetBin(fromDay: 0, toDay: 27, count: 0), OnsetBin(fromDay: 28, toDay: 55, count: 4),
      OnsetBin(fromDay: 56, toDay: 83, count: 0), OnsetBin(fromDay: 84, toDay: 111, count: 0),
      OnsetBin(fromDay: 112, toDay: 139, count: 1),
    ])
    #expect(redness.medianDaysSinceLastDose == nil, "no dose logged")
    // scipy.stats.weibull_min.fit([32, 33, 34, 35, 121], floc=0) (days + 1): shape 1.64293511, scale 57.7986637
    let weibull = try #require(redness.weibull)
    #expect(close(weibull.shape, 1.6429351143242905, 1e-6))
    #expect(close(weibull.scale, 57.79866366778096, 1e-6))
    #expect(weibull.shapeLow < 1 && weibull.shapeHigh > 1)
    #expect(weibull.pattern.rawValue == "random")
    // Fewer than 5 episodes: no fit.
    #expect(try #require(report.rows.first { $0.category == .psoriasiform }).weibull == nil)
  }

  @Test("onset quartiles interpolate between days, and days since the last dose use logged doses")
  func interpolation() throws {
    let f = try ReportFixture()
    try f.patient("A", start: "2025-01-01")
    for (i, onset) in ["2025-01-01", "2025-01-11", "2025-01-21", "2025-03-02"].enumerated() {
      try f.patient("B\(i)", start: "2025-01-01")
      _ = try f.registry.addDose(code: "B\(i)", date: "2025-01-01")
      try f.reaction("B\(i)", "injection-site", onset: onset)
    }
    let row = try #require(try f.registry.onsetReport(ReportOptions()).rows.first)
    // Days [0, 10, 20, 60]: R quantile(type = 7) gives 7.5, 15, 30.
    #expect(row.q1Days == 7.5)
    #expect(row.medianDays == 15)
    #expect(row.q3Days == 30)
    #expect(row.medianDaysSinceLastDose == 15)
    #expect(row.episodesWithDose == 4)
  }

  @Test("a Weibull fit on onsets drawn with a known shape recovers it inside its interval")
  func weibullRecovery() throws {
    let f = try ReportFixture(today: "2025-12-31")
    // Inverse-CDF draws, scale 60 days, shape 0.6 ("early"): day = scale·(−ln u)^(1/shape), u on a fixed grid.
    let shape = 0.6
    let start = try #require(Day(iso: "2024-01-01"))
    for i in 0..<60 {
      let u = (Double(i) + 0.5) / 60
      let days = Int((60 * pow(-log(u), 1 / shape)).rounded()) - 1
      let code = "W\(i)"
      try f.patient(code, start: start.iso)
      try f.reaction(code, "eczema-worsening", onset: start.adding(days: min(max(days, 0), 700)).iso)
    }
    let row = try #require(try f.registry.onsetReport(ReportOptions()).rows.first)
    let weibull = try #require(row.weibull)
    #expect(weibull.shapeLow < shape && shape < weibull.shapeHigh)
    #expect(weibull.pattern.rawValue == "early")
  }

  @Test("risk ratios with the Katz interval and the zero-cell correction")
  func risk() throws {
    let f = try FrequencyReportTests.designedCohort()
    let report = try f.registry.riskReport(ReportOptions())
    let psoriasiform = try #require(report.rows.first { $0.factor == "psoriasis-history" && $0.category == .category(.psoriasiform) })
    #expect(psoriasiform.exposedWithReaction == 1 && psoriasiform.exposed == 3)
    #expect(psoriasiform.unexposedWithReaction == 0 && psoriasiform.unexposed == 54)
    // Zero cell: (1.5/4)/(0.5/55) = 41.25; se = sqrt(1/1.5 − 1/4 + 1/0.5 − 1/55), z = norm.ppf(0.975).
    #expect(psoriasiform.zeroCellCorrection)
    #expect(close(psoriasiform.riskRatio, 41.25))
    #expect(close(psoriasiform.ciLow, 1.9822777524392925))
    #expect(close(psoriasiform.ciHigh, 858.3875281383458))
    let any = try #require(report.rows.first { $0.factor == "psoriasis-history" && $0.category == .any })
    // (1/3)/(24/54) = 0.75; se = sqrt(1 − 1/3 + 1/24 − 1/54).
    #expect(!any.zeroCellCorrection)
    #expect(close(any.riskRatio, 0.75))
    #expect(close(any.ciLow, 0.14726347579252075))
    #expect(close(any.ciHigh, 3.8196843920247083))
    let nobody = try #require(report.rows.first { $0.factor == "rosacea-history" && $0.category == .any })
    #expect(nobody.exposed == 0 && nobody.riskRatio == nil, "no patient with the factor: no ratio, no NaN")
  }
}
