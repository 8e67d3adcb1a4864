import AdregArguments
import AdregCore
import AdregFormats
import Foundation

/// `adreg synth --patients N [--seed S] --out DIR`: a synthetic cohort in the import format.
enum SynthCommand: AdregCommand {
  static let spec = CommandSpec(
    "synth",
    abstract: "Write a reproducible synthetic cohort as patients.csv and cases.csv.",
    discussion: """
      Rates are near the shipped trial percentages, with clinical patterns: facial redness mostly without \
      scaling on the face and neck, injection-site reactions within days of a dose, psoriasiform eruptions more \
      frequent with a psoriasis history. Treatment starts spread over the four years up to --as-of (default \
      today); the same seed and --as-of give the same files. Both files appear only when complete; existing ones \
      are replaced only with --force. Load them with \
      'adreg import patients DIR/patients.csv' then 'adreg import cases DIR/cases.csv'.
      """,
    options: [
      .value("patients", "n", help: "How many patients.", required: true),
      .value("seed", "n", help: "Seed of the random generator (default: 1)."),
      .value("out", "dir", help: "The folder to write patients.csv and cases.csv in; created when missing.", required: true),
      SharedOptions.force,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let count = try Validate.integer(arguments.value("patients") ?? "", field: "patients", in: 1...50_000_000)
    let seedText = arguments.value("seed") ?? "1"
    guard let seed = UInt64(seedText.trimmingCharacters(in: .whitespaces)) else {
      throw RegistryError.invalid("seed: '\(seedText)' is not a seed; give a whole number from 0 to \(UInt64.max)")
    }
    let asOf = try context.todayForWriting()
    let name = arguments.value("out") ?? ""
    let directory = context.resolve(name)
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw CommandFailure(code: ExitCode.failure, message: "cannot create the folder \(name); check the path and its permissions")
    }
    let patientsPath = (directory as NSString).appendingPathComponent("patients.csv")
    let casesPath = (directory as NSString).appendingPathComponent("cases.csv")
    // Both are checked before either is written: an existing file refused leaves the folder as it was.
    var patients = try context.outputFile(patientsPath)
    var cases = try context.outputFile(casesPath)
    let progress = ProgressLine(context, label: "synth", noun: "patient", verb: "written")
    let summary: SynthSummary
    do {
      summary = try Synth.generate(
        SynthOptions(patients: count, seed: seed, asOf: asOf), patients: &patients, cases: &cases,
        progress: progress.update)
      progress.finish(summary.patients)
      try patients.close()
      try cases.close()
    } catch {
      progress.abandon()
      patients.discard()
      cases.discard()
      throw error
    }
    let shown = (name as NSString).standardizingPath
    context.io.line(
      "Wrote \(summary.patients) patients to \((shown as NSString).appendingPathComponent("patients.csv")) and "
        + "\(summary.cases) cases to \((shown as NSString).appendingPathComponent("cases.csv")) "
        + "(seed \(seed); treatment starts \(summary.firstStart?.iso ?? "–") to \(summary.lastStart?.iso ?? "–")).")
  }
}
