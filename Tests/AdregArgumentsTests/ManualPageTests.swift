import AdregArguments
import Testing

@Suite("Man page from the command specs")
struct ManualPageTests {
  static let tricky = CommandSpec(
    "tricky",
    abstract: "A command whose text roff would misread.",
    discussion: """
      First paragraph with a back\\slash and an em dash — here.
      .TH a line that starts like a request
      'also a control line

      A second paragraph.
      """,
    options: [.value("mode", "mode", help: "The mode.", allowedValues: ["fast", "slow-ish"])])

  static let parser = CommandLineParser(
    toolName: "adreg", version: "9.9", root: CommandSpec("adreg", abstract: "A tool.", subcommands: [tricky]),
    globalOptions: [.value("db", "path", help: "The file.")])

  @Test("text lines are escaped: backslash, hyphen, non-ASCII, and a leading dot or quote")
  func escaping() {
    let page = Self.parser.manualPage(sections: [])
    let lines = page.split(separator: "\n").map(String.init)
    #expect(lines.first == ".TH ADREG 1 \"\" \"adreg 9.9\" \"User Commands\"")
    #expect(lines.contains("First paragraph with a back\\eslash and an em dash \\[u2014] here."))
    #expect(lines.contains("\\&.TH a line that starts like a request"))
    #expect(lines.contains("\\&'also a control line"))
    #expect(lines.contains("\\fB\\-\\-mode\\fR \\fImode\\fR"))
    #expect(lines.contains("The mode. (values: fast, slow\\-ish)"))
    // No line is empty (roff keeps it as a blank line), and every request is one the page means.
    #expect(!lines.contains(""))
    let requests = Set(lines.filter { $0.hasPrefix(".") }.map { String($0.prefix { $0 != " " }) })
    #expect(requests.isSubset(of: [".TH", ".nh", ".ad", ".SH", ".SS", ".B", ".PP", ".TP", ".RS", ".RE", ".br"]))
  }

  @Test("extra sections follow the commands, with tagged entries")
  func sections() throws {
    let page = Self.parser.manualPage(sections: [ManualSection("EXIT STATUS", entries: [.init("64", "Usage error.")])])
    #expect(page.contains(".SS \"adreg tricky\"\n"))
    #expect(page.contains(".SH \"EXIT STATUS\"\n.TP\n\\fB64\\fR\nUsage error.\n"))
    let lines = page.split(separator: "\n").map(String.init)
    let command = try #require(lines.firstIndex(of: ".SS \"adreg tricky\""))
    let exitStatus = try #require(lines.firstIndex(of: ".SH \"EXIT STATUS\""))
    #expect(command < exitStatus)
  }

  @Test("the bash script offers an option's declared values and the global options")
  func completionValues() {
    let script = Self.parser.completionScript(for: .bash)
    #expect(script.contains("'adreg tricky|--mode') REPLY='fast slow-ish' ;;"))
    #expect(script.contains("'adreg tricky') REPLY='--mode --db --help -h' ;;"))
    #expect(script.hasSuffix("complete -F _adreg adreg\n"))
  }
}
