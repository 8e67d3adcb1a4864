import AdregArguments
import AdregCore
import AdregFormats

/// `adreg visit add`: log a contact without a new reaction.
enum VisitAddCommand: AdregCommand {
  static let spec = CommandSpec(
    "visit add",
    abstract: "Log a visit: a day the patient was seen, with or without a new reaction.",
    discussion: "Visits tell the last contact, where 'report incidence --censor last-contact' ends a patient's follow-up.",
    arguments: [SharedOptions.code],
    options: [
      .value("date", "date", help: "Day of the visit, YYYY-MM-DD.", required: true),
      .value("note", "text", help: "What was seen or said (the note column of visits.csv)."),
      SharedOptions.site,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let code = arguments.positional("code") ?? ""
    let visit = try context.registry().addVisit(
      code: code, site: arguments.value("site"), date: arguments.value("date") ?? "", note: arguments.value("note"))
    context.io.line("Visit logged for \(code) on \(visit.date.iso).")
  }
}
