import Foundation

/// Confidence intervals and an exact test for a binomial proportion x of n.
///
/// All functions throw a `StatisticsError` for n <= 0 (report "no patients" before calling),
/// x < 0, x > n, a level outside (0, 1) or a probability outside [0, 1].
public enum Proportion {
  /// Wilson score interval for x successes of n, as proportions in [0, 1].
  ///
  /// The bounds are the two roots of the score-test quadratic at z = Phi^-1(1 - alpha/2). The
  /// larger root is evaluated directly and the smaller one as (product of roots) / (larger
  /// root), which avoids the cancellation of center - halfwidth for rare events in large n.
  /// The lower bound is exactly 0 when x == 0 and the upper bound exactly 1 when x == n.
  public static func wilson(successes x: Int, trials n: Int, level: Double) throws -> Interval {
    try Validate.counts(successes: x, trials: n)
    let alpha = try Validate.alpha(forLevel: level)
    let z = -Distributions.normalQuantile(alpha / 2)
    let xs = Double(x)
    let ns = Double(n)
    let z2 = z * z
    let denominator = ns + z2
    let halfWidth = z * (xs * (ns - xs) / ns + z2 / 4).squareRoot()
    let largerRoot = (xs + z2 / 2 + halfWidth) / denominator
    let rootProduct = xs * xs / (ns * denominator)
    let lower = x == 0 ? 0 : rootProduct / largerRoot
    let upper = x == n ? 1 : min(1, largerRoot)
    return Interval(lower: max(0, lower), upper: upper)
  }

  /// Clopper–Pearson exact interval (beta quantiles): lower = 0 when x == 0, upper = 1 when x == n.
  ///
  /// lower = Beta(x, n - x + 1) quantile at alpha/2 and upper = Beta(x + 1, n - x) quantile at
  /// 1 - alpha/2, each solved to a relative step of 1e-14. The interval guarantees at least
  /// the nominal coverage, so it is wider than Wilson for small n.
  public static func clopperPearson(successes x: Int, trials n: Int, level: Double) throws -> Interval {
    try Validate.counts(successes: x, trials: n)
    let alpha = try Validate.alpha(forLevel: level)
    let tail = alpha / 2
    let lower = x == 0
      ? 0
      : SpecialFunctions.betaQuantile(lowerTail: tail, upperTail: 1 - tail, a: Double(x), b: Double(n - x + 1))
    let upper = x == n
      ? 1
      : SpecialFunctions.betaQuantile(lowerTail: 1 - tail, upperTail: tail, a: Double(x + 1), b: Double(n - x))
    return Interval(lower: lower, upper: upper)
  }

  /// Exact two-sided binomial test p-value as R's binom.test: sum of P(X=k) over all k with P(X=k) <= P(X=x)*(1+1e-7). Clamp to <= 1.
  ///
  /// The 1e-7 relative slack makes mathematically tied probabilities count as tied despite
  /// rounding. Returns exactly 1 when x == n * p0. For p0 == 0 or 1 the distribution is a
  /// point mass, so the result is 1 when x sits on it and 0 otherwise. Instead of summing all
  /// n + 1 terms, the cut-off on the far side of the mode is found by binary search (the
  /// probabilities are monotone there) and both tails come from the incomplete beta function,
  /// so n in the millions costs about a millisecond.
  public static func binomialTestTwoSided(successes x: Int, trials n: Int, probability p: Double) throws -> Double {
    try Validate.counts(successes: x, trials: n)
    try Validate.probability(p, name: "null-hypothesis probability")
    if p == 0 { return x == 0 ? 1 : 0 }
    if p == 1 { return x == n ? 1 : 0 }
    let q = 1 - p
    let ns = Double(n)
    let pmf: (Int) -> Double = { k in SpecialFunctions.binomialDensity(Double(k), ns, p: p, q: q) }
    let threshold = pmf(x) * (1 + 1e-7)
    let mean = ns * p
    let xs = Double(x)
    if xs == mean { return 1 }
    let pValue: Double
    if xs < mean {
      // On [ceil(mean), n] the probabilities do not increase, so those at or below the
      // threshold form a suffix starting at the first index that qualifies.
      var lo = Int(mean.rounded(.up))
      var hi = n + 1
      while lo < hi {
        let mid = lo + (hi - lo) / 2
        if pmf(mid) <= threshold { hi = mid } else { lo = mid + 1 }
      }
      pValue = SpecialFunctions.binomialLowerTail(x, n, p: p) + SpecialFunctions.binomialUpperTail(lo - 1, n, p: p)
    } else {
      // On [0, floor(mean)] the probabilities do not decrease, so those at or below the
      // threshold form a prefix ending just before the first index that exceeds it.
      var lo = 0
      var hi = Int(mean.rounded(.down)) + 1
      while lo < hi {
        let mid = lo + (hi - lo) / 2
        if pmf(mid) > threshold { hi = mid } else { lo = mid + 1 }
      }
      pValue = SpecialFunctions.binomialLowerTail(lo - 1, n, p: p) + SpecialFunctions.binomialUpperTail(x - 1, n, p: p)
    }
    return min(1, pValue)
  }
}
