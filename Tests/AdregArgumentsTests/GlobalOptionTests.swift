@testable import AdregArguments
import Testing

@Suite("Global options")
struct GlobalOptionTests {
  @Test("a global option before the command name is parsed with the command")
  func beforeCommand() throws {
    let (path, arguments) = try Fixture.run(["--db", "/tmp/r.sqlite"] + Fixture.validRecord)
    #expect(path == ["record"])
    #expect(arguments.value("db") == "/tmp/r.sqlite")
    #expect(arguments.positional("code") == "P-001")
  }

  @Test("a global option after the command's words is parsed")
  func afterCommand() throws {
    let (_, arguments) = try Fixture.run(Fixture.validRecord + ["--user", "dr-lee"])
    #expect(arguments.value("user") == "dr-lee")
  }

  @Test("a global option between the command name and its positional is parsed")
  func amongArguments() throws {
    let words = ["record", "--as-of", "2024-03-05", "P-001", "--onset", "2024-03-01", "--category", "other"]
    let (_, arguments) = try Fixture.run(words)
    #expect(arguments.value("as-of") == "2024-03-05")
    #expect(arguments.positional("code") == "P-001")
  }

  @Test("a global option between a group and its subcommand is parsed")
  func betweenGroupAndSubcommand() throws {
    let (path, arguments) = try Fixture.run(["patient", "--format", "json", "list", "--active"])
    #expect(path == ["patient", "list"])
    #expect(arguments.value("format") == "json")
    #expect(arguments.flag("active"))
  }

  @Test("a command's own option before its name is unknown at that point")
  func commandOptionBeforeName() {
    let error = Fixture.error(["--active", "patient", "list"])
    #expect(error?.message == "Unknown option '--active'")
    #expect(error?.commandPath == [])
  }

  @Test("global options are listed in the help of every command")
  func listedInEveryHelp() {
    for path in [[], ["record"], ["patient"], ["patient", "add"], ["patient", "list"]] {
      let help = Fixture.parser.help(for: path)
      #expect(help.contains("\n  --db <path>             The registry database file.\n"), "\(path)")
      #expect(help.contains("\n  --format <format>       Output format. (values: text, json, csv)\n"), "\(path)")
    }
  }

  @Test("a command option with a global's name shadows the global and is listed once")
  func shadowedGlobal() throws {
    let export = CommandSpec(
      "export", abstract: "Export.",
      options: [.value("format", "format", help: "File format.", allowedValues: ["csv", "json"], required: true)])
    let parser = CommandLineParser(
      toolName: "adreg", version: "1", root: CommandSpec("adreg", abstract: "", subcommands: [export]),
      globalOptions: Fixture.globalOptions)
    let help = parser.help(for: ["export"])
    #expect(help.contains("\nUSAGE: adreg export --format <format> [<options>]\n"))
    #expect(help.split(separator: "\n").filter { $0.contains("--format <format>") }.count == 2)
    #expect(help.contains("\n  --format <format>       File format. (values: csv, json)\n"))
    #expect(try parser.parse(["export", "--format", "csv"]) == .run(path: ["export"], arguments: ParsedArguments(options: ["format": ["csv"]])))
  }

  @Test("a group's options are inherited by its subcommands")
  func groupOptionsInherited() throws {
    let group = CommandSpec(
      "patient", abstract: "Manage patients.",
      options: [.value("site", "site", help: "Limit to one site.")],
      subcommands: [CommandSpec("list", abstract: "List patients.")])
    let parser = CommandLineParser(
      toolName: "adreg", version: "1", root: CommandSpec("adreg", abstract: "", subcommands: [group]),
      globalOptions: [])
    let invocation = try parser.parse(["patient", "--site", "north", "list"])
    #expect(invocation == .run(path: ["patient", "list"], arguments: ParsedArguments(options: ["site": ["north"]])))
    #expect(parser.help(for: ["patient", "list"]).contains("\n  --site <site>           Limit to one site.\n"))
  }
}
