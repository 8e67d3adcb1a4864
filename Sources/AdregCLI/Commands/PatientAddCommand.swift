import AdregArguments
import AdregCore
import AdregFormats

/// `adreg patient add`: enrol a patient.
enum PatientAddCommand: AdregCommand {
  static let start = Option<String>.required("start", "date", help: "First dose, YYYY-MM-DD.")
  static let sex = Option<String?>.value(
    "sex", "sex", help: "Sex (default: \(PatientDraft.defaultSex)).", allowedValues: Vocabulary.sex.codes)
  static let birthYear = Option<String?>.value("birth-year", "year", help: "Year of birth.")
  static let regimen = Option<String?>.value(
    "regimen", "text", help: "Regimen (default: \(PatientDraft.defaultRegimen)).")
  static let intervalDays = Option<String?>.value(
    "interval-days", "days", help: "Dosing interval in days (default: \(PatientDraft.defaultIntervalDays)).")
  static let risk = Option<String?>.value(
    "risk", "codes", help: "Baseline risk factors, comma-separated.", allowedValues: Vocabulary.riskFactor.codes)

  static let spec = CommandSpec(
    "patient add",
    abstract: "Enrol a patient who starts dupilumab.",
    discussion: "Every enrolled patient counts in the cohort, with or without a reaction. Use a pseudonymous code, never a name or record number.",
    arguments: [SharedOptions.code.spec],
    options: [
      start.spec, SharedOptions.site.spec, sex.spec, birthYear.spec, regimen.spec, intervalDays.spec, risk.spec,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    var draft = PatientDraft(code: arguments[SharedOptions.code], start: arguments[Self.start])
    draft.site = arguments[SharedOptions.site]
    draft.sex = arguments[Self.sex] ?? PatientDraft.defaultSex
    draft.birthYear = arguments[Self.birthYear]
    draft.regimen = arguments[Self.regimen]
    draft.intervalDays = arguments[Self.intervalDays]
    draft.riskFactors = arguments.list(Self.risk)
    let patient = try context.registry().addPatient(draft)
    context.io.line(
      "Enrolled \(patient.code) in site \(patient.site): treatment started \(patient.start.iso), \(patient.regimen)"
        + (patient.riskFactors.isEmpty ? "." : "; risk factors: \(patient.riskFactors.joined(separator: ", ")).")
    )
  }
}
