import AdregArguments
import Testing

@Suite("Help and version requests")
struct HelpRequestTests {
  let parser = Fixture.parser

  @Test("-h, --help and 'help <path>' give the same text", arguments: [
    ["patient", "add"], ["patient"], ["record"], [],
  ])
  func sameText(path: [String]) throws {
    let expected = Invocation.help(parser.help(for: path))
    #expect(try parser.parse(path + ["-h"]) == expected)
    #expect(try parser.parse(path + ["--help"]) == expected)
    #expect(try parser.parse(["help"] + path) == expected)
  }

  @Test("the tool alone shows its help")
  func bareTool() throws {
    #expect(try parser.parse([]) == .help(parser.help(for: [])))
  }

  @Test("help is for the deepest command named before it")
  func deepestSoFar() throws {
    #expect(try parser.parse(["patient", "--help", "add"]) == .help(parser.help(for: ["patient"])))
    #expect(try parser.parse(["patient", "add", "P-1", "-h"]) == .help(parser.help(for: ["patient", "add"])))
  }

  @Test("help wins over errors earlier on the line")
  func helpBeatsErrors() throws {
    #expect(try parser.parse(["record", "--onsett", "x", "--help"]) == .help(parser.help(for: ["record"])))
    #expect(try parser.parse(["record", "-h"]) == .help(parser.help(for: ["record"])))
  }

  @Test("-h inside a group of short flags asks for help")
  func groupedShortHelp() throws {
    #expect(try parser.parse(["record", "-nh"]) == .help(parser.help(for: ["record"])))
  }

  @Test("'help' accepts global options around the path")
  func helpWithGlobals() throws {
    let expected = Invocation.help(parser.help(for: ["record"]))
    #expect(try parser.parse(["--db", "r.sqlite", "help", "record", "--format", "json"]) == expected)
  }

  @Test("'help' with an unknown command is a usage error")
  func helpUnknownCommand() {
    let error = Fixture.error(["help", "recrod"])
    #expect(error?.message == "Unknown command 'recrod'")
    #expect(error?.suggestion == "Did you mean 'record'?")
  }

  @Test("help(for:) describes the deepest known command of a path")
  func helpForUnknownPath() {
    #expect(parser.help(for: ["patient", "nope"]) == parser.help(for: ["patient"]))
  }

  @Test("--version before a command gives the version")
  func version() throws {
    #expect(try parser.parse(["--version"]) == .version("adreg 1.2.0"))
    #expect(try parser.parse(["--db", "r.sqlite", "--version"]) == .version("adreg 1.2.0"))
  }

  @Test("--version after a command name is an unknown option")
  func versionAfterCommand() {
    #expect(Fixture.error(Fixture.validRecord + ["--version"])?.message == "Unknown option '--version'")
  }

  @Test("a root without subcommands runs with an empty path and has no help command")
  func leafRoot() throws {
    let root = CommandSpec("tool", abstract: "One thing.", options: [.flag("quiet", help: "Say less.")])
    let parser = CommandLineParser(toolName: "tool", version: "1", root: root, globalOptions: [])
    #expect(try parser.parse([]) == .run(path: [], arguments: ParsedArguments()))
    #expect(throws: UsageError.self) { try parser.parse(["help"]) }
    #expect(try parser.parse(["--quiet"]) == .run(path: [], arguments: ParsedArguments(flags: ["quiet"])))
  }
}
