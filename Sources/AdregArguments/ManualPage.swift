/// A section of a man page that the command specs do not give, such as EXIT STATUS or ENVIRONMENT.
public struct ManualSection: Sendable, Equatable {
  /// The heading, e.g. `EXIT STATUS`.
  public var title: String
  /// A paragraph before the entries; may be empty.
  public var text: String
  /// Tagged paragraphs: the tag in bold (`0`, `ADREG_DB`), then its text.
  public var entries: [Entry]

  /// One tagged paragraph.
  public struct Entry: Sendable, Equatable {
    public var tag: String
    public var text: String

    public init(_ tag: String, _ text: String) {
      self.tag = tag
      self.text = text
    }
  }

  public init(_ title: String, text: String = "", entries: [Entry] = []) {
    self.title = title
    self.text = text
    self.entries = entries
  }
}

extension CommandLineParser {
  /// A man page in roff (`man(7)`), section 1, generated from the command specs like help: NAME, SYNOPSIS,
  /// DESCRIPTION, then COMMANDS with one subsection per command (abstract, discussion, arguments, options with
  /// their values), then `sections` in order.
  public func manualPage(sections: [ManualSection]) -> String {
    let model = CompletionModel(self)
    let title = toolName.uppercased()
    var page: [String] = [
      ".TH \(Roff.escaped(title)) 1 \"\" \(Roff.quoted("\(toolName) \(version)")) \"User Commands\"",
      // Option names and codes must not be hyphenated at a line end, nor spread out to justify a line.
      ".nh",
      ".ad l",
      ".SH NAME",
      Roff.escaped("\(toolName) - \(root.abstract)"),
      ".SH SYNOPSIS",
      ".B \(Roff.escaped(toolName))",
      "\\fIcommand\\fR [\\fIoptions\\fR]",
      ".SH DESCRIPTION",
    ]
    page += Roff.paragraphs(root.discussion.isEmpty ? root.abstract : root.discussion)
    if let top = model.nodes.first, !top.options.isEmpty {
      page.append(".PP")
      page.append("Options accepted by every command, before or after it, and not repeated below:")
      page += top.options.flatMap(Roff.option)
    }
    let shared = model.nodes.first?.options ?? []
    page.append(".SH COMMANDS")
    for node in model.nodes.dropFirst() {
      page.append(".SS \(Roff.quoted(node.key))")
      page += Roff.paragraphs(node.spec.abstract)
      if !node.spec.discussion.isEmpty { page += [".PP"] + Roff.paragraphs(node.spec.discussion) }
      if node.spec.isGroup {
        page.append(".PP")
        page.append("Subcommands: " + node.subcommands.map { "\\fB\(Roff.escaped($0.name))\\fR" }.joined(separator: ", ") + ".")
        continue
      }
      let chain = usageChain(node.key)
      page += [".PP", "Usage:", ".RS", Roff.escaped(chain), ".RE"]
      for argument in node.arguments {
        page.append(".TP")
        page.append("\\fI\(Roff.escaped(argument.name))\\fR")
        page += Roff.paragraphs(CommandChain.helpWithValues(argument.help, argument.allowedValues))
      }
      // The global options and --help, listed once under DESCRIPTION, unless the command declares its own.
      page += node.options.filter { option in !shared.contains { $0.sameDeclaration(as: option) } }.flatMap(Roff.option)
    }
    for section in sections {
      page.append(".SH \(Roff.quoted(section.title))")
      if !section.text.isEmpty { page += Roff.paragraphs(section.text) }
      for entry in section.entries {
        page.append(".TP")
        page.append("\\fB\(Roff.escaped(entry.tag))\\fR")
        page += Roff.paragraphs(entry.text)
      }
    }
    return page.joined(separator: "\n") + "\n"
  }

  /// The full usage line of the command `key` names (`adreg patient add`), as help shows it.
  private func usageChain(_ key: String) -> String {
    let path = key.split(separator: " ").dropFirst().map(String.init)
    var chain = CommandChain(toolName: toolName, version: version, root: root, globalOptions: globalOptions)
    for name in path {
      guard let next = chain.current.subcommand(named: name) else { break }
      chain.descend(into: next)
    }
    return chain.fullUsage
  }
}

/// Escaping for roff text lines, so that no text is read as a request, an escape or a hyphen.
enum Roff {
  /// `text` with backslashes, hyphens and characters outside ASCII escaped, and a leading `.` or `'` guarded.
  static func escaped(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": result += "\\e"
      case "-": result += "\\-"
      case "\t": result += " "
      default:
        if scalar.value > 126 || scalar.value < 32 {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          result += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    if result.hasPrefix(".") || result.hasPrefix("'") { result = "\\&" + result }
    return result
  }

  /// A request argument in double quotes; a double quote inside is written `\(dq`.
  static func quoted(_ text: String) -> String {
    "\"" + escaped(text).replacing("\"", with: "\\(dq") + "\""
  }

  /// Text lines, a `.PP` between paragraphs (blank lines in `text`), and no empty line, which roff would keep.
  static func paragraphs(_ text: String) -> [String] {
    var lines: [String] = []
    var pendingBreak = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingTrailingSpaces()
      if trimmed.isEmpty {
        pendingBreak = !lines.isEmpty
        continue
      }
      if pendingBreak {
        lines.append(".PP")
        pendingBreak = false
      }
      // An indented line (an example) keeps its own line.
      if trimmed.first == " " { lines.append(".br") }
      lines.append(escaped(String(trimmed.drop(while: { $0 == " " }))))
    }
    return lines
  }

  /// An option as a tagged paragraph: `\-\-onset \fIdate\fR`, its help and its values.
  static func option(_ option: CompletionModel.Option) -> [String] {
    var tag = option.spellings.reversed().map { "\\fB\(escaped($0))\\fR" }.joined(separator: ", ")
    if option.takesValue, let valueName = option.valueName { tag += " \\fI\(escaped(valueName))\\fR" }
    return [".TP", tag] + paragraphs(CommandChain.helpWithValues(option.help, option.values))
  }
}

extension Substring {
  fileprivate func trimmingTrailingSpaces() -> Substring {
    var end = endIndex
    while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
    return self[startIndex..<end]
  }
}
