import Foundation

/// Exact confidence intervals for a Poisson event count (Garwood intervals).
public enum PoissonRate {
  /// Exact interval for the Poisson mean count k: lower = chi2(alpha/2; 2k)/2 (0 when k == 0), upper = chi2(1-alpha/2; 2k+2)/2. Caller divides by exposure.
  ///
  /// The chi-square quantiles are solved as Gamma(k) and Gamma(k + 1) quantiles, which are
  /// the same numbers without the factor 2 round trip. Throws for k < 0 and for a level
  /// outside (0, 1). The bounds are on the count scale: for a rate per patient-year, divide
  /// both by the total patient-years.
  public static func countInterval(events k: Int, level: Double) throws -> Interval {
    guard k >= 0 else {
      throw StatisticsError.invalid("number of events must not be negative, got \(k)")
    }
    let alpha = try Validate.alpha(forLevel: level)
    let tail = alpha / 2
    let lower = k == 0
      ? 0
      : SpecialFunctions.gammaQuantile(lowerTail: tail, upperTail: 1 - tail, shape: Double(k))
    let upper = SpecialFunctions.gammaQuantile(lowerTail: 1 - tail, upperTail: tail, shape: Double(k + 1))
    return Interval(lower: lower, upper: upper)
  }
}
