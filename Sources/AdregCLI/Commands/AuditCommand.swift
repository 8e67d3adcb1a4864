import AdregArguments
import AdregCore
import AdregFormats

/// `adreg audit`: the audit trail, newest first.
enum AuditCommand: AdregCommand {
  static let caseID = Option<String?>.value("case", "id", help: "Only entries about this case.")
  static let patient = Option<String?>.value("patient", "code", help: "Only entries about this patient.")
  static let since = Option<String?>.value("since", "date", help: "Only entries from this day on (UTC), YYYY-MM-DD.")

  static let spec = CommandSpec(
    "audit",
    abstract: "Show the audit trail, newest first.",
    options: [caseID.spec, patient.spec, since.spec, SharedOptions.site.spec, SharedOptions.raw.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    var filter = AuditFilter()
    if let text = arguments[Self.caseID] {
      guard let id = Int64(text), id > 0 else {
        throw RegistryError.invalid("case: '\(text)' is not a case number; use the number 'record' printed")
      }
      filter.caseID = id
    }
    filter.patientCode = arguments[Self.patient]
    filter.site = arguments[SharedOptions.site]
    filter.since = try arguments[Self.since].map { try Validate.date($0, field: "since") }
    let registry = try context.registry(readOnly: true)
    // Changes are stored one per line with their values escaped (`change`), so they are shown as stored.
    var listing = context.listing(
      ["id", "at", "user", "action", "patient", "case_id", "changes", "reason"], format: format,
      escapedColumns: ["changes"])
    try registry.forEachAuditEntry(filter) { e in
      listing.append(
        [.int(e.id), .string(e.at), .string(e.user), .string(e.action), JSONValue(e.patientCode),
         JSONValue(e.caseID),
         format == .json ? .array(e.changes.map { .string($0) }) : .string(e.changes.joined(separator: "; ")),
         JSONValue(e.reason)])
    }
    listing.finish()
  }
}
