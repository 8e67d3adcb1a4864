/// A command line that does not fit the command specs.
///
/// `description` is the complete text for standard error, without a trailing newline:
///
///     Error: Unknown option '--onsett'. Did you mean '--onset'?
///     Usage: adreg record <code> --onset <date> --category <category> [<options>]
///       See 'adreg record --help' for more information.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, without a final period, e.g. `Unknown option '--onsett'`.
  public var message: String
  /// A full sentence such as `Did you mean '--onset'?`, or nil when nothing is close.
  public var suggestion: String?
  /// The short usage line of the command, as printed after `Usage: `: positionals and
  /// required options, with every other option folded into `[<options>]`.
  public var usage: String
  /// The tool name, e.g. `adreg`.
  public var toolName: String
  /// The command the error belongs to, without the tool name; empty for the tool itself.
  public var commandPath: [String]

  /// Builds an error; `CommandLineParser.usageError(_:suggestion:path:)` fills in the usage.
  public init(
    message: String,
    suggestion: String? = nil,
    usage: String,
    toolName: String,
    commandPath: [String]
  ) {
    self.message = message
    self.suggestion = suggestion
    self.usage = usage
    self.toolName = toolName
    self.commandPath = commandPath
  }

  /// The invocation that shows the command's help, e.g. `adreg record --help`.
  public var helpInvocation: String {
    ([toolName] + commandPath + ["--help"]).joined(separator: " ")
  }

  /// The full text for standard error, three lines, no trailing newline.
  public var description: String {
    let suggestionText = suggestion.map { ". \($0)" } ?? ""
    return """
      Error: \(message)\(suggestionText)
      Usage: \(usage)
        See '\(helpInvocation)' for more information.
      """
  }
}
