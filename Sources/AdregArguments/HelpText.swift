/// Help and usage text in swift-argument-parser's layout.
extension CommandChain {
  static let screenWidth = 80
  /// Labels are indented by 2 and their help starts at this column.
  static let labelColumn = 26
  static let labelIndent = 2

  /// The short usage for error messages: positionals and required options spelled out,
  /// every other option folded into `[<options>]`.
  var compactUsage: String {
    if current.isGroup { return "\(commandLine) <subcommand>" }
    let required = optionsInScope.filter(\.isRequired).map(Self.synopsis)
    let hasOptional = optionsInScope.contains { !$0.isRequired }
    let parts = current.arguments.map(Self.synopsis) + required + (hasOptional ? ["[<options>]"] : [])
    return ([commandLine] + parts).joined(separator: " ")
  }

  /// The usage in help: the command's own options spelled out, and inherited or global
  /// ones folded into `[<options>]` unless required, since OPTIONS lists them all anyway.
  var fullUsage: String {
    if current.isGroup { return "\(commandLine) <subcommand>" }
    let ownNames = Set(ownOptions.map(\.name))
    let inherited = optionsInScope.filter { !ownNames.contains($0.name) }
    let parts =
      current.arguments.map(Self.synopsis)
      + ownOptions.map(Self.synopsis)
      + inherited.filter(\.isRequired).map(Self.synopsis)
      + (inherited.contains { !$0.isRequired } ? ["[<options>]"] : [])
    return ([commandLine] + parts).joined(separator: " ")
  }

  /// The complete help text, without a trailing newline.
  var helpText: String {
    var text = ""
    var overview = current.abstract.isEmpty ? "" : "OVERVIEW: \(current.abstract)"
    if !current.discussion.isEmpty {
      overview += (overview.isEmpty ? "" : "\n\n") + current.discussion
    }
    if !overview.isEmpty {
      text += Self.wrap(overview) + "\n\n"
    }
    text += "USAGE: \(fullUsage)\n"

    var sections: [String] = []
    if !current.isGroup && !current.arguments.isEmpty {
      let elements = current.arguments.map { argument in
        Self.element(
          label: "<\(argument.name)>", help: Self.helpWithValues(argument.help, argument.allowedValues))
      }
      sections.append(Self.section("ARGUMENTS", elements))
    }
    var optionElements = optionsInScope.map { option in
      Self.element(label: Self.label(option), help: Self.helpWithValues(option.help, option.allowedValues))
    }
    if isRoot {
      optionElements.append(Self.element(label: "--version", help: "Show the version."))
    }
    optionElements.append(Self.element(label: "-h, --help", help: "Show help information."))
    sections.append(Self.section("OPTIONS", optionElements))
    if current.isGroup {
      let elements = current.subcommands.map { Self.element(label: $0.name, help: $0.abstract) }
      sections.append(Self.section("SUBCOMMANDS", elements))
    }
    text += "\n" + sections.joined(separator: "\n\n")

    if current.isGroup {
      let helpPath = ([toolName, "help"] + path).joined(separator: " ")
      text += "\n\n  See '\(helpPath) <subcommand>' for detailed help."
    }
    return text
  }

  static func synopsis(_ argument: ArgumentSpec) -> String {
    (argument.isOptional ? "[<\(argument.name)>]" : "<\(argument.name)>") + (argument.isVariadic ? " ..." : "")
  }

  static func synopsis(_ option: OptionSpec) -> String {
    var text = "--\(option.name)"
    if let valueName = option.valueName { text += " <\(valueName)>" }
    if option.isRepeated { text += " ..." }
    return option.isRequired ? text : "[\(text)]"
  }

  /// The option as named in error messages, e.g. `--onset <date>`.
  static func unbracketedSynopsis(_ option: OptionSpec) -> String {
    var required = option
    required.isRequired = true
    return synopsis(required)
  }

  /// The label in OPTIONS, e.g. `-o, --onset <date>`; repetition is not marked there.
  static func label(_ option: OptionSpec) -> String {
    var text = option.short.map { "-\($0), " } ?? ""
    text += "--\(option.name)"
    if let valueName = option.valueName { text += " <\(valueName)>" }
    return text
  }

  static func helpWithValues(_ help: String, _ values: [String]) -> String {
    guard !values.isEmpty else { return help }
    let list = "(values: \(values.joined(separator: ", ")))"
    return help.isEmpty ? list : "\(help) \(list)"
  }

  static func section(_ header: String, _ elements: [String]) -> String {
    "\(header):\n" + elements.joined(separator: "\n")
  }

  /// One label with its help in the aligned column; a label too wide for the column
  /// puts the help on the next line instead.
  static func element(label: String, help: String) -> String {
    let paddedLabel = String(repeating: " ", count: labelIndent) + label
    guard !help.isEmpty else { return paddedLabel }
    let wrapped = wrap(help, indent: labelColumn)
    if paddedLabel.count < labelColumn {
      return paddedLabel + wrapped.dropFirst(paddedLabel.count)
    }
    return paddedLabel + "\n" + wrapped
  }

  /// Word-wraps `text` to `width` columns, indenting every non-empty line by `indent`.
  ///
  /// Line breaks in `text` are kept, and a line that starts with a space is kept verbatim
  /// so that indented examples in a discussion survive.
  static func wrap(_ text: String, width: Int = screenWidth, indent: Int = 0) -> String {
    let available = max(width - indent, 1)
    let padding = String(repeating: " ", count: indent)
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if paragraph.first == " " {
        lines.append(String(paragraph))
        continue
      }
      var line = ""
      for word in paragraph.split(separator: " ") {
        if line.isEmpty {
          line = String(word)
        } else if line.count + 1 + word.count <= available {
          line += " " + word
        } else {
          lines.append(line)
          line = String(word)
        }
      }
      lines.append(line)
    }
    return lines.map { $0.isEmpty ? "" : padding + $0 }.joined(separator: "\n")
  }
}
