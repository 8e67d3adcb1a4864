import AdregArguments
import AdregCore
import AdregFormats

/// `adreg patient stop`: record that treatment stopped.
enum PatientStopCommand: AdregCommand {
  static let spec = CommandSpec(
    "patient stop",
    abstract: "Record that a patient's treatment stopped.",
    arguments: [SharedOptions.code],
    options: [
      .value("date", "date", help: "Last day of treatment, YYYY-MM-DD.", required: true),
      .value("reason", "text", help: "Why treatment stopped."),
      SharedOptions.site,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let patient = try context.registry().stopPatient(
      code: arguments.positional("code") ?? "", site: arguments.value("site"), date: arguments.value("date") ?? "",
      reason: arguments.value("reason"))
    context.io.line("Treatment of \(patient.code) stopped on \(patient.stop?.iso ?? "?").")
  }
}
