@testable import AdregArguments
import Testing

@Suite("Option syntax")
struct OptionSyntaxTests {
  @Test("--name=value is the same as --name value")
  func equalsForm() throws {
    let (_, spaced) = try Fixture.run(["record", "P-001", "--onset", "2024-03-01", "--category", "other"])
    let (_, joined) = try Fixture.run(["record", "P-001", "--onset=2024-03-01", "--category=other"])
    #expect(spaced == joined)
    #expect(joined.value("onset") == "2024-03-01")
  }

  @Test("only the first '=' separates the name from the value")
  func equalsInValue() throws {
    let (_, arguments) = try Fixture.run(Fixture.validRecord + ["--answer=itch=3"])
    #expect(arguments.values("answer") == ["itch=3"])
  }

  @Test("--name= gives an empty value")
  func emptyValue() throws {
    let (_, arguments) = try Fixture.run(Fixture.validRecord + ["--note="])
    #expect(arguments.value("note") == "")
  }

  @Test("a value starting with '-' is taken verbatim")
  func dashValue() throws {
    let (_, arguments) = try Fixture.run(Fixture.validRecord + ["--note", "-5", "--answer", "--help"])
    #expect(arguments.value("note") == "-5")
    #expect(arguments.values("answer") == ["--help"])
  }

  @Test("the last occurrence of a single-value option wins")
  func lastWins() throws {
    let (_, arguments) = try Fixture.run(Fixture.validRecord + ["--onset", "2024-03-02"])
    #expect(arguments.value("onset") == "2024-03-02")
  }

  @Test("a repeated option keeps every value in order")
  func repeatedKeepsAll() throws {
    let (_, arguments) = try Fixture.run(Fixture.validRecord + ["--answer", "itch=3", "--answer=sleep=1"])
    #expect(arguments.values("answer") == ["itch=3", "sleep=1"])
    #expect(arguments.value("answer") == "sleep=1")
  }

  @Test("absent options give nil, an empty list and false")
  func absent() throws {
    let (_, arguments) = try Fixture.run(Fixture.validRecord)
    #expect(arguments.value("note") == nil)
    #expect(arguments.values("answer") == [])
    #expect(!arguments.flag("dry-run"))
    #expect(arguments.missing == [])
  }

  @Test("'--' makes every later word a positional")
  func doubleDash() throws {
    let (_, arguments) = try Fixture.run(["record", "--onset", "2024-03-01", "--category", "other", "--", "-P-001"])
    #expect(arguments.positional("code") == "-P-001")
  }

  @Test("after '--', '--help' is a positional rather than a help request")
  func doubleDashHelp() throws {
    let (_, arguments) = try Fixture.run(["record", "--onset", "2024-03-01", "--category", "other", "--", "--help"])
    #expect(arguments.positional("code") == "--help")
  }

  @Test("a lone '-' is a positional")
  func loneDash() throws {
    let (_, arguments) = try Fixture.run(["record", "-", "--onset", "2024-03-01", "--category", "other"])
    #expect(arguments.positional("code") == "-")
  }

  @Test("short options take the next word or an attached value, and flags group")
  func shortOptions() throws {
    let (_, separate) = try Fixture.run(["record", "P-001", "-o", "2024-03-01", "--category", "other", "-n"])
    #expect(separate.value("onset") == "2024-03-01")
    #expect(separate.flag("dry-run"))
    let (_, attached) = try Fixture.run(["record", "P-001", "-no2024-03-01", "--category", "other"])
    #expect(attached.value("onset") == "2024-03-01")
    #expect(attached.flag("dry-run"))
  }

  @Test("an optional positional may be left out")
  func optionalPositional() throws {
    let (_, without) = try Fixture.run(["patient", "add", "P-002", "--start", "2024-01-10"])
    #expect(without.positional("sex") == nil)
    let (_, with) = try Fixture.run(["patient", "add", "P-002", "f", "--start", "2024-01-10"])
    #expect(with.positional("sex") == "f")
  }

  @Test("allowed values are documentation only")
  func allowedValuesNotEnforced() throws {
    let (_, arguments) = try Fixture.run(["record", "P-001", "--onset", "2024-03-01", "--category", "hives"])
    #expect(arguments.value("category") == "hives")
  }
}
