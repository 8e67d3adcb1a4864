/// A positional argument of a command, shown as `<name>` in usage and help.
///
/// Positionals are filled in declaration order. Optional ones must come after the
/// required ones, since a word is never skipped to reach a later positional.
public struct ArgumentSpec: Sendable, Equatable {
  /// The name used in `<name>` and as the key for `ParsedArguments.positional(_:)`.
  public var name: String
  /// One line shown in the ARGUMENTS section.
  public var help: String
  /// Values listed in help as `(values: a, b, c)`; the parser does not enforce them.
  public var allowedValues: [String]
  /// When true the argument may be absent and is shown as `[<name>]` in usage.
  public var isOptional: Bool
  /// When true (the last argument only) it takes every remaining word, shown as `<name> ...`; read them with
  /// `ParsedArguments.positionals(_:)`.
  public var isVariadic: Bool

  /// Declares a positional argument.
  public init(
    _ name: String, help: String, allowedValues: [String] = [], isOptional: Bool = false, isVariadic: Bool = false
  ) {
    self.name = name
    self.help = help
    self.allowedValues = allowedValues
    self.isOptional = isOptional
    self.isVariadic = isVariadic
  }

  /// Declares a last argument that takes one or more words.
  public static func variadic(_ name: String, help: String) -> ArgumentSpec {
    var argument = ArgumentSpec(name, help: help)
    argument.isVariadic = true
    return argument
  }
}

/// A named option such as `--onset <date>`, `--dry-run` or `-h`.
///
/// `allowedValues` is documentation only: the command validates the data it receives,
/// so that a bad value is reported as a data error rather than a usage error.
public struct OptionSpec: Sendable, Equatable {
  /// Whether the option takes a value, and how often it may appear.
  public enum Kind: Sendable, Equatable {
    /// A switch without a value; giving it `=value` is a usage error.
    case flag
    /// Takes one value, shown as `<valueName>`; when repeated, the last occurrence wins.
    case value(String)
    /// Takes one value per occurrence and keeps every occurrence in order.
    case repeated(String)
  }

  /// The long name without dashes, e.g. `onset` for `--onset`.
  public var name: String
  /// An optional one-letter alias, e.g. `h` for `-h`.
  public var short: Character?
  /// Whether the option takes a value.
  public var kind: Kind
  /// The text shown in the OPTIONS section.
  public var help: String
  /// Values listed in help as `(values: a, b, c)`; the parser does not enforce them.
  public var allowedValues: [String]
  /// When true, parsing fails if the option is absent, unless the command prompts for it.
  public var isRequired: Bool

  /// Declares an option.
  public init(
    _ name: String,
    short: Character? = nil,
    kind: Kind = .flag,
    help: String,
    allowedValues: [String] = [],
    isRequired: Bool = false
  ) {
    self.name = name
    self.short = short
    self.kind = kind
    self.help = help
    self.allowedValues = allowedValues
    self.isRequired = isRequired
  }

  /// Declares a flag such as `--dry-run`.
  public static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
    OptionSpec(name, short: short, kind: .flag, help: help)
  }

  /// Declares a single-value option such as `--onset <date>`.
  public static func value(
    _ name: String,
    _ valueName: String,
    short: Character? = nil,
    help: String,
    allowedValues: [String] = [],
    required: Bool = false
  ) -> OptionSpec {
    OptionSpec(
      name, short: short, kind: .value(valueName), help: help, allowedValues: allowedValues,
      isRequired: required)
  }

  /// Declares an option that may appear many times, such as `--answer <answer>`.
  public static func repeated(
    _ name: String,
    _ valueName: String,
    short: Character? = nil,
    help: String,
    allowedValues: [String] = [],
    required: Bool = false
  ) -> OptionSpec {
    OptionSpec(
      name, short: short, kind: .repeated(valueName), help: help, allowedValues: allowedValues,
      isRequired: required)
  }

  /// The value name shown as `<valueName>`, or nil for a flag.
  var valueName: String? {
    switch kind {
    case .flag: return nil
    case .value(let valueName), .repeated(let valueName): return valueName
    }
  }

  var isRepeated: Bool {
    if case .repeated = kind { return true }
    return false
  }
}
