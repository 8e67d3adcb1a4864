/// When a category's reactions tend to begin, read from a Weibull shape's confidence interval.
public enum HazardPattern: String, Sendable, CaseIterable, CustomStringConvertible {
  /// The hazard falls with time (the whole interval below 1): reactions come early.
  case early
  /// The hazard rises with time (the whole interval above 1).
  case late
  /// The interval holds 1: a constant hazard cannot be ruled out.
  case random

  /// The pattern of a shape whose confidence interval runs from `shapeLow` to `shapeHigh`.
  public init(shapeLow: Double, shapeHigh: Double) {
    self = shapeHigh < 1 ? .early : shapeLow > 1 ? .late : .random
  }

  /// The pattern's name, as reports print it.
  public var description: String { rawValue }
}
