/// Every command of a tool with what can be typed after it, flattened from the command specs, so that
/// completion scripts and the man page follow the same declarations as help.
struct CompletionModel: Sendable {
  /// One option as a completion script offers it.
  struct Option: Sendable {
    /// `--name`, then `-x` when the option has a short alias.
    var spellings: [String]
    var help: String
    var takesValue: Bool
    /// The value's name in usage (`date` in `--onset <date>`); empty for a flag.
    var valueName: String? = nil
    var values: [String]
    /// A comma-separated list (`--sites a,b`): the item after the last comma is completed.
    var isList: Bool
    /// A file or folder name: the shell's own file completion applies.
    var isFile: Bool

    /// The same spellings, help and values: a global option in scope, not one a command declares again.
    func sameDeclaration(as other: Option) -> Bool {
      spellings == other.spellings && help == other.help && values == other.values && valueName == other.valueName
    }
  }

  /// One command, or group, with its key: the tool name and the path, e.g. `adreg patient add`.
  struct Node: Sendable {
    var key: String
    var spec: CommandSpec
    /// Subcommand names with their abstracts, including `help` at the top.
    var subcommands: [(name: String, abstract: String)]
    var options: [Option]
    var arguments: [ArgumentSpec]
  }

  var toolName: String
  var nodes: [Node]

  init(_ parser: CommandLineParser) {
    toolName = parser.toolName
    var nodes: [Node] = []
    func visit(_ chain: CommandChain) {
      var subcommands = chain.current.subcommands.map { (name: $0.name, abstract: $0.abstract) }
      if chain.acceptsHelpCommand { subcommands.append((name: "help", abstract: "Show help for a command.")) }
      var options = chain.optionsInScope.map(Self.option)
      if chain.isRoot {
        options.append(Option(spellings: ["--version"], help: "Show the version.", takesValue: false, values: [], isList: false, isFile: false))
      }
      options.append(Option(spellings: ["--help", "-h"], help: "Show help information.", takesValue: false, values: [], isList: false, isFile: false))
      nodes.append(
        Node(
          key: chain.commandLine, spec: chain.current, subcommands: subcommands, options: options,
          arguments: chain.current.isGroup ? [] : chain.current.arguments))
      for subcommand in chain.current.subcommands {
        var next = chain
        next.descend(into: subcommand)
        visit(next)
      }
    }
    visit(CommandChain(toolName: parser.toolName, version: parser.version, root: parser.root, globalOptions: parser.globalOptions))
    self.nodes = nodes
  }

  static let fileValueNames: Set<String> = ["file", "dir", "path", "backup", "dest", "folder"]

  static func option(_ spec: OptionSpec) -> Option {
    let valueName = spec.valueName
    return Option(
      spellings: ["--\(spec.name)"] + (spec.short.map { ["-\($0)"] } ?? []),
      help: spec.help,
      takesValue: valueName != nil,
      valueName: valueName,
      values: spec.allowedValues,
      isList: valueName == "codes" || spec.help.lowercased().contains("comma-separated"),
      isFile: valueName.map(fileValueNames.contains) ?? false)
  }

  static func isFile(_ argument: ArgumentSpec) -> Bool {
    fileValueNames.contains(argument.name) || argument.name.hasSuffix("file")
  }
}
