import AdregArguments
import AdregCore

/// `adreg record`: record a reaction case.
enum RecordCommand: AdregCommand {
  static let onset = Option<String?>.prompted("onset", "date", help: "When the reaction began, YYYY-MM-DD.")
  static let category = Option<String?>.prompted(
    "category", "category", help: "Kind of reaction.", allowedValues: Vocabulary.category.codes)
  static let reported = Option<String?>.value(
    "reported", "date", help: "When it was reported, YYYY-MM-DD (default: today).")
  static let source = Option<String?>.value(
    "source", "source", help: "Who reported it (default: \(CaseDraft.defaultSource)).",
    allowedValues: Vocabulary.source.codes)
  static let scaling = Option<String?>.value(
    "scaling", "scaling", help: "Scaling (default: \(CaseDraft.defaultScaling)).",
    allowedValues: Vocabulary.scaling.codes)
  static let morphology = Option<String?>.value(
    "morphology", "codes", help: "Morphology, comma-separated.", allowedValues: Vocabulary.morphology.codes)
  static let sites = Option<String?>.value(
    "sites", "codes", help: "Body sites, comma-separated (the body_sites column of cases.csv).",
    allowedValues: Vocabulary.bodySite.codes)
  static let severity = Option<String?>.value(
    "severity", "severity", help: "Severity.", allowedValues: Vocabulary.severity.codes)
  static let itch = Option<String?>.value("itch", "0-10", help: "Itch score from 0 to 10.")
  static let note = Option<String?>.value(
    "note", "text", help: "Free-text description, needed for category 'other' (the description column of cases.csv).")

  static let spec = CommandSpec(
    "record",
    abstract: "Record a skin reaction a patient reports; prints its id and timing.",
    discussion: """
      Timing is derived from the dates: day of treatment and days since the last logged injection. \
      On a terminal, a missing --category or --onset is asked for, then scaling and body sites unless \
      --scaling or --sites is given; a refused answer is asked again (three answers in all), a likely typo is \
      offered as "did you mean ...? [Y/n]". Ctrl-C or end of input at a question saves nothing.
      """,
    arguments: [SharedOptions.code.spec],
    options: [
      onset.spec, category.spec, reported.spec, source.spec, scaling.spec, morphology.spec, sites.spec, severity.spec,
      itch.spec, note.spec, SharedOptions.serious.spec, SharedOptions.site.spec,
    ],
    promptsForMissing: true)

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    if let absent = [onset, category].first(where: arguments.isMissing), !context.io.isInteractive {
      throw context.usage("Missing expected argument '\(absent.synopsis)'")
    }
    // A category or onset left out is asked for below, before anything is saved.
    var draft = CaseDraft(
      patientCode: arguments[SharedOptions.code], category: arguments[Self.category] ?? "",
      onset: arguments[Self.onset] ?? "")
    draft.site = arguments[SharedOptions.site]
    draft.reported = arguments[Self.reported]
    draft.source = arguments[Self.source]
    draft.scaling = arguments[Self.scaling]
    draft.morphology = arguments.list(Self.morphology)
    draft.bodySites = arguments.list(Self.sites)
    draft.severity = arguments[Self.severity]
    draft.itch = arguments[Self.itch]
    draft.description = arguments[Self.note]
    draft.seriousness = arguments.list(SharedOptions.serious)
    let registry = try context.registry()
    if !arguments.missing.isEmpty {
      let prompter = Prompter(io: context.io, naming: FieldOptions(path: context.path))
      try ask(for: &draft, arguments, registry: registry, prompter: prompter)
    }
    let record = try registry.record(draft)
    context.io.line(
      "Case \(record.id) recorded for \(record.patientCode): \(record.category), onset on \(Present.timing(record.timing)).")
  }

  /// Asks for the category and onset not given, then scaling and body sites when their options were not given.
  ///
  /// The patient and the values given as options are checked first, so nobody answers questions for a case that
  /// cannot be saved.
  static func ask(
    for draft: inout CaseDraft, _ arguments: ParsedArguments, registry: Registry, prompter: Prompter
  ) throws {
    let patient = try registry.patient(code: draft.patientCode, site: draft.site)
    if arguments[Self.category] != nil { _ = try Vocabulary.category.validate(draft.category) }
    if arguments[Self.onset] != nil { _ = try registry.checkedOnset(draft.onset, for: patient, reported: draft.reported) }
    try registry.checkDetails(of: draft)

    if arguments[Self.category] == nil {
      draft.category = try askCategory(prompter)
      let category = try Category(parsing: draft.category)
      if category == .other && (draft.description ?? "").allSatisfy(\.isWhitespace) {
        draft.description = try prompter.ask("Description (category 'other' needs one): ") { answer in
          try registry.checkDescription(answer, category: category)
        }
      }
    }
    if arguments[Self.onset] == nil {
      let reported = draft.reported
      draft.onset = try prompter.ask("Onset date (YYYY-MM-DD, e.g. 2025-04-03): ") { answer in
        try registry.checkedOnset(answer, for: patient, reported: reported).iso
      }
    }
    if draft.scaling == nil {
      draft.scaling = try prompter.code(
        "Scaling (present/absent/unknown, Enter = \(CaseDraft.defaultScaling)): ", of: .scaling,
        empty: CaseDraft.defaultScaling)
    }
    if arguments.everyValue(Self.sites).isEmpty {
      let sites = Vocabulary.bodySite.codes.joined(separator: ", ")
      draft.bodySites = try prompter.codes("Body sites, comma-separated (\(sites); Enter = none): ", of: .bodySite)
    }
  }

  /// Asks for a category from a numbered list; accepts the number or the code.
  static func askCategory(_ prompter: Prompter) throws -> String {
    let codes = Vocabulary.category.codes
    var menu = "Category:\n"
    for (i, code) in codes.enumerated() { menu += "  \(i + 1)) \(code)\n" }
    prompter.io.err(menu.trimmingCharacters(in: .newlines))
    return try prompter.ask("Choose 1-\(codes.count) or type a code: ") { answer in
      if let number = Int(answer), (1...codes.count).contains(number) { return codes[number - 1] }
      return try Vocabulary.category.validate(answer)
    } correction: { answer in
      Vocabulary.category.closest(to: answer).map { ($0, $0) }
    }
  }
}
