@testable import AdregArguments
import Testing

@Suite("Commands that prompt for missing options")
struct PromptsForMissingTests {
  @Test("missing required options are returned instead of thrown")
  func returnsMissing() throws {
    let (path, arguments) = try Fixture.run(["patient", "add", "P-002"])
    #expect(path == ["patient", "add"])
    #expect(arguments.missing == ["start"])
    #expect(arguments.positional("code") == "P-002")
  }

  @Test("nothing is missing when every required option is given")
  func nothingMissing() throws {
    let (_, arguments) = try Fixture.run(["patient", "add", "P-002", "--start", "2024-01-10"])
    #expect(arguments.missing == [])
  }

  @Test("missing positionals are still an error")
  func positionalStillRequired() {
    #expect(Fixture.error(["patient", "add"])?.message == "Missing expected argument '<code>'")
  }

  @Test("missing names come in declaration order, the command's own before the globals")
  func order() throws {
    let add = CommandSpec(
      "add", abstract: "Add.",
      options: [
        .value("start", "date", help: "", required: true),
        .repeated("drug", "drug", help: "", required: true),
      ],
      promptsForMissing: true)
    let parser = CommandLineParser(
      toolName: "adreg", version: "1", root: CommandSpec("adreg", abstract: "", subcommands: [add]),
      globalOptions: [.value("user", "name", help: "", required: true)])
    let invocation = try parser.parse(["add", "--drug", "dupilumab"])
    #expect(invocation == .run(path: ["add"], arguments: ParsedArguments(options: ["drug": ["dupilumab"]], missing: ["start", "user"])))
  }

  @Test("a command that does not prompt reports the first missing option")
  func nonPromptingThrows() {
    #expect(Fixture.error(["record", "P-001"])?.message == "Missing expected argument '--onset <date>'")
  }
}
