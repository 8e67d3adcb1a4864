import AdregArguments
import AdregCore
import AdregFormats

/// `adreg dose add`: log an injection.
enum DoseAddCommand: AdregCommand {
  static let spec = CommandSpec(
    "dose add",
    abstract: "Log an injection given on a date.",
    discussion: "Doses give 'days since the last injection' for each case.",
    arguments: [SharedOptions.code],
    options: [.value("date", "date", help: "Day of the injection, YYYY-MM-DD.", required: true), SharedOptions.site])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let code = arguments.positional("code") ?? ""
    let dose = try context.registry().addDose(code: code, site: arguments.value("site"), date: arguments.value("date") ?? "")
    context.io.line("Dose logged for \(code) on \(dose.date.iso).")
  }
}
