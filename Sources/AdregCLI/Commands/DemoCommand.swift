import AdregArguments
import AdregCore
import Foundation

/// `adreg demo`: the guided demonstration.
enum DemoCommand: AdregCommand {
  static let spec = CommandSpec(
    "demo",
    abstract: "Build a demo registry from a synthetic clinic and show the frequency report and reaction timing.",
    discussion: """
      Writes \(Registry.demoFileName) in the working directory from 2,000 synthetic patients (seed 1, as \
      'adreg synth' makes them, with their injections and visits), replacing an earlier demo registry but never any other file, nor a demo \
      registry changed after the demo built it, then prints \
      'adreg report frequency' for it, the trial figures by week of treatment, and when reactions began: the \
      median day of treatment and the median days since the last injection. --db is not used: your own registry is never touched.
      """)

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let asOf = try context.todayForWriting()
    let user = try context.auditUser()
    let summary = try Registry.buildDemo(
      in: context.io.currentDirectory, user: user, today: asOf, clock: context.io.now)
    let format = arguments[GlobalOptions.format]
    // Narration goes where it cannot spoil machine-readable output.
    let say: (String) -> Void = format == nil || format == "table" ? { context.io.line($0) } : { context.io.err($0) }
    let cohort = summary.cohort
    say(
      "Built \(Registry.demoFileName) in \(context.io.currentDirectory)\(summary.replacedEarlierDemo ? ", replacing the earlier demo registry" : ""): "
        + "\(cohort.patients) synthetic patients (seed \(summary.seed)) with \(cohort.cases) reaction cases, "
        + "treatment starts \(cohort.firstStart?.iso ?? "–") to \(cohort.lastStart?.iso ?? "–"), as of \(asOf.iso).")
    say("Only that file was written; demo never replaces any other file, and your own registry is untouched.")
    say("Below: the share of patients with each reaction, with confidence intervals, beside the published")
    say("trial percentages; then the trial figures compared like with like, by week of treatment.")
    say("")
    var words = ["report", "frequency", "--db", summary.path, "--as-of", asOf.iso, "--user", user]
    if let format { words += ["--format", format] }
    let status = CLI.execute(words, io: context.io)
    guard status == ExitCode.success else {
      throw CommandFailure(code: status, message: "the frequency report failed; the demo registry is \(summary.path)")
    }
    if format == nil || format == "table" {
      let registry = try Registry.open(at: summary.path, user: user, today: asOf, readOnly: true, clock: context.io.now)
      say("")
      say(timeMatchedSummary(try registry.frequencyReport(ReportOptions()), asOf: asOf))
      say(onsetSummary(try registry.onsetReport(ReportOptions())))
    }
    hints(say)
  }

  /// The trial comparisons at a glance: each verified dupilumab reference with a follow-up in weeks, beside the
  /// cohort's cumulative incidence at that week and the crude x/N that a naive comparison would use.
  static func timeMatchedSummary(_ report: FrequencyReport, asOf: Day) -> String {
    var cells: [[String]] = []
    for row in report.rows {
      for comparison in row.references where comparison.comparison == .timeMatched && comparison.reference.verified {
        let r = comparison.reference
        cells.append([
          row.category.code, shortened(r.source.replacingOccurrences(of: "US prescribing information, Table 1:", with: "US label,"), limit: 21),
          "\(r.weeks ?? 0)", ReportFrequencyCommand.referencePercent(r),
          ReportArguments.percent(comparison.registryPercent),
          ReportArguments.interval(comparison.registryCILow, comparison.registryCIHigh),
          comparison.difference.map { ReferenceView.signed($0) } ?? "–", comparison.verdict?.rawValue ?? "–",
          ReportArguments.percent(row.percent),
        ])
      }
    }
    guard !cells.isEmpty else { return "No verified trial reference has a fixed follow-up to compare with.\n" }
    return wrapped(
      "Like with like: a trial figure counts patients with the reaction by week W of treatment, so the registry's "
        + "figure beside it is the Kaplan–Meier share with a first case by day 7·W of each patient's own treatment "
        + "(as of \(asOf.iso)), not x/N over everyone's years of follow-up (the last column, only for contrast).")
      + "\n" + TextTable(
        header: ["category", "reference", "week", "trial", "registry", "95% CI", "diff pp", "verdict", "crude"],
        rows: cells, numeric: [false, false, true, true, true, true, true, false, true]
      ).render()
  }

  /// When each reaction began: the median day of treatment and the median days since the last logged injection,
  /// the timing that tells an injection-site reaction (within days of a dose) from the others.
  static func onsetSummary(_ report: OnsetReport) -> String {
    guard !report.rows.isEmpty else { return "No case to time.\n" }
    let cells = report.rows.map { row -> [String] in
      [row.category.rawValue, String(row.episodes), format(row.medianDays, digits: 0),
       row.medianDaysSinceLastDose.map { format($0, digits: 1) } ?? "–", "\(row.episodesWithDose)"]
    }
    return wrapped(
      "Timing: the median day of treatment at onset, and the median days since the last logged injection "
        + "(doses.csv). Injection-site reactions come within days of a dose; conjunctivitis and facial redness in "
        + "the first months; psoriasiform eruptions later.")
      + "\n" + TextTable(
        header: ["category", "episodes", "median day", "days since injection", "with a dose"], rows: cells,
        numeric: [false, true, true, true, true]
      ).render()
  }

  static func hints(_ say: (String) -> Void) {
    let db = "--db \(Registry.demoFileName)"
    let lines = [
      ("adreg report incidence \(db)", "the share by week of treatment"),
      ("adreg report onset \(db)", "when each reaction began"),
      ("adreg case list \(db) --category facial-redness", "the cases behind a row"),
      ("adreg export cases \(db) --out cases.csv", "de-identified, for R or pandas"),
    ]
    let width = lines.map(\.0.count).max() ?? 0
    say("Try next:")
    for (command, purpose) in lines {
      say("  " + command + String(repeating: " ", count: width - command.count + 3) + purpose)
    }
  }
}
