import AdregStatistics
import Foundation
import Testing

/// Coverage of the survival intervals on simulated registries whose truth is known.
///
/// Each replicate is a registry of 400 patients who started treatment uniformly over the 3
/// years (1,095 days) before the as-of date, with a constant hazard of onset λ per day and an
/// exponential time to stopping treatment (mean 730 days); follow-up ends at the earlier of
/// the stop and as-of. Times are whole days, floor(T), as a registry counts them. A replicate
/// has about 86 events and 283 patients still at risk on day 112, where the Kaplan–Meier
/// standard error is about 1.45 percentage points.
@Suite("Coverage of the survival intervals on simulated registries")
struct SurvivalCoverageTests {
  static let replicates = 200
  static let patients = 400
  /// Daily hazard with 1 − exp(−112 λ) = 8%.
  static let hazard = -log(0.92) / 112

  /// One simulated registry: the life table of days, and that of days + 1 for the Weibull fit.
  static func registry(_ generator: inout SplitMix64) throws -> (days: LifeTable, dayOfTreatment: LifeTable) {
    var observations: [(time: Int, event: Bool)] = []
    observations.reserveCapacity(patients)
    for _ in 0..<patients {
      let followedUntilAsOf = 1095 * generator.openUnit()
      let stop = -730 * log(generator.openUnit())
      let onset = -log(generator.openUnit()) / hazard
      let end = min(stop, followedUntilAsOf)
      let event = onset <= end
      observations.append((time: Int((event ? onset : end).rounded(.down)), event: event))
    }
    return (
      try LifeTable(observations: observations),
      try LifeTable(observations: observations.map { (time: $0.time + 1, event: $0.event) })
    )
  }

  @Test("the 95% Kaplan–Meier interval at 112 days and the Weibull shape interval cover the truth about 95% of the time")
  func coverage() throws {
    var generator = SplitMix64(seed: 20_240_112)
    // Counting whole days, an event on day 112 happened before day 113, so the estimand of
    // the life table of days is P(floor T ≤ 112) = 1 − exp(−113 λ) = 8.08%; the brief's
    // continuous 1 − exp(−112 λ) = 8% is 0.06 standard errors away and is checked as well.
    let discreteTruth = -expm1(-113 * Self.hazard)
    let continuousTruth = -expm1(-112 * Self.hazard)
    var coversDiscrete = 0
    var coversContinuous = 0
    var coversShape = 0
    for _ in 0..<Self.replicates {
      let registry = try Self.registry(&generator)
      let incidence = try CumulativeIncidence.kaplanMeier(registry.days, horizon: 112, level: 0.95)
      let lower = try #require(incidence.lower)
      let upper = try #require(incidence.upper)
      if lower <= discreteTruth && discreteTruth <= upper { coversDiscrete += 1 }
      if lower <= continuousTruth && continuousTruth <= upper { coversContinuous += 1 }
      // Onset times are exponential, so the true shape is 1. Days + 1 replaces T by a value
      // in (T, T + 1], which matters only for the few events in the first days; the mean
      // shape over the replicates is 1.018, about the usual small-sample bias of the maximum
      // likelihood shape with ~86 events, and a fifth of its standard error (se(ln k) ≈ 0.089).
      let fit = try #require(try CensoredWeibullFit.fit(registry.dayOfTreatment, level: 0.95))
      if fit.shapeLower <= 1 && 1 <= fit.shapeUpper { coversShape += 1 }
    }
    // With 200 replicates the observed coverage of a 95% interval has a standard error of
    // 1.5 points, so [0.90, 0.99] fails by chance with probability below 1%. Observed with
    // this seed: Kaplan–Meier 0.960 (of 1 − exp(−113 λ)) and 0.955 (of 1 − exp(−112 λ)),
    // Weibull shape 0.940. Seeds 1 to 7 gave 0.945–0.970, 0.945–0.965 and 0.925–0.985.
    let total = Double(Self.replicates)
    for covered in [coversDiscrete, coversContinuous, coversShape] {
      #expect((0.90...0.99).contains(Double(covered) / total))
    }
  }
}
