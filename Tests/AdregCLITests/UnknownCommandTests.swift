import Testing

@Suite("Unknown commands on the command line, --help or not")
struct UnknownCommandTests {
  @Test("a mistyped command with --help is exit 64 with did-you-mean and the usage lines", arguments: [
    (["visitt", "add", "--help"], "visitt", "visit", "adreg <subcommand>", "adreg --help"),
    (["patient", "ad", "--help"], "ad", "add", "adreg patient <subcommand>", "adreg patient --help"),
    (["reprot", "frequency"], "reprot", "report", "adreg <subcommand>", "adreg --help"),
    (["report", "frequncy", "-h"], "frequncy", "frequency", "adreg report <subcommand>", "adreg report --help"),
    (["help", "visitt"], "visitt", "visit", "adreg <subcommand>", "adreg --help"),
  ])
  func mistyped(words: [String], typed: String, meant: String, usage: String, help: String) throws {
    let h = try Harness()
    let result = h.run(words, global: false)
    #expect(result.status == 64)
    #expect(result.output.isEmpty, "no help on standard output: \(result.output)")
    #expect(
      result.error == """
        Error: Unknown command '\(typed)'. Did you mean '\(meant)'?
        Usage: \(usage)
          See '\(help) for more information.

        """.replacingOccurrences(of: "'\(help) for", with: "'\(help)' for"))
  }

  @Test("a word close to nothing gets no suggestion, still exit 64")
  func noSuggestion() throws {
    let h = try Harness()
    let result = h.run(["help", "nosuch"], global: false)
    #expect(result.status == 64)
    #expect(result.error.hasPrefix("Error: Unknown command 'nosuch'\nUsage: adreg <subcommand>\n"))
    #expect(result.output.isEmpty)
  }

  @Test("known commands keep their help, exit 0")
  func knownHelp() throws {
    let h = try Harness()
    let result = h.run(["visit", "add", "--help"], global: false)
    #expect(result.status == 0)
    #expect(result.output.contains("USAGE: adreg visit add"))
  }
}
