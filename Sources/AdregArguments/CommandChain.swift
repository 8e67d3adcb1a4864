/// The commands named so far on a command line, from the tool down to the current one,
/// and the options that are therefore in scope.
struct CommandChain: Sendable {
  let toolName: String
  let version: String
  /// The root first; never empty.
  private(set) var commands: [CommandSpec]
  let globalOptions: [OptionSpec]

  init(toolName: String, version: String, root: CommandSpec, globalOptions: [OptionSpec]) {
    self.toolName = toolName
    self.version = version
    self.commands = [root]
    self.globalOptions = globalOptions
  }

  var root: CommandSpec { commands[0] }
  var current: CommandSpec { commands[commands.count - 1] }
  var isRoot: Bool { commands.count == 1 }
  /// Subcommand names below the tool, as in `Invocation.run(path:)`.
  var path: [String] { commands.dropFirst().map(\.name) }
  /// The tool name followed by the path, e.g. `adreg patient add`.
  var commandLine: String { ([toolName] + path).joined(separator: " ") }

  /// Whether the word `help` at this point asks for help on the words after it.
  var acceptsHelpCommand: Bool {
    isRoot && current.isGroup && current.subcommand(named: "help") == nil
  }

  var ownOptions: [OptionSpec] { current.options }

  /// Options of enclosing groups, nearest first, then the global options.
  var inheritedOptions: [OptionSpec] {
    commands.dropLast().reversed().flatMap(\.options) + globalOptions
  }

  /// Own options first; a name declared again further out is shadowed by the nearer one,
  /// so a command can redefine a global option without it being listed twice.
  var optionsInScope: [OptionSpec] {
    var seen: Set<String> = []
    return (ownOptions + inheritedOptions).filter { seen.insert($0.name).inserted }
  }

  mutating func descend(into command: CommandSpec) {
    commands.append(command)
  }

  func option(long name: String) -> OptionSpec? {
    optionsInScope.first { $0.name == name }
  }

  func option(short: Character) -> OptionSpec? {
    optionsInScope.first { $0.short == short }
  }

  /// Every long option name that can be typed here, for suggestions.
  var longOptionNames: [String] {
    optionsInScope.map(\.name) + (isRoot ? ["version"] : []) + ["help"]
  }

  /// Every word that selects a subcommand here, for suggestions.
  var commandNames: [String] {
    current.subcommands.map(\.name) + (acceptsHelpCommand ? ["help"] : [])
  }
}
