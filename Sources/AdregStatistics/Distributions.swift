import Foundation

/// Special functions and distribution quantiles underneath the interval and test routines.
///
/// Everything here works in double precision and aims at close to full relative accuracy
/// (about 1e-14 for moderate arguments, 1e-13 for results near the underflow limit) over the
/// argument ranges a registry produces, including counts up to a few million. The non-throwing functions return NaN for arguments outside their domain,
/// like the C math library; the quantile functions throw a `StatisticsError` instead, because
/// their callers build intervals and a NaN bound would travel silently into a report.
public enum Distributions {
  /// Quantile (inverse CDF) of the standard normal distribution.
  ///
  /// Uses Wichura's algorithm AS 241 (PPND16), accurate to about 1e-16 relative over (0, 1).
  /// Returns -infinity for `p <= 0`, +infinity for `p >= 1` and NaN for NaN. For a two-sided
  /// critical value prefer `-normalQuantile(alpha / 2)` over `normalQuantile(1 - alpha / 2)`:
  /// forming `1 - alpha / 2` rounds away digits when alpha is small.
  public static func normalQuantile(_ p: Double) -> Double {
    if p.isNaN { return .nan }
    if p <= 0 { return -.infinity }
    if p >= 1 { return .infinity }
    let q = p - 0.5
    if abs(q) <= 0.425 {
      let r = 0.180625 - q * q
      let numerator =
        ((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
          + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
          + 133.14166789178437745) * r + 3.387132872796366608
      let denominator =
        ((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r
          + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
          + 42.313330701600911252) * r + 1.0
      return q * numerator / denominator
    }
    // Work with the smaller tail so that p close to 1 keeps its digits.
    var r = q < 0 ? p : 1 - p
    r = (-log(r)).squareRoot()
    var value: Double
    if r <= 5 {
      r -= 1.6
      let numerator =
        ((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
          + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
          + 4.6303378461565452959) * r + 1.42343711074968357734
      let denominator =
        ((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
          + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
          + 2.05319162663775882187) * r + 1.0
      value = numerator / denominator
    } else {
      r -= 5
      let numerator =
        ((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
          + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
          + 5.4637849111641143699) * r + 6.6579046435011037772
      let denominator =
        ((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
          + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
          + 0.59983220655588793769) * r + 1.0
      value = numerator / denominator
    }
    return q < 0 ? -value : value
  }

  /// Regularized incomplete beta function I_x(a, b), the CDF of Beta(a, b) at x.
  ///
  /// Evaluated by a continued fraction on whichever side of the mean x lies, using
  /// I_x(a, b) = 1 - I_{1-x}(b, a) above it (the symmetric switch). The fraction is
  /// DiDonato and Morris's BFRAC form (ACM TOMS 708) rather than the Numerical Recipes one,
  /// which loses up to five digits for small a, huge b and x just above the mean. The
  /// prefactor x^a (1-x)^b / B(a, b) comes from Loader's saddle-point binomial density, so
  /// shapes in the millions keep a relative accuracy near 1e-14. Returns 0 for x <= 0, 1 for
  /// x >= 1, and NaN when a or b is not positive and finite.
  public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    guard !x.isNaN, a > 0, b > 0, a.isFinite, b.isFinite else { return .nan }
    return SpecialFunctions.betaTails(x, a: a, b: b).lower
  }

  /// Quantile of Beta(a, b): the x in [0, 1] with I_x(a, b) = p.
  ///
  /// Safeguarded Halley/Newton iteration inside a shrinking bracket, falling back to bisection,
  /// stopping at a relative step of 1e-14 (the last step then leaves an error far below that).
  /// Returns exactly 0 for p == 0 and 1 for p == 1; a root below the smallest normal double
  /// is returned from the leading term of the series and may be subnormal or 0. Throws for p
  /// outside [0, 1] and for a or b not positive and finite.
  public static func betaQuantile(_ p: Double, a: Double, b: Double) throws -> Double {
    try Validate.probability(p, name: "probability")
    guard a > 0, b > 0, a.isFinite, b.isFinite else {
      throw StatisticsError.invalid("beta shape parameters must be positive and finite, got a = \(a), b = \(b)")
    }
    return SpecialFunctions.betaQuantile(lowerTail: p, upperTail: 1 - p, a: a, b: b)
  }

  /// Regularized lower incomplete gamma function P(a, x), the CDF of Gamma(a, 1) at x.
  ///
  /// Power series below x = a + 1, Lentz continued fraction for the upper tail above it, with
  /// Loader's saddle-point Poisson density as prefactor. Returns 0 for x <= 0, 1 for
  /// x == +infinity, and NaN when a is not positive and finite or x is NaN.
  public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    guard !x.isNaN, a > 0, a.isFinite else { return .nan }
    return SpecialFunctions.gammaTails(a, x).lower
  }

  /// Quantile of the chi-square distribution: the x with P(df / 2, x / 2) = p.
  ///
  /// Returns 0 for p == 0 and +infinity for p == 1. Throws for p outside [0, 1] and for
  /// degrees of freedom that are not positive and finite. Non-integer degrees of freedom are
  /// accepted, since the chi-square distribution is a scaled gamma distribution.
  public static func chiSquareQuantile(_ p: Double, degreesOfFreedom: Double) throws -> Double {
    try Validate.probability(p, name: "probability")
    guard degreesOfFreedom > 0, degreesOfFreedom.isFinite else {
      throw StatisticsError.invalid("degrees of freedom must be positive and finite, got \(degreesOfFreedom)")
    }
    return 2 * SpecialFunctions.gammaQuantile(lowerTail: p, upperTail: 1 - p, shape: degreesOfFreedom / 2)
  }

  /// Binomial probability P(X = k) for X ~ Binomial(n, p).
  ///
  /// Computed in log space with Loader's saddle-point expansion (Stirling-series error terms
  /// and a deviance term) rather than a raw lgamma difference, which would lose about
  /// log10(n) digits to cancellation for large n. Exact for the degenerate cases: p == 0 gives
  /// 1 at k == 0 and 0 elsewhere, p == 1 gives 1 at k == n. Returns 0 for k outside [0, n]
  /// and NaN for n < 0 or p outside [0, 1]. Underflows to 0 far in the tails.
  public static func binomialProbability(_ k: Int, _ n: Int, _ p: Double) -> Double {
    guard n >= 0, p.isFinite, p >= 0, p <= 1 else { return .nan }
    guard k >= 0, k <= n else { return 0 }
    return SpecialFunctions.binomialDensity(Double(k), Double(n), p: p, q: 1 - p)
  }
}
