import Foundation

/// A two-parameter Weibull fit (location 0) with a confidence interval for the shape.
public struct WeibullFit: Sendable, Equatable {
  /// Maximum-likelihood shape k; k < 1 means a hazard falling with time, k > 1 a rising one.
  public var shape: Double
  /// Maximum-likelihood scale lambda, in the units of the samples.
  public var scale: Double
  /// Lower confidence bound for the shape.
  public var shapeLower: Double
  /// Upper confidence bound for the shape.
  public var shapeUpper: Double

  /// Creates a fit from already computed values; no consistency check is made.
  public init(shape: Double, scale: Double, shapeLower: Double, shapeUpper: Double) {
    self.shape = shape
    self.scale = scale
    self.shapeLower = shapeLower
    self.shapeUpper = shapeUpper
  }
}

extension WeibullFit {
  /// Maximum-likelihood two-parameter Weibull (location 0) for positive samples, with a confidence interval for
  /// the shape (the choice of interval is explained below). Throws for fewer than 2 samples, non-positive values,
  /// or all-equal samples (no finite MLE).
  ///
  /// The shape solves the profile score equation
  /// sum(x^k log x) / sum(x^k) - 1/k - mean(log x) = 0, which is strictly increasing in k and
  /// so has one root, found by safeguarded Newton inside a bracket; then
  /// scale = (mean(x^k))^(1/k). The fit is invariant to the unit of the samples.
  ///
  /// Interval choice: a Wald interval on log(shape), shape * exp(-/+ z * se), where se^2 is
  /// the (log k, log k) element of the inverse observed information at the MLE (scale profiled
  /// out). It reduces to 1 / (n + sum z_i log^2 z_i - (sum z_i log z_i)^2 / n) with
  /// z_i = (x_i / scale)^k. Working on the log scale keeps the lower bound positive and gives
  /// the right-skewed interval the shape's sampling distribution has; its coverage is
  /// asymptotic, so with fewer than about 20 samples treat it as approximate. Censored
  /// observations are not supported: pass only observed times.
  public static func fit(_ samples: [Double], level: Double) throws -> WeibullFit {
    try fit(counted: samples.map { (value: $0, count: 1) }, level: level)
  }

  /// The same maximum-likelihood fit for samples given as distinct values with how often each occurs: the
  /// estimate and interval of the samples each repeated `count` times, at the cost of the distinct values only.
  /// Values with a count of 0 are left out; a negative count throws.
  public static func fit(counted weighted: [(value: Double, count: Int)], level: Double) throws -> WeibullFit {
    let total = weighted.reduce(0) { $0 + max(0, $1.count) }
    guard total >= 2 else {
      throw StatisticsError.invalid("a Weibull fit needs at least 2 samples, got \(total)")
    }
    let alpha = try Validate.alpha(forLevel: level)
    var logs: [(log: Double, count: Double)] = []
    logs.reserveCapacity(weighted.count)
    for (value, count) in weighted {
      guard count >= 0 else { throw StatisticsError.invalid("a Weibull sample count must not be negative, got \(count)") }
      guard count > 0 else { continue }
      guard value > 0, value.isFinite else {
        throw StatisticsError.invalid("Weibull samples must be positive and finite, got \(value)")
      }
      logs.append((log(value), Double(count)))
    }
    let logMax = logs.map(\.log).max() ?? 0
    let logMin = logs.map(\.log).min() ?? 0
    guard logMax > logMin else {
      throw StatisticsError.invalid("all Weibull samples are equal, so the shape has no finite estimate")
    }
    // Centering at the largest log keeps every weight exp(k * c) in (0, 1], so large shapes
    // cannot overflow.
    let centered = logs.map { (value: $0.log - logMax, count: $0.count) }
    let count = Double(total)
    let centeredMean = centered.reduce(0) { $0 + $1.count * $1.value } / count

    let shape = solveShape(centered: centered, count: count, centeredMean: centeredMean)

    var s0 = 0.0
    for c in centered { s0 += c.count * exp(shape * c.value) }
    let logScale = logMax + log(s0 / count) / shape
    let scale = exp(logScale)

    var sumZ = 0.0
    var sumZLogZ = 0.0
    var sumZLogZ2 = 0.0
    for l in logs {
      let logZ = shape * (l.log - logScale)
      let z = l.count * exp(logZ)
      sumZ += z
      sumZLogZ += z * logZ
      sumZLogZ2 += z * logZ * logZ
    }
    // sumZ equals count at the MLE; using the computed sum keeps the expression a variance,
    // never negative by Cauchy-Schwarz.
    let information = count + max(0, sumZLogZ2 - sumZLogZ * sumZLogZ / sumZ)
    let seLogShape = (1 / information).squareRoot()
    let zCritical = -Distributions.normalQuantile(alpha / 2)
    return WeibullFit(
      shape: shape,
      scale: scale,
      shapeLower: shape * exp(-zCritical * seLogShape),
      shapeUpper: shape * exp(zCritical * seLogShape)
    )
  }

  /// Root of g(k) = S1/S0 - 1/k - mean(c) for centered logs c (max c = 0) each occurring `count` times, where
  /// S_j = sum count c^j exp(k c). g rises from -infinity at 0+ to -mean(c) > 0 at infinity.
  private static func solveShape(
    centered: [(value: Double, count: Double)], count n: Double, centeredMean: Double
  ) -> Double {
    func score(_ k: Double) -> (value: Double, slope: Double) {
      var s0 = 0.0
      var s1 = 0.0
      var s2 = 0.0
      for c in centered {
        let w = c.count * exp(k * c.value)
        s0 += w
        s1 += w * c.value
        s2 += w * c.value * c.value
      }
      let m1 = s1 / s0
      let variance = max(0, s2 / s0 - m1 * m1)
      return (m1 - 1 / k - centeredMean, variance + 1 / (k * k))
    }
    // Gumbel moment estimate: sd(log x) = pi / (k sqrt 6).
    var sumSquares = 0.0
    for c in centered { sumSquares += c.count * (c.value - centeredMean) * (c.value - centeredMean) }
    let sdLog = (sumSquares / (n - 1)).squareRoot()
    let k = min(max(Double.pi / (6.0.squareRoot() * sdLog), 1e-8), 1e8)
    return increasingRoot(from: k, score)
  }
}
