/// Relative comparison used throughout: the module promises about 1e-9 relative accuracy,
/// and exact equality would tie the tests to one rounding sequence.
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double = 1e-9) -> Bool {
  if actual == expected { return true }
  guard actual.isFinite, expected.isFinite else { return false }
  return abs(actual - expected) <= tolerance * abs(expected)
}

/// A reference value from an outside tool together with the call that produced it, so a
/// failing case names its source.
struct Reference: Sendable, CustomStringConvertible {
  var arguments: [Double]
  var expected: Double
  var source: String

  init(_ arguments: [Double], _ expected: Double, _ source: String) {
    self.arguments = arguments
    self.expected = expected
    self.source = source
  }

  var description: String { source }
}
