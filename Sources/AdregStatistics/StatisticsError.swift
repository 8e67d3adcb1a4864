/// An invalid argument passed to one of the statistics routines.
///
/// Thrown for impossible counts (negative `n`, `x > n`, `n == 0`), levels outside the open
/// interval (0, 1), probabilities outside [0, 1], and samples a fit cannot use. The message is
/// written for a developer, not for a registry user: callers that face users should check their
/// own preconditions (for example "no patients") before calling.
public struct StatisticsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A one-line English explanation naming the offending argument and its value.
  public var message: String

  /// Creates an error carrying `message`.
  public init(message: String) {
    self.message = message
  }

  public var description: String { message }
}

extension StatisticsError {
  static func invalid(_ message: String) -> StatisticsError {
    StatisticsError(message: message)
  }
}

/// Shared argument checks, so that every public entry point rejects the same inputs with the
/// same wording.
enum Validate {
  /// Returns alpha = 1 - level after checking that the level is a usable confidence level.
  static func alpha(forLevel level: Double) throws -> Double {
    guard level.isFinite, level > 0, level < 1 else {
      throw StatisticsError.invalid("confidence level must be strictly between 0 and 1, got \(level)")
    }
    return 1 - level
  }

  static func counts(successes x: Int, trials n: Int) throws {
    guard n > 0 else {
      throw StatisticsError.invalid("number of trials must be positive, got \(n)")
    }
    guard x >= 0 else {
      throw StatisticsError.invalid("number of successes must not be negative, got \(x)")
    }
    guard x <= n else {
      throw StatisticsError.invalid("number of successes (\(x)) exceeds number of trials (\(n))")
    }
  }

  static func probability(_ p: Double, name: String) throws {
    guard p.isFinite, p >= 0, p <= 1 else {
      throw StatisticsError.invalid("\(name) must lie in [0, 1], got \(p)")
    }
  }
}
