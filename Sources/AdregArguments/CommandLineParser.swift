/// Turns command-line words into an `Invocation`, following swift-argument-parser's conventions.
///
/// - Options are `--name value` or `--name=value`; a value is taken verbatim even when it
///   starts with `-`. Short options may be grouped (`-ab`) and take a value attached or as
///   the next word (`-ovalue`, `-o value`). `--` ends options.
/// - Global options and the options of enclosing groups are accepted before the command
///   name and anywhere among the command's words.
/// - `-h`/`--help` anywhere (outside option values and after `--`) asks for the help of the
///   deepest command named so far, even if earlier options were wrong; `help <path>` at the
///   start asks for the help of that path; `--version` is recognised before a command name.
///   A word that names no command where a command is expected is an error that `--help` does not
///   hide: `adreg visitt add --help` says there is no `visitt` rather than describing the tool.
/// - Nothing is printed, read from the environment or exited: callers print
///   `.help`/`.version` to standard output and a `UsageError` to standard error.
public struct CommandLineParser: Sendable {
  /// The name shown in usage, e.g. `adreg`.
  public let toolName: String
  /// The text returned for `--version`.
  public let version: String
  /// The tool itself; its subcommands are the commands.
  public let root: CommandSpec
  /// Options accepted by every command and listed in every command's help.
  public let globalOptions: [OptionSpec]

  /// Creates a parser for a tool.
  public init(toolName: String, version: String, root: CommandSpec, globalOptions: [OptionSpec] = []) {
    self.toolName = toolName
    self.version = version
    self.root = root
    self.globalOptions = globalOptions
  }

  /// Parses the command-line words, without `argv[0]`.
  ///
  /// With no words at all, a tool that has subcommands answers with its own help.
  /// - Throws: `UsageError` for anything that does not fit the specs.
  public func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
    if arguments.isEmpty && root.isGroup {
      return .help(help(for: []))
    }
    var parse = Parse(chain: rootChain, words: arguments)
    return try parse.run()
  }

  /// The help text of the command at `path` (e.g. `["patient", "add"]`), without a trailing
  /// newline. Unknown trailing names are ignored: the deepest known command is described.
  public func help(for path: [String]) -> String {
    chain(for: path).helpText
  }

  /// A usage error attributed to the command at `path`, with that command's usage line;
  /// for commands that reject a combination of options the parser cannot see.
  public func usageError(_ message: String, suggestion: String? = nil, path: [String]) -> UsageError {
    chain(for: path).error(message, suggestion: suggestion)
  }

  private var rootChain: CommandChain {
    CommandChain(toolName: toolName, version: version, root: root, globalOptions: globalOptions)
  }

  private func chain(for path: [String]) -> CommandChain {
    var chain = rootChain
    for name in path {
      guard let command = chain.current.subcommand(named: name) else { break }
      chain.descend(into: command)
    }
    return chain
  }
}

extension CommandChain {
  func error(_ message: String, suggestion: String? = nil) -> UsageError {
    UsageError(
      message: message, suggestion: suggestion, usage: compactUsage, toolName: toolName,
      commandPath: path)
  }
}

/// The state of one parse.
private struct Parse {
  var chain: CommandChain
  let words: [String]
  var index = 0
  var parsed = ParsedArguments()
  var positionals: [String] = []
  var optionsEnded = false
  /// Set by a leading `help` word: later words name the command to describe.
  var helpMode = false
  /// The first problem found. Parsing goes on after it only so that a later `--help` can
  /// still answer, as swift-argument-parser does.
  var firstError: UsageError?
  /// The first word that named no command where one was expected; help and version then answer with it.
  var unknownCommand: UsageError?

  init(chain: CommandChain, words: [String]) {
    self.chain = chain
    self.words = words
  }

  mutating func run() throws(UsageError) -> Invocation {
    while index < words.count {
      let word = words[index]
      index += 1
      if optionsEnded || word == "-" || !word.hasPrefix("-") {
        handlePositional(word)
      } else if word == "--" {
        optionsEnded = true
      } else if word.hasPrefix("--") {
        if let answer = handleLong(word.dropFirst(2)) { return try checked(answer) }
      } else {
        if let answer = handleShortGroup(word.dropFirst()) { return try checked(answer) }
      }
    }
    if let firstError { throw firstError }
    if helpMode { return .help(chain.helpText) }
    if chain.current.isGroup {
      let names = chain.current.subcommands.map(\.name).joined(separator: ", ")
      throw chain.error("Missing expected subcommand: \(names)")
    }
    try assignPositionals()
    try checkRequiredOptions()
    return .run(path: chain.path, arguments: parsed)
  }

