import AdregArguments
import AdregCore
import AdregFormats

/// `adreg case list`.
enum CaseListCommand: AdregCommand {
  static let spec = CommandSpec(
    "case list",
    abstract: "List cases (withdrawn cases are left out).",
    options: [
      .value("patient", "code", help: "Only this patient's cases."),
      .value("category", "category", help: "Only this category.", allowedValues: Vocabulary.category.codes),
      .flag("serious", help: "Only serious cases (with at least one seriousness criterion)."),
      SharedOptions.from, SharedOptions.to, SharedOptions.site, SharedOptions.raw,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    var filter = CaseFilter()
    filter.patientCode = arguments.value("patient")
    filter.category = arguments.value("category")
    filter.site = arguments.value("site")
    filter.seriousOnly = arguments.flag("serious")
    filter.from = try arguments.value("from").map { try Validate.date($0, field: "from") }
    filter.to = try arguments.value("to").map { try Validate.date($0, field: "to") }
    let registry = try context.registry(readOnly: true)
    var listing = context.listing(
      [
        "id", "site", "patient", "category", "onset", "day_of_treatment", "days_since_last_dose", "scaling", "severity",
        "outcome",
      ], format: format)
    try registry.forEachCase(filter) { c in
      // JSON carries the whole record; the table and CSV its summary columns.
      guard format != .json else { return listing.append([], object: Present.caseRecord(c)) }
      listing.append(
        [.int(c.id), .string(c.site), .string(c.patientCode), .string(c.category), .string(c.onset.iso),
         .int(Int64(c.timing.dayOfTreatment)), c.timing.daysSinceLastDose.map { .int(Int64($0)) } ?? .null,
         .string(c.scaling), c.severity.map { .string($0) } ?? .null, c.current.outcome.map { .string($0) } ?? .null])
    }
    listing.finish()
  }
}
