import AdregArguments
import Testing

@Suite("Usage errors")
struct UsageErrorTests {
  let recordUsage = "adreg record <code> --onset <date> --category <category> [<options>]"

  @Test("an unknown option gives the full three-line text")
  func unknownOptionText() throws {
    let error = try #require(Fixture.error(Fixture.validRecord + ["--onsett", "2024-03-01"]))
    #expect(
      error.description == """
        Error: Unknown option '--onsett'. Did you mean '--onset'?
        Usage: adreg record <code> --onset <date> --category <category> [<options>]
          See 'adreg record --help' for more information.
        """)
    #expect(error.message == "Unknown option '--onsett'")
    #expect(error.suggestion == "Did you mean '--onset'?")
    #expect(error.usage == recordUsage)
    #expect(error.commandPath == ["record"])
    #expect(error.toolName == "adreg")
  }

  @Test("an unknown short option has no suggestion")
  func unknownShortOption() throws {
    let error = try #require(Fixture.error(Fixture.validRecord + ["-x"]))
    #expect(error.message == "Unknown option '-x'")
    #expect(error.suggestion == nil)
  }

  @Test("an unknown command at the top level points at the tool's help")
  func unknownCommandText() throws {
    let error = try #require(Fixture.error(["recrod", "P-001"]))
    #expect(
      error.description == """
        Error: Unknown command 'recrod'. Did you mean 'record'?
        Usage: adreg <subcommand>
          See 'adreg --help' for more information.
        """)
  }

  @Test("an unknown subcommand of a group points at the group's help")
  func unknownSubcommandText() throws {
    let error = try #require(Fixture.error(["patient", "ad", "P-002"]))
    #expect(
      error.description == """
        Error: Unknown command 'ad'. Did you mean 'add'?
        Usage: adreg patient <subcommand>
          See 'adreg patient --help' for more information.
        """)
  }

  @Test("an option without its value names the option and its value")
  func missingValue() throws {
    let long = try #require(Fixture.error(Fixture.validRecord + ["--note"]))
    #expect(long.message == "Missing value for '--note <note>'")
    #expect(long.usage == recordUsage)
    let short = try #require(Fixture.error(Fixture.validRecord + ["-o"]))
    #expect(short.message == "Missing value for '-o <date>'")
  }

  @Test("a flag given a value is rejected")
  func flagWithValue() throws {
    let error = try #require(Fixture.error(Fixture.validRecord + ["--dry-run=yes"]))
    #expect(error.message == "The option '--dry-run' does not take any value, but 'yes' was specified")
  }

  @Test("a missing required option is named with its value")
  func missingOption() throws {
    let error = try #require(Fixture.error(["record", "P-001", "--category", "other"]))
    #expect(
      error.description == """
        Error: Missing expected argument '--onset <date>'
        Usage: adreg record <code> --onset <date> --category <category> [<options>]
          See 'adreg record --help' for more information.
        """)
  }

  @Test("a missing positional is named in angle brackets")
  func missingPositional() throws {
    let error = try #require(Fixture.error(["record", "--onset", "2024-03-01", "--category", "other"]))
    #expect(error.message == "Missing expected argument '<code>'")
    #expect(error.commandPath == ["record"])
  }

  @Test("extra positionals are rejected, singly or together")
  func unexpectedArguments() throws {
    let one = try #require(Fixture.error(Fixture.validRecord + ["foo"]))
    #expect(one.message == "Unexpected argument 'foo'")
    let two = try #require(Fixture.error(Fixture.validRecord + ["foo", "bar"]))
    #expect(two.message == "2 unexpected arguments: 'foo', 'bar'")
  }

  @Test("a group without a subcommand lists the subcommands")
  func missingSubcommand() throws {
    let error = try #require(Fixture.error(["patient"]))
    #expect(
      error.description == """
        Error: Missing expected subcommand: add, list
        Usage: adreg patient <subcommand>
          See 'adreg patient --help' for more information.
        """)
    let top = try #require(Fixture.error(["--db", "r.sqlite"]))
    #expect(top.message == "Missing expected subcommand: record, patient")
    #expect(top.commandPath == [])
  }

  @Test("the first problem on the line is the one reported")
  func firstErrorWins() throws {
    let error = try #require(Fixture.error(["record", "--bogus", "P-001", "extra", "--note"]))
    #expect(error.message == "Unknown option '--bogus'")
  }

  @Test("a command can build its own usage error with the command's usage line")
  func callerBuiltError() {
    let error = Fixture.parser.usageError("'--reported' cannot be before '--onset'", path: ["record"])
    #expect(
      error.description == """
        Error: '--reported' cannot be before '--onset'
        Usage: adreg record <code> --onset <date> --category <category> [<options>]
          See 'adreg record --help' for more information.
        """)
  }
}
