import AdregArguments
import AdregCore

/// `adreg record`: record a reaction case.
enum RecordCommand: AdregCommand {
  static let spec = CommandSpec(
    "record",
    abstract: "Record a skin reaction a patient reports; prints its id and timing.",
    discussion: """
      Timing is derived from the dates: day of treatment and days since the last logged injection. \
      On a terminal, a missing --category or --onset is asked for.
      """,
    arguments: [SharedOptions.code],
    options: [
      .value("onset", "date", help: "When the reaction began, YYYY-MM-DD.", required: true),
      .value("category", "category", help: "Kind of reaction.", allowedValues: Vocabulary.category.codes, required: true),
      .value("reported", "date", help: "When it was reported, YYYY-MM-DD (default: today)."),
      .value("source", "source", help: "Who reported it (default: clinician).", allowedValues: Vocabulary.source.codes),
      .value("scaling", "scaling", help: "Scaling (default: unknown).", allowedValues: Vocabulary.scaling.codes),
      .value("morphology", "codes", help: "Morphology, comma-separated.", allowedValues: Vocabulary.morphology.codes),
      .value("sites", "codes", help: "Body sites, comma-separated.", allowedValues: Vocabulary.bodySite.codes),
      .value("severity", "severity", help: "Severity.", allowedValues: Vocabulary.severity.codes),
      .value("itch", "0-10", help: "Itch score from 0 to 10."),
      .value("note", "text", help: "Free-text description (needed for category 'other')."),
      SharedOptions.site,
    ],
    promptsForMissing: true)

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    var category = arguments.value("category")
    var onset = arguments.value("onset")
    if !arguments.missing.isEmpty {
      guard context.io.isInteractive else {
        let name = arguments.missing[0]
        let valueName = name == "onset" ? "date" : name
        throw context.usage("Missing expected argument '--\(name) <\(valueName)>'")
      }
      if category == nil { category = try askCategory(context) }
      if onset == nil {
        guard let answer = context.io.ask("Onset date (YYYY-MM-DD, e.g. 2025-04-03): ") else {
          throw context.usage("Missing expected argument '--onset <date>'")
        }
        onset = answer.trimmingCharacters(in: .whitespaces)
      }
    }
    var draft = CaseDraft(patientCode: arguments.positional("code") ?? "", category: category ?? "", onset: onset ?? "")
    draft.site = arguments.value("site")
    draft.reported = arguments.value("reported")
    draft.source = arguments.value("source")
    draft.scaling = arguments.value("scaling")
    draft.morphology = arguments.list("morphology")
    draft.bodySites = arguments.list("sites")
    draft.severity = arguments.value("severity")
    draft.itch = arguments.value("itch")
    draft.description = arguments.value("note")
    let record = try context.registry().record(draft)
    context.io.line(
      "Case \(record.id) recorded for \(record.patientCode): \(record.category), onset on \(Present.timing(record.timing)).")
  }

  /// Asks for a category from a numbered list; accepts the number or the code.
  static func askCategory(_ context: CommandContext) throws -> String {
    let codes = Vocabulary.category.codes
    var menu = "Category:\n"
    for (i, code) in codes.enumerated() { menu += "  \(i + 1)) \(code)\n" }
    context.io.err(menu.trimmingCharacters(in: .newlines))
    for _ in 0..<3 {
      guard let answer = context.io.ask("Choose 1-\(codes.count) or type a code: ")?.trimmingCharacters(in: .whitespaces) else {
        break
      }
      if let number = Int(answer), (1...codes.count).contains(number) { return codes[number - 1] }
      if codes.contains(answer) { return answer }
      context.io.err("'\(answer)' is not on the list.")
    }
    throw context.usage("Missing expected argument '--category <category>'")
  }
}
