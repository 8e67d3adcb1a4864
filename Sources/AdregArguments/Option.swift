/// A typed key for a named option: its declaration, and the type a command reads it as.
///
/// A command declares each option once, as a static `Option`, lists its `spec` in its `CommandSpec` and reads the
/// value with the same key (`arguments[start]`), so that a misspelt name does not compile. The type says what a
/// read gives:
/// - `Option<Bool>`: a flag, true when given.
/// - `Option<String?>`: a value that may be absent; when given several times the last one wins.
/// - `Option<String>`: a required value; the parser refuses a command line without it.
/// - `Option<[String]>`: every value of an option that may be repeated, in command-line order.
public struct Option<Value>: Sendable {
  /// The declaration that parsing, help, the manual page and completions read.
  public let spec: OptionSpec

  private init(_ spec: OptionSpec) {
    self.spec = spec
  }

  /// The long name without dashes.
  public var name: String { spec.name }

  /// The option as a usage error names it when it is missing, e.g. `--onset <date>`.
  public var synopsis: String { CommandChain.unbracketedSynopsis(spec) }
}

extension Option where Value == Bool {
  /// Declares a flag such as `--dry-run`.
  public static func flag(_ name: String, short: Character? = nil, help: String) -> Option {
    Option(.flag(name, short: short, help: help))
  }
}

extension Option where Value == String? {
  /// Declares a single-value option that may be left out, such as `--note <text>`.
  public static func value(
    _ name: String, _ valueName: String, short: Character? = nil, help: String, allowedValues: [String] = []
  ) -> Option {
    Option(.value(name, valueName, short: short, help: help, allowedValues: allowedValues))
  }

  /// Declares a required option of a command that asks for it on a terminal when it is absent
  /// (`CommandSpec.promptsForMissing`): it is read as optional, and listed in `ParsedArguments.missing` when absent.
  public static func prompted(
    _ name: String, _ valueName: String, short: Character? = nil, help: String, allowedValues: [String] = []
  ) -> Option {
    Option(.value(name, valueName, short: short, help: help, allowedValues: allowedValues, required: true))
  }
}

extension Option where Value == String {
  /// Declares a single-value option the command cannot run without, such as `--start <date>`.
  public static func required(
    _ name: String, _ valueName: String, short: Character? = nil, help: String, allowedValues: [String] = []
  ) -> Option {
    Option(.value(name, valueName, short: short, help: help, allowedValues: allowedValues, required: true))
  }
}

extension Option where Value == [String] {
  /// Declares an option that may appear many times, such as `--answer <answer>`.
  public static func repeated(
    _ name: String, _ valueName: String, short: Character? = nil, help: String, allowedValues: [String] = []
  ) -> Option {
    Option(.repeated(name, valueName, short: short, help: help, allowedValues: allowedValues))
  }
}

/// A typed key for a positional argument: its declaration, and the type a command reads it as.
///
/// - `Argument<String>`: a required argument; the parser refuses a command line without it.
/// - `Argument<String?>`: an argument that may be left out.
/// - `Argument<[String]>`: a last argument that takes every remaining word.
public struct Argument<Value>: Sendable {
  /// The declaration that parsing, help, the manual page and completions read.
  public let spec: ArgumentSpec

  private init(_ spec: ArgumentSpec) {
    self.spec = spec
  }

  /// The name shown as `<name>`.
  public var name: String { spec.name }
}

extension Argument where Value == String {
  /// Declares a positional argument the command cannot run without.
  public static func required(_ name: String, help: String, allowedValues: [String] = []) -> Argument {
    Argument(ArgumentSpec(name, help: help, allowedValues: allowedValues))
  }
}

extension Argument where Value == String? {
  /// Declares a positional argument that may be left out, shown as `[<name>]`.
  public static func optional(_ name: String, help: String, allowedValues: [String] = []) -> Argument {
    Argument(ArgumentSpec(name, help: help, allowedValues: allowedValues, isOptional: true))
  }
}

extension Argument where Value == [String] {
  /// Declares a last argument that takes one or more words, shown as `<name> ...`.
  public static func variadic(_ name: String, help: String) -> Argument {
    Argument(.variadic(name, help: help))
  }

  /// Declares a last argument that takes any number of words, none included, shown as `[<name> ...]`.
  public static func optionalVariadic(_ name: String, help: String) -> Argument {
    Argument(ArgumentSpec(name, help: help, isOptional: true, isVariadic: true))
  }
}
