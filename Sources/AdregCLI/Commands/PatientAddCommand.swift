import AdregArguments
import AdregCore
import AdregFormats

/// `adreg patient add`: enrol a patient.
enum PatientAddCommand: AdregCommand {
  static let spec = CommandSpec(
    "patient add",
    abstract: "Enrol a patient who starts dupilumab.",
    discussion: "Every enrolled patient counts in the cohort, with or without a reaction. Use a pseudonymous code, never a name or record number.",
    arguments: [SharedOptions.code],
    options: [
      .value("start", "date", help: "First dose, YYYY-MM-DD.", required: true),
      SharedOptions.site,
      .value("sex", "sex", help: "Sex (default: unknown).", allowedValues: Vocabulary.sex.codes),
      .value("birth-year", "year", help: "Year of birth."),
      .value("regimen", "text", help: "Regimen (default: 300 mg every 2 weeks)."),
      .value("interval-days", "days", help: "Dosing interval in days (default: 14)."),
      .value("risk", "codes", help: "Baseline risk factors, comma-separated.", allowedValues: Vocabulary.riskFactor.codes),
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    var draft = PatientDraft(code: arguments.positional("code") ?? "", start: arguments.value("start") ?? "")
    draft.site = arguments.value("site")
    draft.sex = arguments.value("sex") ?? "unknown"
    draft.birthYear = arguments.value("birth-year")
    draft.regimen = arguments.value("regimen")
    draft.intervalDays = arguments.value("interval-days")
    draft.riskFactors = arguments.list("risk")
    let patient = try context.registry().addPatient(draft)
    context.io.line(
      "Enrolled \(patient.code) in site \(patient.site): treatment started \(patient.start.iso), \(patient.regimen)"
        + (patient.riskFactors.isEmpty ? "." : "; risk factors: \(patient.riskFactors.joined(separator: ", ")).")
    )
  }
}
