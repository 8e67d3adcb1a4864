import AdregArguments
import AdregCore
import AdregFormats

/// `adreg reference list`.
enum ReferenceListCommand: AdregCommand {
  static let spec = CommandSpec(
    "reference list",
    abstract: "List the trial references with their provenance.",
    options: [
      .value("category", "category", help: "Only this category.", allowedValues: Vocabulary.category.codes),
      SharedOptions.raw,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    let category = try arguments.value("category").map { try Vocabulary.category.validate($0) }
    let references = try context.registry(readOnly: true).references(category: category)
    context.emit(listing(references), format: format)
  }

  /// The references as listed; its raw CSV is what a manifest's `references_sha256` fingerprints.
  static func listing(_ references: [TrialReference]) -> Listing {
    let rows: [[JSONValue]] = references.map { r in
      [.string(r.category), .string(r.arm), .string(r.source), r.percentLow.map { .double($0) } ?? .null,
       .double(r.percentHigh), r.patients.map { .int(Int64($0)) } ?? .null, r.events.map { .int(Int64($0)) } ?? .null,
       r.weeks.map { .int(Int64($0)) } ?? .null, r.design.map { .string($0.rawValue) } ?? .null, .bool(r.verified),
       .string(r.population), .string(r.citation), .string(r.provenance)]
    }
    return Listing(
      columns: [
        "category", "arm", "source", "percent_low", "percent_high", "patients", "events", "weeks", "design", "verified",
        "population", "citation", "provenance",
      ],
      rows: rows)
  }
}

/// `adreg reference import FILE.csv`.
enum ReferenceImportCommand: AdregCommand {
  static let spec = CommandSpec(
    "reference import",
    abstract: "Add or replace trial references from a CSV file, all or nothing.",
    discussion: "Columns, by header name in any order: \(TrialReference.columns.joined(separator: ", ")). A row replaces the reference with the same source, arm and category; the audit trail keeps every old value. events, design and verified may be left out (a file written before them imports as unverified).",
    arguments: [ArgumentSpec("file", help: "The CSV file.")])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let file = try context.inputFile(arguments.positional("file") ?? "")
    let count = try context.registry().importReferences(path: file)
    context.io.line("Imported \(count) trial reference(s) from \(file).")
  }
}

/// `adreg vocabulary [LIST]`: the coded lists with their meanings.
enum VocabularyCommand: AdregCommand {
  static let spec = CommandSpec(
    "vocabulary",
    abstract: "List the codes adreg accepts, with their meanings.",
    arguments: [
      ArgumentSpec("list", help: "Only this list.", allowedValues: Vocabulary.allCases.map(\.rawValue), isOptional: true)
    ],
    options: [SharedOptions.raw])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    var list: Vocabulary?
    if let name = arguments.positional("list") {
      guard let found = Vocabulary(rawValue: name) else {
        throw RegistryError.invalid(
          "unknown list '\(name)'; lists are \(Vocabulary.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      list = found
    }
    let entries = try context.registry(readOnly: true).vocabularyEntries(list: list)
    context.emit(
      Listing(
        columns: ["list", "code", "meaning"],
        rows: entries.map { [.string($0.list), .string($0.code), .string($0.meaning)] }),
      format: format)
  }
}
