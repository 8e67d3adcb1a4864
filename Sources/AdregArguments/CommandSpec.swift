/// A command, or a group of commands, of the tool.
///
/// A command with subcommands is a group: the next word on the command line must name
/// one of them, and its own `arguments` are ignored. A group's `options` are inherited by
/// every command below it, the same way the parser's global options are.
public struct CommandSpec: Sendable, Equatable {
  /// The word that selects the command, e.g. `record` or `patient`.
  public var name: String
  /// One line, shown after `OVERVIEW:` and in the parent's SUBCOMMANDS section.
  public var abstract: String
  /// Longer text shown after the abstract in help; may be empty.
  public var discussion: String
  /// Positional arguments, filled in order.
  public var arguments: [ArgumentSpec]
  /// Options specific to this command (and, for a group, to its subcommands).
  public var options: [OptionSpec]
  /// Nested commands; non-empty makes this a group.
  public var subcommands: [CommandSpec]
  /// When true, missing required options are not an error: parsing returns them in
  /// `ParsedArguments.missing` so the command can ask for them on a terminal.
  public var promptsForMissing: Bool
  /// Options that other commands take but this one refuses, each with the reason: giving one is a usage error that
  /// says why (`--from` on a report that counts time from each patient's start), instead of "Unknown option".
  public var refusedOptions: [String: String] = [:]

  /// Declares a command.
  public init(
    _ name: String,
    abstract: String,
    discussion: String = "",
    arguments: [ArgumentSpec] = [],
    options: [OptionSpec] = [],
    subcommands: [CommandSpec] = [],
    promptsForMissing: Bool = false
  ) {
    self.name = name
    self.abstract = abstract
    self.discussion = discussion
    self.arguments = arguments
    self.options = options
    self.subcommands = subcommands
    self.promptsForMissing = promptsForMissing
  }

  /// True when the command only groups subcommands.
  public var isGroup: Bool { !subcommands.isEmpty }

  /// The direct subcommand with the given name.
  public func subcommand(named name: String) -> CommandSpec? {
    subcommands.first { $0.name == name }
  }
}
