import AdregArguments
import Testing

@Suite("Unknown commands anywhere on the line")
struct UnknownCommandTests {
  let parser = Fixture.parser

  @Test("--help after an unknown command is the unknown-command error, not the tool's help", arguments: [
    ["recrod", "--help"], ["recrod", "P-1", "-h"], ["recrod", "--onset", "2024-01-01", "--help"], ["--db", "r.sqlite", "recrod", "--help"],
  ])
  func helpAfterUnknownTopLevel(words: [String]) throws {
    let error = try #require(Fixture.error(words))
    #expect(
      error.description == """
        Error: Unknown command 'recrod'. Did you mean 'record'?
        Usage: adreg <subcommand>
          See 'adreg --help' for more information.
        """)
  }

  @Test("--help after an unknown subcommand of a group names the group's subcommands")
  func helpAfterUnknownSubcommand() throws {
    let error = try #require(Fixture.error(["patient", "ad", "--help"]))
    #expect(
      error.description == """
        Error: Unknown command 'ad'. Did you mean 'add'?
        Usage: adreg patient <subcommand>
          See 'adreg patient --help' for more information.
        """)
  }

  @Test("the first unknown word is the one reported, with or without --help")
  func firstUnknownWord() throws {
    #expect(Fixture.error(["patiant", "add", "--help"])?.message == "Unknown command 'patiant'")
    #expect(Fixture.error(["patiant", "add"])?.message == "Unknown command 'patiant'")
    #expect(Fixture.error(["patiant", "add"])?.suggestion == "Did you mean 'patient'?")
  }

  @Test("'help' with an unknown command, then --help, is still the error")
  func helpCommandThenHelpFlag() throws {
    #expect(Fixture.error(["help", "nosuch"])?.message == "Unknown command 'nosuch'")
    #expect(Fixture.error(["help", "patient", "ad", "--help"])?.message == "Unknown command 'ad'")
  }

  @Test("--version after an unknown command is the error too")
  func versionAfterUnknown() throws {
    #expect(Fixture.error(["recrod", "--version"])?.message == "Unknown command 'recrod'")
  }

  @Test("help still wins over an unknown option, and known paths still get their help")
  func unchangedCases() throws {
    #expect(try parser.parse(["record", "--onsett", "x", "--help"]) == .help(parser.help(for: ["record"])))
    #expect(try parser.parse(["patient", "add", "--help"]) == .help(parser.help(for: ["patient", "add"])))
    // Past a leaf command, words are its arguments, not commands.
    #expect(try parser.parse(["record", "nosuch", "--help"]) == .help(parser.help(for: ["record"])))
  }
}
