@testable import AdregArguments
import Testing

@Suite("A variadic last argument")
struct VariadicArgumentTests {
  static let send = CommandSpec(
    "send", abstract: "Send cases.",
    arguments: [ArgumentSpec("folder", help: "Where."), ArgumentSpec("id", help: "Ids.", isOptional: true, isVariadic: true)],
    options: [.value("out", "dir", help: "Out.")])
  static let parser = CommandLineParser(
    toolName: "tool", version: "1", root: CommandSpec("tool", abstract: "A tool.", subcommands: [send]), globalOptions: [])

  func parsed(_ words: [String]) throws -> ParsedArguments {
    guard case .run(_, let arguments) = try Self.parser.parse(words) else { throw UsageError(message: "not a run", usage: "", toolName: "tool", commandPath: []) }
    return arguments
  }

  @Test("takes every remaining word, in order, around options; the arguments before it take one each")
  func takesTheRest() throws {
    let arguments = try parsed(["send", "F", "3", "--out", "d", "1", "2"])
    #expect(arguments.positional("folder") == "F")
    #expect(arguments.positionals("id") == ["3", "1", "2"])
    #expect(arguments.positional("id") == "3")
    #expect(arguments.value("out") == "d")
  }

  @Test("may be absent when optional; a missing required argument before it is still an error")
  func absent() throws {
    #expect(try parsed(["send", "F"]).positionals("id") == [])
    #expect(throws: UsageError.self) { try parsed(["send"]) }
  }

  @Test("usage shows it as [<id> ...]")
  func usage() throws {
    guard case .help(let text) = try Self.parser.parse(["send", "--help"]) else { Issue.record("no help"); return }
    #expect(text.contains("USAGE: tool send <folder> [<id> ...]"), "\(text)")
  }
}
