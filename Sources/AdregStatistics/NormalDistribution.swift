import Foundation

extension Distributions {
  /// Cumulative distribution function Φ(x) of the standard normal distribution.
  ///
  /// Evaluated as erfc(−x/√2)/2 with the C library's erfc, which keeps full relative accuracy
  /// in the lower tail where 1 − Φ(−x) would cancel. The rounding of −x/√2 would cost about
  /// x² ulps far in the tail, so it is corrected to first order; the result is then within
  /// about 1e-15 relative down to the underflow limit near x = −38. For an upper tail 1 − Φ(x)
  /// call `normalCDF(-x)`, which keeps the same accuracy. Returns 0 for −infinity, 1 for
  /// +infinity and NaN for NaN.
  public static func normalCDF(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x.isInfinite { return x < 0 ? 0 : 1 }
    // 1/√2 as a sum of two doubles, so that t + error is −x/√2 to about 1e-32 relative.
    let sqrtHalfHigh = 0.7071067811865476
    let sqrtHalfLow = -4.833646656726457e-17
    let t = -x * sqrtHalfHigh
    let error = (-t).addingProduct(-x, sqrtHalfHigh) + -x * sqrtHalfLow
    // erfc(t + error) = erfc(t) − error · (2/√π) e^(−t²) + O(error²).
    let twoOverSqrtPi = 1.1283791670955126
    return 0.5 * (erfc(t) - error * twoOverSqrtPi * exp(-t * t))
  }
}
