/// The values found on the command line for one command, global options included.
///
/// Commands read values by the typed key they declared (`arguments[start]`); the reads by name are internal to the
/// parser and its tests. Nothing here is validated against `allowedValues`: the command checks the data itself.
public struct ParsedArguments: Sendable, Equatable {
  private var positionals: [String: String]
  private var optionValues: [String: [String]]
  private var flags: Set<String>
  private var variadic: [String: [String]] = [:]
  /// Required options that were absent, in declaration order (command's own first, then
  /// inherited and global ones). Only non-empty for commands with `promptsForMissing`.
  public var missing: [String]

  /// Builds parsed arguments directly, e.g. to test a command without a command line.
  public init(
    positionals: [String: String] = [:],
    options: [String: [String]] = [:],
    flags: Set<String> = [],
    missing: [String] = []
  ) {
    self.positionals = positionals
    self.optionValues = options
    self.flags = flags
    self.missing = missing
  }

  /// A required positional argument; empty only in arguments built by hand without it.
  public subscript(argument: Argument<String>) -> String {
    positionals[argument.name] ?? ""
  }

  /// A positional argument that may be left out, or nil when it was.
  public subscript(argument: Argument<String?>) -> String? {
    positionals[argument.name]
  }

  /// Every word a variadic argument took, in order.
  public subscript(argument: Argument<[String]>) -> [String] {
    positionals(argument.name)
  }

  /// True when the flag was given at least once.
  public subscript(option: Option<Bool>) -> Bool {
    flag(option.name)
  }

  /// The value of an option that may be left out; when given several times the last one wins.
  public subscript(option: Option<String?>) -> String? {
    value(option.name)
  }

  /// The value of a required option; when given several times the last one wins. Empty only in arguments built by
  /// hand without it.
  public subscript(option: Option<String>) -> String {
    value(option.name) ?? ""
  }

  /// Every value given for a repeatable option, in command-line order; empty when absent.
  public subscript(option: Option<[String]>) -> [String] {
    values(option.name)
  }

  /// Every value given for a single-value option, in command-line order, for options whose values add up (a
  /// comma-separated list given twice).
  public func everyValue(_ option: Option<String?>) -> [String] {
    values(option.name)
  }

  /// True when a prompted option was absent, so the command asks for it.
  public func isMissing(_ option: Option<String?>) -> Bool {
    missing.contains(option.name)
  }

  /// The positional argument with the given name, or nil when it was not given.
  func positional(_ name: String) -> String? {
    positionals[name]
  }

  /// Every word a variadic argument took, in order; the first of them for `positional(_:)`.
  func positionals(_ name: String) -> [String] {
    variadic[name] ?? positionals[name].map { [$0] } ?? []
  }

  /// The value of a single-value option; when given several times the last one wins.
  func value(_ name: String) -> String? {
    optionValues[name]?.last
  }

  /// Every value given for an option, in command-line order; empty when absent.
  func values(_ name: String) -> [String] {
    optionValues[name] ?? []
  }

  /// True when the flag was given at least once.
  func flag(_ name: String) -> Bool {
    flags.contains(name)
  }

  mutating func setPositional(_ name: String, _ value: String) {
    positionals[name] = value
  }

  mutating func appendPositional(_ value: String, for name: String) {
    variadic[name, default: []].append(value)
    if positionals[name] == nil { positionals[name] = value }
  }

  mutating func appendValue(_ value: String, for name: String) {
    optionValues[name, default: []].append(value)
  }

  mutating func setFlag(_ name: String) {
    flags.insert(name)
  }

  func isPresent(_ option: OptionSpec) -> Bool {
    switch option.kind {
    case .flag: return flags.contains(option.name)
    case .value, .repeated: return !(optionValues[option.name] ?? []).isEmpty
    }
  }
}

/// What the command line asks for.
public enum Invocation: Sendable, Equatable {
  /// Run the command at `path` (e.g. `["patient", "add"]`; empty for a root without subcommands).
  case run(path: [String], arguments: ParsedArguments)
  /// Print this help text to standard output and exit 0. The text has no trailing newline.
  case help(String)
  /// Print this version string to standard output and exit 0.
  case version(String)
}
