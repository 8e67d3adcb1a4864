import Foundation

/// Internal numerical kernels shared by the public routines.
///
/// The densities follow Catherine Loader, "Fast and Accurate Computation of Binomial
/// Probabilities" (2000), as used by R's nmath: they stay accurate where
/// exp(lgamma(...) - lgamma(...) - lgamma(...)) would cancel away most significant digits.
enum SpecialFunctions {
  static let lnSqrt2Pi = 0.918938533204672741780329736406
  static let ln2Pi = 1.837877066409345483560659472811

  /// Stirling-series remainder at half-integers 0, 0.5, ..., 15 (Loader's table); the entry
  /// for 0 is a placeholder never read, because callers never pass 0.
  private static let stirlingErrorAtHalves: [Double] = [
    0.0,
    0.1534264097200273452913848, 0.0810614667953272582196702, 0.0548141210519176538961390,
    0.0413406959554092940938221, 0.03316287351993628748511048, 0.02767792568499833914878929,
    0.02374616365629749597132920, 0.02079067210376509311152277, 0.01848845053267318523077934,
    0.01664469118982119216319487, 0.01513497322191737887351255, 0.01387612882307074799874573,
    0.01281046524292022692424986, 0.01189670994589177009505572, 0.01110455975820691732662991,
    0.010411265261972096497478567, 0.009799416126158803298389475, 0.009255462182712732917728637,
    0.008768700134139385462952823, 0.008330563433362871256469318, 0.007934114564314020547248100,
    0.007573675487951840794972024, 0.007244554301320383179543912, 0.006942840107209529865664152,
    0.006665247032707682442354394, 0.006408994188004207068439631, 0.006171712263039457647532867,
    0.005951370112758847735624416, 0.005746216513010115682023589, 0.005554733551962801371038690,
  ]

  /// log Gamma(x) for x > 0. The C `lgamma` also writes the process-wide `signgam`, a data
  /// race when intervals are computed concurrently; this overlay goes through `lgamma_r`.
  static func logGamma(_ x: Double) -> Double {
    let (value, _): (Double, Int) = lgamma(x)
    return value
  }