  /// Help or version, unless a word before it named no command: help for the wrong command would hide the typo.
  func checked(_ answer: Invocation) throws(UsageError) -> Invocation {
    if let unknownCommand { throw unknownCommand }
    return answer
  }

  mutating func fail(_ error: UsageError) {
    if firstError == nil { firstError = error }
  }

  mutating func handlePositional(_ word: String) {
    guard chain.current.isGroup else {
      // In help mode, words past a leaf command are not part of the path; ignore them.
      if !helpMode { positionals.append(word) }
      return
    }
    if let command = chain.current.subcommand(named: word) {
      chain.descend(into: command)
    } else if word == "help" && chain.acceptsHelpCommand && !helpMode {
      helpMode = true
    } else {
      let suggestion = Suggestion.closest(to: word, among: chain.commandNames)
      let error = chain.error("Unknown command '\(word)'", suggestion: suggestion.map { "Did you mean '\($0)'?" })
      if unknownCommand == nil { unknownCommand = error }
      fail(error)
    }
  }

  /// Handles `--name` or `--name=value`; returns an invocation for help and version.
  mutating func handleLong(_ body: Substring) -> Invocation? {
    let name: String
    let inlineValue: String?
    if let equals = body.firstIndex(of: "=") {
      name = String(body[..<equals])
      inlineValue = String(body[body.index(after: equals)...])
    } else {
      name = String(body)
      inlineValue = nil
    }
    if name == "help" { return .help(chain.helpText) }
    if name == "version" && chain.isRoot { return .version(chain.version) }
    guard let option = chain.option(long: name) else {
      if !helpMode, let reason = chain.commands.last?.refusedOptions[name] {
        fail(chain.error("'--\(name)' does not apply here: \(reason)"))
      } else if !helpMode {
        let suggestion = Suggestion.closest(to: name, among: chain.longOptionNames)
        fail(chain.error("Unknown option '--\(name)'", suggestion: suggestion.map { "Did you mean '--\($0)'?" }))
      }
      return nil
    }
    take(option, spelled: "--\(name)", inlineValue: inlineValue)
    return nil
  }

  /// Handles `-a`, `-ab` or `-ovalue`; returns an invocation for help.
  mutating func handleShortGroup(_ body: Substring) -> Invocation? {
    var rest = body
    while let letter = rest.popFirst() {
      if letter == "h" { return .help(chain.helpText) }
      guard let option = chain.option(short: letter) else {
        if !helpMode { fail(chain.error("Unknown option '-\(letter)'")) }
        return nil
      }
      if option.valueName != nil {
        // Like getopt, the rest of the word is the value when there is any.
        take(option, spelled: "-\(letter)", inlineValue: rest.isEmpty ? nil : String(rest))
        return nil
      }
      take(option, spelled: "-\(letter)", inlineValue: nil)
    }
    return nil
  }

  mutating func take(_ option: OptionSpec, spelled: String, inlineValue: String?) {
    guard let valueName = option.valueName else {
      if let inlineValue {
        fail(
          chain.error(
            "The option '\(spelled)' does not take any value, but '\(inlineValue)' was specified"))
      } else {
        parsed.setFlag(option.name)
      }
      return
    }
    if let inlineValue {
      parsed.appendValue(inlineValue, for: option.name)
    } else if index < words.count {
      parsed.appendValue(words[index], for: option.name)
      index += 1
    } else if !helpMode {
      fail(chain.error("Missing value for '\(spelled) <\(valueName)>'"))
    }
  }

  mutating func assignPositionals() throws(UsageError) {
    let arguments = chain.current.arguments
    if let last = arguments.last, last.isVariadic, positionals.count >= arguments.count {
      parsed.setPositionals(last.name, Array(positionals[(arguments.count - 1)...]))
    }
    if positionals.count > arguments.count, arguments.last?.isVariadic != true {
      let extra = positionals[arguments.count...]
      if extra.count == 1, let word = extra.first {
        throw chain.error("Unexpected argument '\(word)'")
      }
      let list = extra.map { "'\($0)'" }.joined(separator: ", ")
      throw chain.error("\(extra.count) unexpected arguments: \(list)")
    }
    for (argument, word) in zip(arguments, positionals) {
      parsed.setPositional(argument.name, word)
    }
    if let absent = arguments.dropFirst(positionals.count).first(where: { !$0.isOptional }) {
      throw chain.error("Missing expected argument '<\(absent.name)>'")
    }
  }

  mutating func checkRequiredOptions() throws(UsageError) {
    let absent = chain.optionsInScope.filter { $0.isRequired && !parsed.isPresent($0) }
    guard let first = absent.first else { return }
    if chain.current.promptsForMissing {
      parsed.missing = absent.map(\.name)
      return
    }
    throw chain.error("Missing expected argument '\(CommandChain.unbracketedSynopsis(first))'")
  }
}
