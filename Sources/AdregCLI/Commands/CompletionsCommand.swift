import AdregArguments

/// `adreg completions bash|zsh|fish`: a shell completion script, generated from the command declarations.
enum CompletionsCommand: AdregCommand {
  static let shell = Argument<String>.required(
    "shell", help: "The shell to complete for.", allowedValues: CompletionShell.allCases.map(\.rawValue))

  static let spec = CommandSpec(
    "completions",
    abstract: "Write a shell completion script for bash, zsh or fish to standard output.",
    discussion: """
      The script completes every command, option and coded value, generated from the same declarations as help. \
      Install it with, for bash, 'adreg completions bash > ~/.local/share/bash-completion/completions/adreg'; for \
      zsh, 'adreg completions zsh > DIR/_adreg' with DIR a folder of $fpath; for fish, \
      'adreg completions fish > ~/.config/fish/completions/adreg.fish'.
      """,
    arguments: [shell.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let name = arguments[Self.shell]
    guard let shell = CompletionShell(rawValue: name) else {
      let shells = CompletionShell.allCases.map(\.rawValue).joined(separator: ", ")
      throw context.parser.usageError(
        name.isEmpty ? "Missing shell: give one of \(shells)" : "Unknown shell '\(name)': give one of \(shells)",
        path: context.path)
    }
    context.io.out(context.parser.completionScript(for: shell))
  }
}
