import AdregStatistics
import Foundation
import Testing

@Suite("Weibull maximum-likelihood fit")
struct WeibullFitTests {
  /// Inverse-CDF sampling: F(x) = 1 - exp(-(x / scale)^shape).
  static func weibullSample(count: Int, shape: Double, scale: Double, seed: UInt64) -> [Double] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in scale * pow(-log1p(-generator.openUnit()), 1 / shape) }
  }

  static func logLikelihood(_ data: [Double], shape: Double, scale: Double) -> Double {
    data.reduce(0) { sum, x in
      sum + log(shape / scale) + (shape - 1) * log(x / scale) - pow(x / scale, shape)
    }
  }

  /// Twelve onset times in days, written literally so the scipy call below can be repeated.
  static let onsetDays: [Double] = [12, 35, 47, 61, 73, 88, 102, 119, 140, 166, 205, 260]

  @Test("agrees with scipy.stats.weibull_min.fit on a fixed data set")
  func scipyFit() throws {
    let fit = try WeibullFit.fit(Self.onsetDays, level: 0.95)
    // scipy.stats.weibull_min.fit([12, 35, 47, 61, 73, 88, 102, 119, 140, 166, 205, 260], floc=0)
    // returns (1.572660325021717, 0, 121.34990199846023). scipy gets there with a Nelder-Mead
    // search that stops near 1e-7 relative, hence the looser tolerance here.
    #expect(isClose(fit.shape, 1.572660325021717, relative: 1e-6))
    #expect(isClose(fit.scale, 121.34990199846023, relative: 1e-6))
    // And our estimate is at least as likely as scipy's.
    let ours = Self.logLikelihood(Self.onsetDays, shape: fit.shape, scale: fit.scale)
    let theirs = Self.logLikelihood(Self.onsetDays, shape: 1.572660325021717, scale: 121.34990199846023)
    #expect(ours >= theirs)
  }

  @Test("solves the likelihood equations to full precision")
  func highPrecisionReference() throws {
    let fit = try WeibullFit.fit(Self.onsetDays, level: 0.95)
    // mpmath (40 digits): findroot of sum(x^k ln x)/sum(x^k) - 1/k - mean(ln x) gives
    // k = 1.5726597242115942722, and (mean x^k)^(1/k) = 121.34992711386156438.
    #expect(isClose(fit.shape, 1.5726597242115942722, relative: 1e-12))
    #expect(isClose(fit.scale, 121.34992711386156438, relative: 1e-12))
    // mpmath (40 digits): the log-likelihood in (log k, log scale) differentiated numerically
    // with mp.diff, inverted, and k * exp(-/+ 1.959963984540054 * se) formed from the
    // (log k, log k) element: an independent route to the same Wald interval.
    #expect(isClose(fit.shapeLower, 1.0031678676680816127))
    #expect(isClose(fit.shapeUpper, 2.4654483939029189583))
  }

  @Test("recovers the shape of a simulated sample inside its interval", arguments: [(1.5, 20.0, 2024 as UInt64), (0.7, 3.0, 7 as UInt64)])
  func simulatedRecovery(shape: Double, scale: Double, seed: UInt64) throws {
    let sample = Self.weibullSample(count: 500, shape: shape, scale: scale, seed: seed)
    let fit = try WeibullFit.fit(sample, level: 0.95)
    #expect(fit.shapeLower < shape && shape < fit.shapeUpper)
    #expect(fit.shapeLower < fit.shape && fit.shape < fit.shapeUpper)
    // The asymptotic standard error of the shape is about 0.78 * shape / sqrt(n), about 3.5%
    // here; 10% is a loose but still meaningful bound.
    #expect(abs(fit.shape / shape - 1) < 0.10)
    #expect(abs(fit.scale / scale - 1) < 0.10)
    // The Wald interval on log(shape) is symmetric around log(shape) by construction.
    #expect(isClose(log(fit.shapeUpper) - log(fit.shape), log(fit.shape) - log(fit.shapeLower), relative: 1e-12))
  }

  @Test("does not depend on the unit of measurement")
  func scaleInvariance() throws {
    let days = try WeibullFit.fit(Self.onsetDays, level: 0.90)
    let hours = try WeibullFit.fit(Self.onsetDays.map { $0 * 24 }, level: 0.90)
    #expect(isClose(hours.shape, days.shape, relative: 1e-12))
    #expect(isClose(hours.scale, days.scale * 24, relative: 1e-12))
    #expect(isClose(hours.shapeLower, days.shapeLower, relative: 1e-12))
    #expect(isClose(hours.shapeUpper, days.shapeUpper, relative: 1e-12))
  }

  @Test("stays finite for nearly equal samples, where the shape is very large")
  func nearlyEqual() throws {
    let fit = try WeibullFit.fit([100, 100.001, 100.002, 100.0005], level: 0.95)
    #expect(fit.shape.isFinite && fit.shape > 10_000)
    #expect(fit.scale.isFinite && fit.scale > 100 && fit.scale < 100.01)
    #expect(fit.shapeLower.isFinite && fit.shapeUpper.isFinite)
  }

  @Test("throws for too few, non-positive, non-finite or all-equal samples and invalid levels")
  func invalidArguments() {
    #expect(throws: StatisticsError.self) { try WeibullFit.fit([], level: 0.95) }
    #expect(throws: StatisticsError.self) { try WeibullFit.fit([3], level: 0.95) }
    #expect(throws: StatisticsError.self) { try WeibullFit.fit([3, 0], level: 0.95) }
    #expect(throws: StatisticsError.self) { try WeibullFit.fit([3, -1, 4], level: 0.95) }
    #expect(throws: StatisticsError.self) { try WeibullFit.fit([3, .infinity], level: 0.95) }
    #expect(throws: StatisticsError.self) { try WeibullFit.fit([3, .nan], level: 0.95) }
    #expect(throws: StatisticsError.self) { try WeibullFit.fit([5, 5, 5], level: 0.95) }
    #expect(throws: StatisticsError.self) { try WeibullFit.fit([3, 4], level: 1.2) }
  }

  @Test("a fit of distinct values with their counts equals the fit of every sample, to 1e-12")
  func countedEqualsExpanded() throws {
    // Seeded Weibull onset times rounded to whole days, so that many days repeat, as the onset report's do.
    for (seed, shape, scale) in [(UInt64(11), 0.8, 60.0), (29, 1.6, 120.0), (47, 3.0, 30.0)] {
      let days = Self.weibullSample(count: 5_000, shape: shape, scale: scale, seed: seed).map { ($0 + 1).rounded() }
      var counts: [Double: Int] = [:]
      for day in days { counts[day, default: 0] += 1 }
      #expect(counts.count < days.count / 10)
      // Zero counts are left out; the values come in descending order, unlike the samples'.
      let counted = counts.sorted { $0.key > $1.key }.map { (value: $0.key, count: $0.value) } + [(value: 7, count: 0)]
      for level in [0.95, 0.9] {
        let expanded = try WeibullFit.fit(days, level: level)
        let grouped = try WeibullFit.fit(counted: counted, level: level)
        #expect(isClose(grouped.shape, expanded.shape, relative: 1e-12))
        #expect(isClose(grouped.scale, expanded.scale, relative: 1e-12))
        #expect(isClose(grouped.shapeLower, expanded.shapeLower, relative: 1e-12))
        #expect(isClose(grouped.shapeUpper, expanded.shapeUpper, relative: 1e-12))
      }
    }
  }

  @Test("counted samples: throws for a negative count, fewer than 2 samples or one distinct value")
  func invalidCounts() {
    #expect(throws: StatisticsError.self) { try WeibullFit.fit(counted: [(value: 3, count: -1), (value: 4, count: 5)], level: 0.95) }
    #expect(throws: StatisticsError.self) { try WeibullFit.fit(counted: [(value: 3, count: 1), (value: 4, count: 0)], level: 0.95) }
    #expect(throws: StatisticsError.self) { try WeibullFit.fit(counted: [(value: 3, count: 9)], level: 0.95) }
    #expect(throws: StatisticsError.self) { try WeibullFit.fit(counted: [(value: 0, count: 2), (value: 4, count: 2)], level: 0.95) }
  }
}
