import Foundation

/// Comparison of a registry proportion with a published reference proportion.
///
/// Both tests are normal approximations on the proportion scale (not percent): the registry
/// figure with its variance (Greenwood for a Kaplan–Meier incidence, p̂(1 − p̂)/N for a crude
/// proportion), against the reference point p₀.
public enum ReferenceTest {
  /// Two-sample: difference = p − p0 (proportions), SE = sqrt(variance + p0(1−p0)/referenceSize), CI difference ± z·SE with z = normal quantile at (1+level)/2, p = 2(1 − Φ(|difference|/SE)). Returns nil p when SE is 0.
  ///
  /// The reference arm of `referenceSize` patients contributes the binomial variance of its
  /// proportion. The p-value is formed as 2Φ(−|difference|/SE), which keeps its digits when it
  /// is small; with SE = 0 the interval collapses to the difference.
  /// - Throws: `StatisticsError` when the estimate or p0 lies outside [0, 1], the variance is
  ///   negative or not finite, the reference size is not positive, or the level is outside (0, 1).
  public static func twoSample(
    estimate: Double, variance: Double, reference p0: Double, referenceSize: Int, level: Double
  ) throws -> (difference: Double, lower: Double, upper: Double, pValue: Double?) {
    try validate(estimate: estimate, variance: variance, reference: p0)
    guard referenceSize > 0 else {
      throw StatisticsError.invalid("reference size must be positive, got \(referenceSize)")
    }
    let alpha = try Validate.alpha(forLevel: level)
    let z = -Distributions.normalQuantile(alpha / 2)
    let difference = estimate - p0
    let se = (variance + p0 * (1 - p0) / Double(referenceSize)).squareRoot()
    let pValue = se > 0 ? 2 * Distributions.normalCDF(-abs(difference) / se) : nil
    return (difference, difference - z * se, difference + z * se, pValue)
  }

  /// One-sample normal test: 2(1 − Φ(|p − p0|/sqrt(variance))); nil when variance is 0.
  ///
  /// Used for a time-matched comparison with a reference that has no arm size, so p0 is
  /// treated as known. Formed as 2Φ(−|p − p0|/√variance), exact to the last digits when small.
  /// - Throws: `StatisticsError` when the estimate or p0 lies outside [0, 1] or the variance is
  ///   negative or not finite.
  public static func oneSample(estimate: Double, variance: Double, reference p0: Double) throws -> Double? {
    try validate(estimate: estimate, variance: variance, reference: p0)
    guard variance > 0 else { return nil }
    return 2 * Distributions.normalCDF(-abs(estimate - p0) / variance.squareRoot())
  }

  private static func validate(estimate: Double, variance: Double, reference p0: Double) throws {
    try Validate.probability(estimate, name: "registry estimate")
    try Validate.probability(p0, name: "reference proportion")
    guard variance.isFinite, variance >= 0 else {
      throw StatisticsError.invalid("variance must be finite and not negative, got \(variance)")
    }
  }
}
