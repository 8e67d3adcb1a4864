import AdregDatabase

/// The arm of a trial a reference figure comes from; only a `dupilumab` arm is compared with the registry.
public enum TrialArm: String, Sendable, CaseIterable, CustomStringConvertible, DatabaseValueConvertible {
  case dupilumab
  case placebo

  /// The arm's code, as reference files and listings write it.
  public var description: String { rawValue }
}
