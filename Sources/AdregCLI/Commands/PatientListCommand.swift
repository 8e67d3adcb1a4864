import AdregArguments
import AdregCore
import AdregFormats

/// `adreg patient list`.
enum PatientListCommand: AdregCommand {
  static let site = Option<String?>.value("site", "site", help: "Only this site (default: every site).")

  static let spec = CommandSpec(
    "patient list",
    abstract: "List enrolled patients.",
    options: [site.spec, SharedOptions.raw.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    let registry = try context.registry(readOnly: true)
    var listing = context.listing(
      ["site", "code", "sex", "birth_year", "start", "stop", "regimen", "interval_days", "risk_factors"], format: format)
    try registry.forEachPatient(site: arguments[Self.site]) { p in
      listing.append(
        [.string(p.site), .string(p.code), .string(p.sex.rawValue), JSONValue(p.birthYear),
         .string(p.start.iso), JSONValue(p.stop?.iso), .string(p.regimen), .int(Int64(p.intervalDays)),
         .array(p.riskFactors.map { .string($0.rawValue) })])
    }
    listing.finish()
  }
}
