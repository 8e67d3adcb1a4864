import AdregArguments
import Testing

/// A command declared by typed keys, read back by the same keys.
private enum Keyed {
  static let code = Argument<String>.required("code", help: "The patient code.")
  static let sex = Argument<String?>.optional("sex", help: "Sex at birth.")
  static let onset = Option<String>.required("onset", "date", help: "The day the reaction began.")
  static let note = Option<String?>.value("note", "text", help: "Free text.")
  static let sites = Option<String?>.value("sites", "codes", help: "Body sites, comma-separated.")
  static let answer = Option<[String]>.repeated("answer", "N=answer", help: "An answer; may be repeated.")
  static let dryRun = Option<Bool>.flag("dry-run", short: "n", help: "Check without saving.")
  static let start = Option<String?>.prompted("start", "date", help: "The day treatment started.")
  static let files = Argument<[String]>.variadic("file", help: "The files.")

  static let record = CommandSpec(
    "record", abstract: "Record a reaction.", arguments: [code.spec, sex.spec],
    options: [onset.spec, note.spec, sites.spec, answer.spec, dryRun.spec])
  static let add = CommandSpec(
    "add", abstract: "Add a patient.", arguments: [code.spec], options: [start.spec], promptsForMissing: true)
  static let pool = CommandSpec("pool", abstract: "Pool files.", arguments: [files.spec])
  static let parser = CommandLineParser(
    toolName: "tool", version: "1", root: CommandSpec("tool", abstract: "A tool.", subcommands: [record, add, pool]))

  static func arguments(_ words: [String]) throws -> ParsedArguments {
    guard case .run(_, let arguments) = try parser.parse(words) else {
      Issue.record("no command ran for \(words)")
      return ParsedArguments()
    }
    return arguments
  }
}

@Suite("Typed option and argument keys")
struct TypedKeyTests {
  @Test("each key reads its value in the type it was declared with")
  func readsByKey() throws {
    let arguments = try Keyed.arguments([
      "record", "P-001", "--onset", "2024-03-01", "--answer", "1=yes", "-n", "--answer", "2=no", "--sites", "face",
    ])
    let code: String = arguments[Keyed.code]
    let onset: String = arguments[Keyed.onset]
    #expect(code == "P-001")
    #expect(onset == "2024-03-01")
    #expect(arguments[Keyed.sex] == nil)
    #expect(arguments[Keyed.note] == nil)
    #expect(arguments[Keyed.sites] == "face")
    #expect(arguments[Keyed.answer] == ["1=yes", "2=no"])
    #expect(arguments[Keyed.dryRun])
  }

  @Test("an absent flag, repeated option and optional positional read as false, empty and nil")
  func absentValues() throws {
    let arguments = try Keyed.arguments(["record", "P-001", "--onset", "2024-03-01"])
    #expect(!arguments[Keyed.dryRun])
    #expect(arguments[Keyed.answer].isEmpty)
    #expect(arguments[Keyed.sex] == nil)
  }

  @Test("a single-value option given twice reads its last value, and every value when asked for all")
  func everyValue() throws {
    let arguments = try Keyed.arguments(["record", "P-001", "F", "--onset", "x", "--sites", "face", "--sites", "neck"])
    #expect(arguments[Keyed.sites] == "neck")
    #expect(arguments.everyValue(Keyed.sites) == ["face", "neck"])
    #expect(arguments[Keyed.sex] == "F")
  }

  @Test("a required option's key is declared required, so the parser refuses the command line without it")
  func requiredIsRefused() throws {
    #expect(Keyed.onset.spec.isRequired)
    #expect(!Keyed.note.spec.isRequired)
    #expect(throws: UsageError.self) { try Keyed.parser.parse(["record", "P-001"]) }
  }

  @Test("a prompted option is required, and reads as missing rather than refused when absent")
  func promptedIsMissing() throws {
    #expect(Keyed.start.spec.isRequired)
    let absent = try Keyed.arguments(["add", "P-002"])
    #expect(absent.isMissing(Keyed.start))
    #expect(absent[Keyed.start] == nil)
    let given = try Keyed.arguments(["add", "P-002", "--start", "2024-01-01"])
    #expect(!given.isMissing(Keyed.start))
    #expect(given[Keyed.start] == "2024-01-01")
  }

  @Test("a variadic argument's key reads every word it took")
  func variadic() throws {
    #expect(try Keyed.arguments(["pool", "a.json", "b.json", "report"])[Keyed.files] == ["a.json", "b.json", "report"])
  }

  @Test("the spec a key holds is the one help describes")
  func helpFromKeys() {
    let help = Keyed.parser.help(for: ["record"])
    #expect(help.contains("--onset <date>"))
    #expect(help.contains("-n, --dry-run"))
    #expect(help.contains("[<sex>]"))
    #expect(help.contains("Body sites, comma-separated."))
  }
}
