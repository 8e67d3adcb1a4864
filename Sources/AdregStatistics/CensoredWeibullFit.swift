import Foundation

/// Right-censored two-parameter Weibull S(t) = exp(−(t/λ)^k) by maximum likelihood, as R's survreg(Surv(t, event) ~ 1, dist = "weibull"): k = 1/scale, λ = exp(intercept).
public struct CensoredWeibullFit: Sendable, Equatable {
  /// Maximum-likelihood shape k; k < 1 means a hazard falling with time, k > 1 a rising one.
  public var shape: Double
  /// Maximum-likelihood scale λ, in the time unit of the table (survreg's exp(intercept), not
  /// its `scale`, which is 1/k).
  public var scale: Double
  /// Lower confidence bound for the shape, exp(ln k − z·se(ln k)).
  public var shapeLower: Double
  /// Upper confidence bound for the shape, exp(ln k + z·se(ln k)).
  public var shapeUpper: Double
  /// Standard error of ln k from the observed information; survreg's se of Log(scale).
  public var seLogShape: Double

  /// Creates a fit from already computed values; no consistency check is made.
  public init(shape: Double, scale: Double, shapeLower: Double, shapeUpper: Double, seLogShape: Double) {
    self.shape = shape
    self.scale = scale
    self.shapeLower = shapeLower
    self.shapeUpper = shapeUpper
    self.seLogShape = seLogShape
  }
}

extension CensoredWeibullFit {
  /// Fits S(t) = exp(−(t/λ)^k) to the table by maximum likelihood, each event contributing its
  /// density and each censored subject its survival at the row's time.
  ///
  /// Each row's time is used as given: a registry passes days on treatment + 1, so that an
  /// event on the first day is 1, never 0.
  ///
  /// With d events and centered logs c = ln t − ln t_max, the shape solves the profile score
  /// equation Σ c e^(kc) / Σ e^(kc) − 1/k − (Σ_events c)/d = 0, the sums without a subscript
  /// running over every subject; its left side rises strictly from −∞ at k = 0+ towards
  /// −(Σ_events c)/d, so it has one root exactly when that limit is positive, that is when some
  /// event lies before the largest time in the table. Then λ = (Σ t^k / d)^(1/k).
  ///
  /// Returns nil when there is no finite maximum: no events, or every event at the largest
  /// time of the table (censored subjects, if any, all at or before it) — which includes all
  /// subjects at one time. There the likelihood grows without bound as k → ∞. One distinct
  /// event time followed by a later censoring does have a finite maximum.
  ///
  /// Interval: se(ln k) is the (ln k, ln k) element of the inverse observed information of
  /// the two-parameter log-likelihood at the maximum, which is survreg's se of Log(scale); it
  /// reduces to 1 / (d + Σ z u² − (Σ z u)² / Σ z) with u = k(ln t − ln λ), z = e^u. The Wald
  /// interval on ln k keeps the bounds positive; its coverage is asymptotic in the number of
  /// events, so with fewer than about 20 treat it as approximate.
  /// - Throws: `StatisticsError` when a time is 0 or less, the level is outside (0, 1), or the
  ///   rows break the `LifeTable` invariants.
  public static func fit(_ table: LifeTable, level: Double) throws -> CensoredWeibullFit? {
    let alpha = try Validate.alpha(forLevel: level)
    try LifeTable.validate(table.rows)
    let rows = table.rows.filter { $0.events > 0 || $0.censored > 0 }
    for row in rows where row.time <= 0 {
      throw StatisticsError.invalid("Weibull fit times must be positive (pass days + 1), got \(row.time)")
    }
    let events = table.events
    guard events > 0, let last = rows.last, rows.contains(where: { $0.events > 0 && $0.time < last.time }) else {
      return nil
    }

    let logMax = log(Double(last.time))
    // Centering at the largest log keeps every weight exp(k c) in (0, 1], so a large shape
    // cannot overflow.
    let points = rows.map { row in
      Point(centered: log(Double(row.time)) - logMax, subjects: Double(row.events + row.censored), events: Double(row.events))
    }
    let eventCount = Double(events)
    var eventLogSum = 0.0
    for point in points { eventLogSum += point.events * point.centered }
    let eventMean = eventLogSum / eventCount

    let shape = solveShape(points, eventMean: eventMean)

    var s0 = 0.0
    for point in points { s0 += point.subjects * exp(shape * point.centered) }
    let logScale = logMax + log(s0 / eventCount) / shape

    var sumZ = 0.0
    var sumZU = 0.0
    var sumZU2 = 0.0
    for point in points {
      let u = shape * (point.centered + logMax - logScale)
      let z = point.subjects * exp(u)
      sumZ += z
      sumZU += z * u
      sumZU2 += z * u * u
    }
    // sumZ equals d at the maximum; dividing by the computed sum keeps the bracket a
    // variance, never negative by Cauchy–Schwarz.
    let information = eventCount + max(0, sumZU2 - sumZU * sumZU / sumZ)
    let seLogShape = (1 / information).squareRoot()
    let z = -Distributions.normalQuantile(alpha / 2)
    return CensoredWeibullFit(
      shape: shape,
      scale: exp(logScale),
      shapeLower: shape * exp(-z * seLogShape),
      shapeUpper: shape * exp(z * seLogShape),
      seLogShape: seLogShape
    )
  }

  /// A distinct time of the table: its centered log time and its counts as weights.
  private struct Point {
    var centered: Double
    var subjects: Double
    var events: Double
  }

  /// Root of g(k) = S1/S0 − 1/k − eventMean, S_j = Σ n c^j exp(k c) over every subject.
  /// The caller has checked that g(∞) = −eventMean > 0, so the root exists.
  private static func solveShape(_ points: [Point], eventMean: Double) -> Double {
    func score(_ k: Double) -> (value: Double, slope: Double) {
      var s0 = 0.0
      var s1 = 0.0
      var s2 = 0.0
      for point in points {
        let w = point.subjects * exp(k * point.centered)
        s0 += w
        s1 += w * point.centered
        s2 += w * point.centered * point.centered
      }
      let m1 = s1 / s0
      let variance = max(0, s2 / s0 - m1 * m1)
      return (m1 - 1 / k - eventMean, variance + 1 / (k * k))
    }
    // Gumbel moment estimate from the spread of all log times: sd(ln t) = π / (k √6). Its
    // value only sets where the bracketed Newton iteration starts.
    var count = 0.0
    var sum = 0.0
    for point in points {
      count += point.subjects
      sum += point.subjects * point.centered
    }
    let mean = sum / count
    var sumSquares = 0.0
    for point in points { sumSquares += point.subjects * (point.centered - mean) * (point.centered - mean) }
    let sdLog = (sumSquares / count).squareRoot()
    let k = sdLog > 0 ? min(max(Double.pi / (6.0.squareRoot() * sdLog), 1e-8), 1e8) : 1
    return increasingRoot(from: k, score)
  }
}
