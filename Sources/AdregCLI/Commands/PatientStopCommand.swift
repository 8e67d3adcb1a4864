import AdregArguments
import AdregCore
import AdregFormats

/// `adreg patient stop`: record that treatment stopped.
enum PatientStopCommand: AdregCommand {
  static let date = Option<String>.required("date", "date", help: "Last day of treatment, YYYY-MM-DD.")
  static let reason = Option<String?>.value("reason", "text", help: "Why treatment stopped.")

  static let spec = CommandSpec(
    "patient stop",
    abstract: "Record that a patient's treatment stopped.",
    arguments: [SharedOptions.code.spec],
    options: [date.spec, reason.spec, SharedOptions.site.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let patient = try context.registry().stopPatient(
      code: arguments[SharedOptions.code], site: arguments[SharedOptions.site], date: arguments[Self.date],
      reason: arguments[Self.reason])
    context.io.line("Treatment of \(patient.code) stopped on \(patient.stop?.iso ?? "?").")
  }
}