  /// log(n!) - [(n + 1/2) log n - n + log sqrt(2 pi)], for n > 0.
  static func stirlingError(_ n: Double) -> Double {
    if n <= 15 {
      let twice = n + n
      if twice == twice.rounded(.down) {
        return stirlingErrorAtHalves[Int(twice)]
      }
      return logGamma(n + 1) - (n + 0.5) * log(n) + n - lnSqrt2Pi
    }
    let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
    let nn = n * n
    // Fewer series terms are needed as n grows; the cut points keep the truncation error
    // below double rounding.
    if n > 500 { return (s0 - s1 / nn) / n }
    if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / n }
    if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
    return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
  }

  /// Deviance term x log(x / np) + np - x, summed as a series when x is near np because the
  /// direct formula subtracts nearly equal numbers there.
  static func deviance(_ x: Double, _ np: Double) -> Double {
    if abs(x - np) < 0.1 * (x + np) {
      var v = (x - np) / (x + np)
      var s = (x - np) * v
      if abs(s) < Double.leastNormalMagnitude { return s }
      var ej = 2 * x * v
      v *= v
      for j in 1..<1000 {
        ej *= v
        let next = s + ej / Double(2 * j + 1)
        if next == s { return next }
        s = next
      }
    }
    return x * log(x / np) + np - x
  }

  /// Binomial density Gamma(n+1) / (Gamma(x+1) Gamma(n-x+1)) p^x q^(n-x) for real x and n,
  /// with q = 1 - p supplied separately so callers can pass it without rounding loss.
  static func binomialDensity(_ x: Double, _ n: Double, p: Double, q: Double) -> Double {
    binomialDensity(successes: x, failures: n - x, p: p, q: q)
  }

  /// The same density parameterized by x and y = n - x, so that a small y next to a large x
  /// (a beta prefactor with b much smaller than a) is not recovered from a rounded n.
  static func binomialDensity(successes x: Double, failures y: Double, p: Double, q: Double) -> Double {
    if x < 0 || y < 0 { return 0 }
    let n = x + y
    if p == 0 { return x == 0 ? 1 : 0 }
    if q == 0 { return y == 0 ? 1 : 0 }
    if x == 0 {
      if n == 0 { return 1 }
      let lc = p < 0.1 ? -deviance(n, n * q) - n * p : n * log(q)
      return exp(lc)
    }
    if y == 0 {
      let lc = q < 0.1 ? -deviance(n, n * p) - n * q : n * log(p)
      return exp(lc)
    }
    let lc = stirlingError(n) - stirlingError(x) - stirlingError(y)
      - deviance(x, n * p) - deviance(y, n * q)
    // log(y / n) has an absolute error of about one ulp whatever the ratio; R's
    // log1p(-x / n) loses relative accuracy when x is close to n.
    let lf = ln2Pi + log(x) + log(y / n)
    return exp(lc - 0.5 * lf)
  }

  /// Poisson density lambda^x e^(-lambda) / Gamma(x + 1) for real x >= 0.
  static func poissonDensity(_ x: Double, lambda: Double) -> Double {
    if lambda == 0 { return x == 0 ? 1 : 0 }
    if !lambda.isFinite || x < 0 { return 0 }
    if x <= lambda * Double.leastNormalMagnitude { return exp(-lambda) }
    if lambda < x * Double.leastNormalMagnitude {
      return exp(-lambda + x * log(lambda) - logGamma(x + 1))
    }
    return exp(-stirlingError(x) - deviance(x, lambda)) / (2 * Double.pi * x).squareRoot()
  }

  // MARK: - Incomplete beta

  /// Both tails (I_x(a, b), 1 - I_x(a, b)); the tail computed directly keeps full relative
  /// accuracy, the other is its complement.
  static func betaTails(_ x: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
    if x <= 0 { return (0, 1) }
    if x >= 1 { return (1, 0) }
    let y = 1 - x
    // lambda = a - (a + b) x, the distance below the mean; each spelling avoids cancellation
    // on its side. The continued fraction is used below the mean only, mirroring the
    // problem through I_x(a, b) = 1 - I_y(b, a) above it.
    let lambda = a > b ? (a + b) * y - b : a - (a + b) * x
    if lambda >= 0 {
      let lower = min(1, betaPrefactor(x, y, a: a, b: b) * betaFraction(x, y, a: a, b: b, lambda: lambda))
      return (lower, 1 - lower)
    }
    let upper = min(1, betaPrefactor(y, x, a: b, b: a) * betaFraction(y, x, a: b, b: a, lambda: -lambda))
    return (1 - upper, upper)
  }

  /// x^a y^b / B(a, b) with y = 1 - x, written through the binomial density so that the
  /// huge log-gamma terms never get subtracted from each other.
  private static func betaPrefactor(_ x: Double, _ y: Double, a: Double, b: Double) -> Double {
    binomialDensity(successes: a, failures: b, p: x, q: y) * (a * b / (a + b))
  }

  /// Continued fraction for I_x(a, b) / prefactor, valid for x at or below the mean
  /// (lambda = a - (a + b) x >= 0). This is DiDonato and Morris's BFRAC (ACM TOMS 708): its
  /// terms are built from lambda and y rather than from x alone, so they do not cancel when
  /// x is close to 1 with a large, where the textbook (Numerical Recipes) fraction loses up
  /// to five digits. The iteration cap grows like sqrt(max(a, b)), as the convergence rate.
  private static func betaFraction(_ x: Double, _ y: Double, a: Double, b: Double, lambda: Double) -> Double {
    let c = 1 + lambda
    let c0 = b / a
    let c1 = 1 + 1 / a
    let yp1 = y + 1
    var n = 0.0
    var p = 1.0
    var s = a + 1
    var an = 0.0
    var bn = 1.0
    var anp1 = 1.0
    var bnp1 = c / c1
    var r = c1 / c
    let cap = 1000 + Int(100 * max(a, b).squareRoot())
    for _ in 0..<cap {
      n += 1
      var t = n / a
      let w = n * (b - n) * x
      var e = a / s
      let alpha = p * (p + c0) * e * e * (w * x)
      e = (1 + t) / (c1 + t + t)
      let beta = n + w / s + e * (c + n * yp1)
      p = 1 + t
      s += 2
      t = alpha * an + beta * anp1
      an = anp1
      anp1 = t
      t = alpha * bn + beta * bnp1
      bn = bnp1
      bnp1 = t
      let previous = r
      r = anp1 / bnp1
      if abs(r - previous) <= Double.ulpOfOne * r { break }
      // Rescale so the recurrences cannot overflow.
      an /= bnp1
      bn /= bnp1
      anp1 = r
      bnp1 = 1
    }
    return r
  }

  /// Beta(a, b) density, through the same saddle-point prefactor as the CDF.
  static func betaDensity(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 || x >= 1 { return 0 }
    let y = 1 - x
    return betaPrefactor(x, y, a: a, b: b) / (x * y)
  }

  /// Beta quantile given both p and q = 1 - p, so callers holding the small upper tail (for
  /// example alpha / 2) never round it through 1 - alpha / 2.
  static func betaQuantile(lowerTail p: Double, upperTail q: Double, a: Double, b: Double) -> Double {
    if p <= 0 { return 0 }
    if q <= 0 { return 1 }
    // Solving on the smaller tail keeps the residual's cancellation small.
    let solveLower = p <= q
    let residual: (Double) -> Double = { x in
      let tails = betaTails(x, a: a, b: b)
      return solveLower ? tails.lower - p : q - tails.upper
    }
    // Near 0, I_x(a, b) ~ x^a / (a B(a, b)), and symmetrically near 1. When that leading
    // term puts the root below the smallest normal double (or within an ulp of 1), the
    // answer is not representable anyway and the iteration would only chase underflow.
    let logBeta = logGamma(a) + logGamma(b) - logGamma(a + b)
    if solveLower {
      let logRoot = (log(p) + log(a) + logBeta) / a
      if logRoot < log(Double.leastNormalMagnitude) { return exp(logRoot) }
    } else {
      let logDistance = (log(q) + log(b) + logBeta) / b
      if logDistance < log(Double.ulpOfOne / 4) { return 1 }
    }
    return solveIncreasing(
      from: betaInitialGuess(p: p, q: q, a: a, b: b),
      upperLimit: 1,
      residual: residual,
      density: { x in betaDensity(x, a: a, b: b) },
      logDensitySlope: { x in (a - 1) / x - (b - 1) / (1 - x) }
    )
  }

  /// Root of an increasing function on (0, upperLimit) by Halley's method inside a shrinking
  /// bracket. `residual` is the CDF minus the target, `density` its derivative and
  /// `logDensitySlope` the derivative of the log density, which gives Halley's correction.
  /// Halley is used only when its correction is a modest factor, plain Newton otherwise, and
  /// bisection whenever a step would leave the bracket. Stops at a relative step of 1e-14,
  /// after which the error is far below that because convergence is at least quadratic.
  private static func solveIncreasing(
    from start: Double,
    upperLimit: Double,
    residual: (Double) -> Double,
    density: (Double) -> Double,
    logDensitySlope: (Double) -> Double
  ) -> Double {
    var x = start
    var lo = 0.0
    var hi = upperLimit
    for _ in 0..<500 {
      let r = residual(x)
      if r == 0 { return x }
      if r < 0 { lo = x } else { hi = x }
      var next = Double.nan
      let f = density(x)
      if f > 0, f.isFinite {
        let u = r / f
        let factor = 1 - 0.5 * u * logDensitySlope(x)
        next = factor >= 0.5 && factor <= 2 ? x - u / factor : x - u
      }
      if next.isFinite, abs(next - x) <= 1e-14 * x {
        return next
      }
      if !(next > lo && next < hi) {
        next = bisect(lo, hi)
      }
      if hi.isFinite, hi - lo <= 2 * Double.ulpOfOne * hi {
        return next
      }
      x = next
    }
    return x
  }

  /// Starting point from Numerical Recipes "invbetai": a Cornish-Fisher-type normal
  /// approximation when both shapes are at least 1, a power-law tail approximation otherwise.
  private static func betaInitialGuess(p: Double, q: Double, a: Double, b: Double) -> Double {
    var x: Double
    if a >= 1 && b >= 1 {
      let pp = min(p, q)
      let t = (-2 * log(pp)).squareRoot()
      var z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
      if p < 0.5 { z = -z }
      let al = (z * z - 3) / 6
      let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
      let w = z * (al + h).squareRoot() / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h))
      x = a / (a + b * exp(2 * w))
    } else {
      let lna = log(a / (a + b))
      let lnb = log(b / (a + b))
      let t = exp(a * lna) / a
      let u = exp(b * lnb) / b
      let w = t + u
      if p < t / w {
        x = pow(a * w * p, 1 / a)
      } else {
        x = 1 - pow(b * w * q, 1 / b)
      }
    }
    if !(x > 0 && x < 1) { x = 0.5 }
    return x
  }

  /// Bracket split that halves on a linear scale when the bracket is narrow, and on a
  /// logarithmic scale when it spans orders of magnitude, so tiny roots are reached quickly.
  private static func bisect(_ lo: Double, _ hi: Double) -> Double {
    if !hi.isFinite { return lo > 0 ? 4 * lo : 1 }
    if lo == 0 { return hi / 16 }
    if hi / lo > 16 { return (lo * hi).squareRoot() }
    return 0.5 * (lo + hi)
  }

  // MARK: - Incomplete gamma

  /// Both tails (P(a, x), Q(a, x)); the tail computed directly keeps full relative accuracy.
  static func gammaTails(_ a: Double, _ x: Double) -> (lower: Double, upper: Double) {
    if x <= 0 { return (0, 1) }
    if x == .infinity { return (1, 0) }
    if x < a + 1 {
      // P = x^a e^-x / Gamma(a+1) * sum_k x^k / ((a+1)...(a+k)).
      var sum = 1.0
      var term = 1.0
      var ap = a
      let cap = 1000 + Int(100 * a.squareRoot())
      for _ in 0..<cap {
        ap += 1
        term *= x / ap
        sum += term
        if term <= sum * Double.ulpOfOne { break }
      }
      let lower = min(1, poissonDensity(a, lambda: x) * sum)
      return (lower, 1 - lower)
    }
    // Q = x^a e^-x / Gamma(a) * continued fraction (Numerical Recipes "gcf", modified Lentz).
    let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
    var bb = x + 1 - a
    var c = 1 / tiny
    var d = 1 / bb
    var h = d
    let cap = 1000 + Int(100 * a.squareRoot())
    for i in 1...cap {
      let an = -Double(i) * (Double(i) - a)
      bb += 2
      d = an * d + bb
      if abs(d) < tiny { d = tiny }
      c = bb + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) <= Double.ulpOfOne { break }
    }
    let upper = min(1, a * poissonDensity(a, lambda: x) * h)
    return (1 - upper, upper)
  }

  /// Gamma(a, 1) density x^(a-1) e^-x / Gamma(a).
  static func gammaDensity(_ x: Double, shape a: Double) -> Double {
    if x <= 0 || !x.isFinite { return 0 }
    return a * poissonDensity(a, lambda: x) / x
  }

  /// Gamma(shape, 1) quantile given both tails; see `betaQuantile(lowerTail:upperTail:a:b:)`.
  static func gammaQuantile(lowerTail p: Double, upperTail q: Double, shape a: Double) -> Double {
    if p <= 0 { return 0 }
    if q <= 0 { return .infinity }
    let solveLower = p <= q
    let residual: (Double) -> Double = { x in
      let tails = gammaTails(a, x)
      return solveLower ? tails.lower - p : q - tails.upper
    }
    // Near 0, P(a, x) ~ x^a / Gamma(a + 1); a root below the smallest normal double is
    // returned from that leading term instead of being chased through underflow.
    if solveLower {
      let logRoot = (log(p) + logGamma(a + 1)) / a
      if logRoot < log(Double.leastNormalMagnitude) { return exp(logRoot) }
    }
    return solveIncreasing(
      from: gammaInitialGuess(p: p, q: q, shape: a),
      upperLimit: .infinity,
      residual: residual,
      density: { x in gammaDensity(x, shape: a) },
      logDensitySlope: { x in (a - 1) / x - 1 }
    )
  }

  /// Starting point from Numerical Recipes "invgammp": Wilson-Hilferty for a > 1, a
  /// power-law/exponential split for small shapes.
  private static func gammaInitialGuess(p: Double, q: Double, shape a: Double) -> Double {
    var x: Double
    if a > 1 {
      let t = (-2 * log(min(p, q))).squareRoot()
      var z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
      if p < 0.5 { z = -z }
      x = a * pow(1 - 1 / (9 * a) - z / (3 * a.squareRoot()), 3)
      if !(x > 0) {
        // Wilson-Hilferty breaks down deep in the lower tail; use the leading term of the
        // series there, P ~ x^a / Gamma(a + 1).
        x = exp((log(p) + logGamma(a + 1)) / a)
      }
    } else {
      let t = 1 - a * (0.253 + a * 0.12)
      if p < t {
        x = pow(p / t, 1 / a)
      } else {
        x = 1 - log(q / (1 - t))
      }
    }
    if !(x > 0 && x.isFinite) { x = max(a, 1) }
    return x
  }

  // MARK: - Binomial tails

  /// P(X <= k) for X ~ Binomial(n, p), 0 < p < 1.
  static func binomialLowerTail(_ k: Int, _ n: Int, p: Double) -> Double {
    if k < 0 { return 0 }
    if k >= n { return 1 }
    return betaTails(p, a: Double(k + 1), b: Double(n - k)).upper
  }

  /// P(X > k) for X ~ Binomial(n, p), 0 < p < 1.
  static func binomialUpperTail(_ k: Int, _ n: Int, p: Double) -> Double {
    if k < 0 { return 1 }
    if k >= n { return 0 }
    return betaTails(p, a: Double(k + 1), b: Double(n - k)).lower
  }
}
