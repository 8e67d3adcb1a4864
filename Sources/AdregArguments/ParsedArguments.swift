/// The values found on the command line for one command, global options included.
///
/// Look-ups are by name without dashes or angle brackets. Nothing here is validated
/// against `allowedValues`: the command checks the data itself.
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

  /// The positional argument with the given name, or nil when it was not given.
  public func positional(_ name: String) -> String? {
    positionals[name]
  }

  /// The value of a single-value option; when given several times the last one wins.
  public func value(_ name: String) -> String? {
    optionValues[name]?.last
  }

  /// Every value given for an option, in command-line order; empty when absent.
  public func values(_ name: String) -> [String] {
    optionValues[name] ?? []
  }

  /// True when the flag was given at least once.
  public func flag(_ name: String) -> Bool {
    flags.contains(name)
  }

  /// Every word a variadic argument took, in order; empty when it was not given.
  public func positionals(_ name: String) -> [String] {
    variadic[name] ?? positionals[name].map { [$0] } ?? []
  }

  mutating func setPositionals(_ name: String, _ values: [String]) {
    variadic[name] = values
  }

  mutating func setPositional(_ name: String, _ value: String) {
    positionals[name] = value
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
