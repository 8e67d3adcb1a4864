import AdregArguments

/// A small tool shaped like adreg, shared by the tests.
enum Fixture {
  static let globalOptions: [OptionSpec] = [
    .value("db", "path", help: "The registry database file."),
    .value("user", "name", help: "Who is making the change, for the audit trail."),
    .value("as-of", "date", help: "Treat this date as today (YYYY-MM-DD)."),
    .value("format", "format", help: "Output format.", allowedValues: ["text", "json", "csv"]),
  ]

  static let record = CommandSpec(
    "record",
    abstract: "Record a skin reaction to dupilumab.",
    arguments: [ArgumentSpec("code", help: "The patient code.")],
    options: [
      .value("onset", "date", short: "o", help: "The day the reaction began (YYYY-MM-DD).", required: true),
      .value(
        "category", "category", help: "The kind of reaction.",
        allowedValues: ["conjunctivitis", "facial-erythema", "injection-site", "other"], required: true),
      .value("reported", "date", help: "The day the reaction was reported; defaults to today."),
      .repeated("answer", "answer", help: "A questionnaire answer as item=value; may be repeated."),
      .value("note", "note", help: "Free text kept with the record."),
      .flag("dry-run", short: "n", help: "Check the record without saving it."),
    ])

  static let patientAdd = CommandSpec(
    "add",
    abstract: "Add a patient to the registry.",
    arguments: [
      ArgumentSpec("code", help: "The new patient's code."),
      ArgumentSpec("sex", help: "Sex at birth.", allowedValues: ["f", "m"], isOptional: true),
    ],
    options: [
      .value("start", "date", help: "The day dupilumab was started.", required: true),
      .value("site", "site", help: "The treating site."),
      .value("referring-clinician", "name", help: "Who referred the patient."),
    ],
    promptsForMissing: true)

  static let patientList = CommandSpec(
    "list",
    abstract: "List patients.",
    options: [.flag("active", help: "Only patients still on treatment.")])

  static let patient = CommandSpec(
    "patient",
    abstract: "Manage patients.",
    subcommands: [patientAdd, patientList])

  static let root = CommandSpec(
    "adreg",
    abstract: "A registry of skin reactions to dupilumab.",
    discussion: """
      Every reaction is recorded against a patient code; nothing that identifies a person is \
      stored. Dates are written YYYY-MM-DD.
      """,
    subcommands: [record, patient])

  static let parser = CommandLineParser(
    toolName: "adreg", version: "adreg 1.2.0", root: root, globalOptions: globalOptions)

  /// A valid `record` command line, to which tests add words.
  static let validRecord = ["record", "P-001", "--onset", "2024-03-01", "--category", "other"]

  struct NotRun: Error, CustomStringConvertible {
    var invocation: Invocation
    var description: String { "expected .run, got \(invocation)" }
  }

  /// Parses words that must name a command to run.
  static func run(_ words: [String]) throws -> (path: [String], arguments: ParsedArguments) {
    let invocation = try parser.parse(words)
    guard case .run(let path, let arguments) = invocation else { throw NotRun(invocation: invocation) }
    return (path, arguments)
  }

  /// The usage error the words cause, or nil when they parse.
  static func error(_ words: [String]) -> UsageError? {
    do {
      _ = try parser.parse(words)
      return nil
    } catch {
      return error
    }
  }
}
