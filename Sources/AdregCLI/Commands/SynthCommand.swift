import AdregArguments
import AdregCore
import AdregFormats
import Foundation

/// `adreg synth --patients N [--seed S] --out DIR [--truth FILE]`: a synthetic cohort in the import format.
enum SynthCommand: AdregCommand {
  static let patients = Option<String>.required("patients", "n", help: "How many patients.")
  static let seed = Option<String?>.value(
    "seed", "n", help: "Seed of the random generator (default: \(SynthOptions.defaultSeed)).")
  static let out = Option<String>.required(
    "out", "dir", help: "The folder to write the CSV files in; created when missing.")
  static let truth = Option<String?>.value(
    "truth", "file", help: "Also write the simulation's true parameters to this JSON file.")

  static let spec = CommandSpec(
    "synth",
    abstract: "Write a reproducible synthetic clinic: patients, doses, visits, cases and follow-ups as CSV.",
    discussion: """
      The cohort behaves like a clinic. Treatment starts are spread evenly over the four years up to --as-of \
      (default today). Injections: the first on the start day, then one every interval_days (14, or 28 for \
      "every 4 weeks" regimens), given 2 or 1 days early, on the day, 1 or 2 days late (10/20/40/20/10 %), 3 % \
      missed. Visits: week 4, then every 12 weeks, within 3 days, 5 % missed. Stopping: 15 % of patients a year \
      (constant hazard), with a reason; "adverse reaction" only after a case, whose last follow-up then records \
      "discontinued". Lost to follow-up: 4 % a year, with no contact after that day and no stop date, so the \
      registry still counts them on treatment. Risk factors: injection-sensitivity 5 %, poor-skin-barrier 15 %, \
      psoriasis-history 4 %, rosacea-history 5 %, seborrheic-dermatitis-history 6 %. Reactions: each category \
      strikes a share of patients (injection-site 9.6 %, conjunctivitis 9.4 %, eczema-worsening 6 %, \
      facial-redness 5.7 %, skin-infection 2.6 %, seborrheic-like 1.5 %, rosacea-like 1.1 %, psoriasiform 1 %, \
      other 0.6 %), times the matching risk factor's multiplier (injection-sensitivity 2.5 for injection-site; \
      poor-skin-barrier 1.5 for eczema-worsening and 2 for skin-infection; rosacea-history 1.5 for \
      facial-redness and 4 for rosacea-like; seborrheic-dermatitis-history 4 for seborrheic-like; \
      psoriasis-history 6 for psoriasiform), and is recorded when it begins on treatment while the patient is in \
      contact. Onset: injection-site reactions 0-3 days after an injection (20/40/25/15 %), mostly one of the \
      first; conjunctivitis and facial redness in the first months (Weibull, median about 2 months); \
      psoriasiform later (median about 9 months); the others in between. 60 % of cases get follow-ups (action, \
      add-on treatments; then dechallenge and the outcome with its date; after a pause the restart's result), \
      0.4 % are entered twice and the copy withdrawn as a duplicate, 0.5 % are serious (medically important 70 %, \
      hospitalisation 25 %, disability 5 %). Rates come out near the shipped trial \
      percentages. --truth writes these parameters as JSON. The same seed and --as-of give the same files. \
      assessments.csv and references.csv hold headers alone (no staff answers; the registry keeps its own \
      references), so the folder is a package: 'adreg import DIR' loads it all in one transaction, the follow-ups \
      from followups.csv. (Loaded file by file, cases.csv's follow-up columns give each case its state instead.) \
      Every file appears only when complete; existing ones are replaced only with --force.
      """,
    options: [patients.spec, seed.spec, out.spec, truth.spec, SharedOptions.force.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let count = try Validate.integer(arguments[Self.patients], field: "patients", in: 1...50_000_000)
    var seed = SynthOptions.defaultSeed
    if let text = arguments[Self.seed] {
      guard let given = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
        throw RegistryError.invalid("seed: '\(text)' is not a seed; give a whole number from 0 to \(UInt64.max)")
      }
      seed = given
    }
    let asOf = try context.todayForWriting()
    let name = arguments[Self.out]
    let directory = context.resolve(name)
    let paths = (SynthFiles<FileSink>.names + SynthFiles<FileSink>.emptyPackageFiles.map(\.name)).map {
      (directory as NSString).appendingPathComponent($0)
    }
    let truthName = arguments[Self.truth]
    let truthPath = truthName.map { context.resolve($0) }
    if let truthPath, paths.map({ ($0 as NSString).standardizingPath }).contains((truthPath as NSString).standardizingPath) {
      throw RegistryError.invalid(
        "truth: \(truthName ?? "") is one of the cohort's own files; give --truth a name of its own, such as truth.json")
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw CommandFailure(code: ExitCode.failure, message: "cannot create the folder \(name); check the path and its permissions")
    }
    // Every file is checked before any is written: an existing file refused leaves the folder as it was.
    let sinks = try paths.map { try context.outputFile($0) }
    let truth = try truthPath.map { try context.outputFile($0) }
    var files = SynthFiles(patients: sinks[0], doses: sinks[1], visits: sinks[2], cases: sinks[3], followUps: sinks[4])
    let options = SynthOptions(patients: count, seed: seed, asOf: asOf)
    let progress = ProgressLine(context, label: "synth", noun: "patient", verb: "written")
    let summary: SynthSummary
    do {
      summary = try Synth.generate(options, into: &files, progress: progress.update)
      progress.finish(summary.patients)
      for (sink, file) in zip(sinks.dropFirst(5), SynthFiles<FileSink>.emptyPackageFiles) {
        try file.bytes.withUnsafeBufferPointer { try sink.write($0) }
      }
      if let truth { try truth.write(options.clinic.truth(options).serialized(pretty: true) + "\n") }
      for sink in sinks { try sink.close() }
      try truth?.close()
    } catch {
      progress.abandon()
      for sink in sinks { sink.discard() }
      truth?.discard()
      throw error
    }
    let shown = (name as NSString).standardizingPath
    context.io.line(
      "Wrote \(summary.patients) patients to \((shown as NSString).appendingPathComponent("patients.csv")) and "
        + "\(summary.doses) doses, \(summary.visits) visits, \(summary.cases) cases and \(summary.followUps) follow-ups "
        + "beside it (doses.csv, visits.csv, cases.csv, followups.csv; seed \(seed); treatment starts "
        + "\(summary.firstStart?.iso ?? "–") to \(summary.lastStart?.iso ?? "–"))"
        + (truthName.map { "; the true parameters to \($0)" } ?? "") + ".")
  }
}
