/// A closed interval [lower, upper] returned by the confidence-interval routines.
///
/// The routines guarantee `lower <= upper` and finite bounds. Proportion intervals lie in
/// [0, 1]; Poisson count intervals are on the count scale, so divide both bounds by the exposure
/// to get a rate.
public struct Interval: Sendable, Equatable {
  /// The lower bound.
  public var lower: Double
  /// The upper bound.
  public var upper: Double

  /// Creates an interval from its two bounds; no ordering check is made.
  public init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }
}
