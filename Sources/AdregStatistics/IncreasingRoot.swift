/// The root of a strictly increasing function on (0, ∞) by Newton's method kept inside a bracket: a step that
/// leaves the bracket is replaced by doubling (no upper bound yet), halving (no lower bound yet) or bisection.
///
/// Both Weibull fits solve their profile score equation for the shape this way; the function must be negative
/// near 0 and positive for large arguments, so the root exists and is unique.
/// - Parameters:
///   - start: a first guess, positive and finite.
///   - function: the value and the slope at a point.
/// - Returns: the root to about 1e-14 relative, or the last iterate after 500 steps.
func increasingRoot(from start: Double, _ function: (Double) -> (value: Double, slope: Double)) -> Double {
  var k = start
  var lo = 0.0
  var hi = Double.infinity
  for _ in 0..<500 {
    let (g, slope) = function(k)
    if g == 0 { return k }
    if g < 0 { lo = k } else { hi = k }
    var next = k - g / slope
    if !(next > lo && next < hi) {
      if !hi.isFinite {
        next = 2 * k
      } else if lo == 0 {
        next = hi / 2
      } else {
        next = 0.5 * (lo + hi)
      }
    }
    if abs(next - k) <= 1e-14 * next {
      return next
    }
    k = next
  }
  return k
}
