import AdregArguments
import AdregCore
import AdregFormats

/// `adreg visit add`: log a contact without a new reaction.
enum VisitAddCommand: AdregCommand {
  static let date = Option<String>.required("date", "date", help: "Day of the visit, YYYY-MM-DD.")
  static let note = Option<String?>.value(
    "note", "text", help: "What was seen or said (the note column of visits.csv).")

  static let spec = CommandSpec(
    "visit add",
    abstract: "Log a visit: a day the patient was seen, with or without a new reaction.",
    discussion: "Visits tell the last contact, where 'report incidence --censor last-contact' ends a patient's follow-up.",
    arguments: [SharedOptions.code.spec],
    options: [date.spec, note.spec, SharedOptions.site.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let code = arguments[SharedOptions.code]
    let visit = try context.registry().addVisit(
      code: code, site: arguments[SharedOptions.site], date: arguments[Self.date], note: arguments[Self.note])
    context.io.line("Visit logged for \(code) on \(visit.date.iso).")
  }
}
