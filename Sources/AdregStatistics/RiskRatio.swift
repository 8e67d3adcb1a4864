import Foundation

/// A risk ratio between an exposed and an unexposed group with its confidence interval.
public struct RiskRatio: Sendable, Equatable {
  /// Point estimate (risk in exposed) / (risk in unexposed).
  public var ratio: Double
  /// Lower confidence bound.
  public var lower: Double
  /// Upper confidence bound.
  public var upper: Double
  /// True when 0.5 was added to every cell because one of them was empty; the estimate and
  /// interval then describe the corrected table, and a report should say so.
  public var zeroCellCorrection: Bool

  /// Creates a risk ratio from already computed values; no consistency check is made.
  public init(ratio: Double, lower: Double, upper: Double, zeroCellCorrection: Bool) {
    self.ratio = ratio
    self.lower = lower
    self.upper = upper
    self.zeroCellCorrection = zeroCellCorrection
  }
}

extension RiskRatio {
  /// (x1/n1)/(x2/n2) with Katz log CI: se = sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2); when any of x1, n1-x1, x2, n2-x2 is zero, 0.5 is added to all four cells (so n gains 1) and zeroCellCorrection = true.
  ///
  /// With the correction both the ratio and the interval use the corrected cells, so the
  /// result is always finite and positive; without it the interval is
  /// exp(log(ratio) -/+ z * se) with z = Phi^-1(1 - alpha/2). Throws when a group is empty
  /// (n1 or n2 <= 0), a count is negative or exceeds its group, or the level is outside (0, 1).
  public static func katz(
    exposedEvents x1: Int, exposed n1: Int, unexposedEvents x2: Int, unexposed n2: Int, level: Double
  ) throws -> RiskRatio {
    try Validate.counts(successes: x1, trials: n1)
    try Validate.counts(successes: x2, trials: n2)
    let alpha = try Validate.alpha(forLevel: level)
    let z = -Distributions.normalQuantile(alpha / 2)
    let corrected = x1 == 0 || x1 == n1 || x2 == 0 || x2 == n2
    let shift = corrected ? 0.5 : 0
    let a = Double(x1) + shift
    let m1 = Double(n1) + 2 * shift
    let c = Double(x2) + shift
    let m2 = Double(n2) + 2 * shift
    let ratio = (a / m1) / (c / m2)
    let se = (1 / a - 1 / m1 + 1 / c - 1 / m2).squareRoot()
    let logRatio = log(ratio)
    return RiskRatio(
      ratio: ratio,
      lower: exp(logRatio - z * se),
      upper: exp(logRatio + z * se),
      zeroCellCorrection: corrected
    )
  }
}
