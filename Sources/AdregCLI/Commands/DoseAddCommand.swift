import AdregArguments
import AdregCore
import AdregFormats

/// `adreg dose add`: log an injection.
enum DoseAddCommand: AdregCommand {
  static let date = Option<String>.required("date", "date", help: "Day of the injection, YYYY-MM-DD.")

  static let spec = CommandSpec(
    "dose add",
    abstract: "Log an injection given on a date.",
    discussion: "Doses give 'days since the last injection' for each case.",
    arguments: [SharedOptions.code.spec],
    options: [date.spec, SharedOptions.site.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let code = arguments[SharedOptions.code]
    let dose = try context.registry().addDose(code: code, site: arguments[SharedOptions.site], date: arguments[Self.date])
    context.io.line("Dose logged for \(code) on \(dose.date.iso).")
  }
}
