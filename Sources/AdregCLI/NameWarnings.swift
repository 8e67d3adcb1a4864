import AdregArguments
import AdregCore
import AdregFormats

/// Warnings for a `--site` or `--patient` that names nothing in the registry: the listing or report still runs,
/// and shows nothing, so standard error says which sites or which code exist.
enum NameWarnings {
  /// Commands whose `--site` only narrows what they show (on `patient add` or `record` it names where to write).
  static let siteFilters: [String: Option<String?>] = [
    "report frequency": ReportArguments.site, "report incidence": ReportArguments.site,
    "report onset": ReportArguments.site, "report risk": ReportArguments.site, "report html": ReportArguments.site,
    "patient list": PatientListCommand.site, "case list": SharedOptions.site, "audit": SharedOptions.site,
  ]
  /// Commands whose `--patient CODE` only narrows what they show.
  static let patientFilters: [String: Option<String?>] = [
    "case list": CaseListCommand.patient, "audit": AuditCommand.patient,
  ]

  /// Warns on standard error after a command that ran, when its `--site` or `--patient` matched nothing.
  /// A registry that cannot be read for the check gives no warning: the command that just ran read it.
  static func check(_ path: [String], _ arguments: ParsedArguments, _ context: CommandContext) {
    let command = path.joined(separator: " ")
    let site = siteFilters[command].flatMap { arguments[$0] }
    let code = patientFilters[command].flatMap { arguments[$0] }
    guard site != nil || code != nil, let registry = try? context.registry(readOnly: true) else { return }
    for warning in (try? warnings(site: site, patientCode: code, registry: registry)) ?? [] {
      context.io.err("Warning: " + warning)
    }
  }

  /// What is wrong with `site` and `patientCode`, one sentence each, values escaped for the terminal.
  static func warnings(site: String?, patientCode: String?, registry: Registry) throws -> [String] {
    if let site {
      let sites = try registry.sites()
      if !sites.contains(site) {
        // A patient cannot be in a site that has none.
        return ["no patient in site '\(shown(site))'; " + known(sites)]
      }
    }
    guard let code = patientCode, try !registry.hasPatient(code: code, site: site) else { return [] }
    let inSite = site.map { " in site '\(shown($0))'" } ?? ""
    if let closest = try registry.closestPatientCode(to: code, site: site) {
      return ["no patient '\(shown(code))'\(inSite); did you mean '\(shown(closest))'?"]
    }
    return ["no patient '\(shown(code))'\(inSite); 'adreg patient list' shows the codes."]
  }

  private static func known(_ sites: [String]) -> String {
    switch sites.count {
    case 0: "the registry has no patients yet."
    case 1: "the registry's only site is \(shown(sites[0]))."
    default: "the registry's sites are \(sites.map(shown).joined(separator: ", "))."
    }
  }

  /// A name as typed, escaped and cut to 40 characters: it may be anything, and is shown on a terminal.
  private static func shown(_ text: String) -> String {
    DisplayText.escaped(text.count > 40 ? String(text.prefix(40)) + "…" : text)
  }
}
