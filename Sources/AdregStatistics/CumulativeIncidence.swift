import Foundation

/// Kaplan–Meier cumulative incidence 1 − Ŝ(h) at a horizon, with the log(−log) interval.
public struct CumulativeIncidence: Sendable, Equatable {
  /// The horizon h, in the time unit of the life table.
  public var horizon: Int
  /// Proportion in [0,1]; nil when nobody was followed to the horizon (see rules).
  public var estimate: Double?
  /// Lower confidence bound of the incidence; nil when the estimate is nil or 1.
  public var lower: Double?
  /// Upper confidence bound of the incidence; nil when the estimate is nil or 1.
  public var upper: Double?
  /// R_h: subjects with t >= horizon.
  public var atRisk: Int
  /// Greenwood variance of the estimate, Ŝ(h)² Σ D/(R(R−D)); nil when the estimate is nil; 0 when no event by h.
  ///
  /// Also 0 when Ŝ(h) = 0, where the Greenwood formula is 0 times an infinite sum.
  public var variance: Double?

  /// Creates a result from already computed values; no consistency check is made.
  public init(horizon: Int, estimate: Double?, lower: Double?, upper: Double?, atRisk: Int, variance: Double?) {
    self.horizon = horizon
    self.estimate = estimate
    self.lower = lower
    self.upper = upper
    self.atRisk = atRisk
    self.variance = variance
  }
}

extension CumulativeIncidence {
  /// Kaplan–Meier incidence 1 − Ŝ(h) with the log(−log) interval of R's
  /// `survfit(…, conf.type = "log-log")` and the Greenwood variance.
  ///
  /// With D_d events and R_d subjects at risk (t ≥ d) on each event day d ≤ h,
  /// Ŝ(h) = Π (1 − D_d/R_d) and σ² = Σ D_d / (R_d (R_d − D_d)); the Ŝ bounds are
  /// Ŝ^exp(±z·σ/ln Ŝ) with z the normal quantile at (1 + level)/2, and the incidence bounds are
  /// one minus them. A subject censored on an event day is at risk on that day. The cases
  /// where that interval does not exist are decided in this order:
  /// 1. No event by h and R_h > 0: estimate 0, lower 0, upper 1 − ((1 − level)/2)^(1/R_h)
  ///    (the exact binomial bound for no event among R_h), variance 0.
  /// 2. Ŝ(h) = 0 (every subject at risk on some event day d ≤ h had the event): estimate 1,
  ///    no interval, variance 0 — whatever R_h.
  /// 3. Otherwise, when R_h = 0 (nobody followed to h): estimate, interval and variance nil.
  ///
  /// Ŝ is accumulated as a sum of log1p terms and the incidence formed with expm1, so a rare
  /// event keeps its relative accuracy (R's cumulative product keeps about 1e-13 of it).
  /// - Throws: `StatisticsError` for a negative horizon, a level outside (0, 1), or a table
  ///   whose rows break the `LifeTable` invariants.
  public static func kaplanMeier(_ table: LifeTable, horizon: Int, level: Double) throws -> CumulativeIncidence {
    guard horizon >= 0 else {
      throw StatisticsError.invalid("horizon must not be negative, got \(horizon)")
    }
    let alpha = try Validate.alpha(forLevel: level)
    try LifeTable.validate(table.rows)

    var atRisk = table.subjects
    var logSurvival = 0.0
    var sigmaSquared = 0.0
    var hadEvent = false
    var survivalIsZero = false
    for row in table.rows {
      guard row.time <= horizon else { break }
      if row.events > 0 {
        hadEvent = true
        if row.events == atRisk {
          survivalIsZero = true
        } else {
          let d = Double(row.events)
          let r = Double(atRisk)
          logSurvival += log1p(-d / r)
          sigmaSquared += d / (r * (r - d))
        }
      }
      atRisk -= row.events + row.censored
    }
    // R_h includes the subjects whose time is h itself, which the loop has already removed.
    let atRiskAtHorizon = table.atRisk(at: horizon)

    if !hadEvent && atRiskAtHorizon > 0 {
      let upper = -expm1(log(alpha / 2) / Double(atRiskAtHorizon))
      return CumulativeIncidence(
        horizon: horizon, estimate: 0, lower: 0, upper: upper, atRisk: atRiskAtHorizon, variance: 0
      )
    }
    if survivalIsZero {
      return CumulativeIncidence(
        horizon: horizon, estimate: 1, lower: nil, upper: nil, atRisk: atRiskAtHorizon, variance: 0
      )
    }
    if atRiskAtHorizon == 0 {
      return CumulativeIncidence(
        horizon: horizon, estimate: nil, lower: nil, upper: nil, atRisk: 0, variance: nil
      )
    }

    // Here some event happened before h and Ŝ(h) > 0, so ln Ŝ < 0 and σ > 0.
    let z = -Distributions.normalQuantile(alpha / 2)
    let sigma = sigmaSquared.squareRoot()
    let survival = exp(logSurvival)
    let exponent = z * sigma / logSurvival
    // ln of the Ŝ bounds; exponent < 0, so exp(exponent) < 1 gives the upper Ŝ bound.
    let logSurvivalUpper = logSurvival * exp(exponent)
    let logSurvivalLower = logSurvival * exp(-exponent)
    return CumulativeIncidence(
      horizon: horizon,
      estimate: -expm1(logSurvival),
      lower: -expm1(logSurvivalUpper),
      upper: -expm1(logSurvivalLower),
      atRisk: atRiskAtHorizon,
      variance: survival * survival * sigmaSquared
    )
  }
}
