import AdregArguments
import AdregCore
import AdregFormats

/// `adreg case list`.
enum CaseListCommand: AdregCommand {
  static let patient = Option<String?>.value("patient", "code", help: "Only this patient's cases.")
  static let category = Option<String?>.value(
    "category", "category", help: "Only this category.", allowedValues: Vocabulary.category.codes)
  static let serious = Option<Bool>.flag(
    "serious", help: "Only serious cases (with at least one seriousness criterion).")

  static let spec = CommandSpec(
    "case list",
    abstract: "List cases (withdrawn cases are left out).",
    options: [
      patient.spec, category.spec, serious.spec, SharedOptions.from.spec, SharedOptions.to.spec,
      SharedOptions.site.spec, SharedOptions.raw.spec,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    var filter = CaseFilter()
    filter.patientCode = arguments[Self.patient]
    filter.category = try arguments[Self.category].map { try Category(parsing: $0) }
    filter.site = arguments[SharedOptions.site]
    filter.seriousOnly = arguments[Self.serious]
    filter.from = try arguments[SharedOptions.from].map { try Validate.date($0, field: "from") }
    filter.to = try arguments[SharedOptions.to].map { try Validate.date($0, field: "to") }
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
        [.int(c.id), .string(c.site), .string(c.patientCode), .string(c.category.rawValue), .string(c.onset.iso),
         .int(Int64(c.timing.dayOfTreatment)), JSONValue(c.timing.daysSinceLastDose),
         .string(c.scaling.rawValue), JSONValue(c.severity?.rawValue),
         JSONValue(c.current.outcome?.rawValue)])
    }
    listing.finish()
  }
}
