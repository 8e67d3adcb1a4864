import AdregArguments
import AdregCore
import AdregFormats

/// `adreg reference list`.
enum ReferenceListCommand: AdregCommand {
  static let category = Option<String?>.value(
    "category", "category", help: "Only this category.", allowedValues: Vocabulary.category.codes)

  static let spec = CommandSpec(
    "reference list",
    abstract: "List the trial references with their provenance.",
    options: [category.spec, SharedOptions.raw.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    let category = try arguments[Self.category].map { try Category(parsing: $0) }
    let references = try context.registry(readOnly: true).references(category: category)
    context.emit(listing(references), format: format)
  }

  /// The references as listed; its raw CSV is what a manifest's `references_sha256` fingerprints.
  static func listing(_ references: [TrialReference]) -> Listing {
    let rows: [[JSONValue]] = references.map { r in
      [.string(r.category.rawValue), .string(r.arm.rawValue), .string(r.source),
       JSONValue(r.percentLow),
       .double(r.percentHigh), JSONValue(r.patients), JSONValue(r.events),
       JSONValue(r.weeks), JSONValue(r.design?.rawValue), .bool(r.verified),
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
