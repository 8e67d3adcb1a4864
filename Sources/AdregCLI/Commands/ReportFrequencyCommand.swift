import AdregArguments
import AdregCore
import AdregFormats

/// `adreg report frequency`.
enum ReportFrequencyCommand: AdregCommand, ReportRendering {
  static let spec = CommandSpec(
    "report frequency",
    abstract: "Share of treated patients with each reaction, with CIs, beside the trial references.",
    discussion: """
      Withdrawn cases never count. Rates: every episode per 100 patient-years, and patients with a first event per \
      100 patient-years at risk (time stopped at that first event). A reference with a fixed follow-up in weeks is \
      compared time-matched: with the cohort's cumulative incidence at that week of treatment, counted from each \
      patient's start as of --as-of, whatever --from/--to say. Unverified references get no verdict unless \
      --include-unverified is given.
      """,
    options: ReportArguments.options + [ReportArguments.includeUnverified.spec, SharedOptions.wide.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    try runWindowed(arguments, context, ci: true, window: \.window) { try $0.frequencyReport($1) }
  }

  static func header(_ report: FrequencyReport) -> [(String, JSONValue)] {
    ReportArguments.header("frequency", window: report.window, level: report.level)
      + [("ci_method", .string(report.method.rawValue)), ("cohort", ReportArguments.cohort(report.cohort))]
  }

  static func rows(_ report: FrequencyReport) -> [FrequencyRow] { report.rows }

  static func key(_ row: FrequencyRow) -> String { row.category }

  static func fields(_ row: FrequencyRow) -> [(String, JSONValue)] {
    rowFields(row) + [("references", .array(row.references.map { .object(ReferenceView.fields($0)) }))]
  }

  static func rowFields(_ row: FrequencyRow) -> [(String, JSONValue)] {
    [("category", .string(row.category)), ("patients_with_reaction", .int(Int64(row.patientsWithReaction))),
     ("patients", .int(Int64(row.patients))), ("percent", JSONValue(row.percent)), ("ci_low", JSONValue(row.ciLow)),
     ("ci_high", JSONValue(row.ciHigh)), ("episodes", .int(Int64(row.episodes))),
     ("rate_per_100py", JSONValue(row.ratePer100PY)), ("rate_ci_low", JSONValue(row.rateCILow)),
     ("rate_ci_high", JSONValue(row.rateCIHigh)), ("first_event_patients", .int(Int64(row.firstEventPatients))),
     ("first_event_years", .double(row.firstEventYears)),
     ("first_event_rate_per_100py", JSONValue(row.firstEventRatePer100PY)),
     ("first_event_rate_ci_low", JSONValue(row.firstEventRateCILow)),
     ("first_event_rate_ci_high", JSONValue(row.firstEventRateCIHigh))]
  }


  /// One line per category and reference (category fields repeated), for R and pandas.
  static func listing(_ report: FrequencyReport) -> Listing {
    let referenceColumns = ReferenceView.columns.map { "reference_" + $0 }
    var rows: [[JSONValue]] = []
    for row in report.rows {
      let fields = rowFields(row).map(\.1)
      if row.references.isEmpty {
        rows.append(fields + Array(repeating: .null, count: referenceColumns.count))
      }
      for reference in row.references { rows.append(fields + ReferenceView.fields(reference).map(\.1)) }
    }
    return Listing(columns: rowFields(report.rows[0]).map(\.0) + referenceColumns, rows: rows)
  }

  static func table(_ report: FrequencyReport, site: String, layout: TextLayout) -> String {
    var text = ReportArguments.heading("Reaction frequency", window: report.window, cohort: report.cohort, site: site)
    guard report.cohort.patients > 0 else { return text + ReportArguments.emptyCohortNote(report.window) }
    let level = ReportArguments.levelLabel(report.level)
    text += layout.fold(
      "Percent of patients with \(level) CI (\(report.method == .wilson ? "Wilson score" : "Clopper–Pearson exact")); "
        + "episodes per 100 patient-years with exact Poisson \(level) CI.") + "\n"
    var cells: [[String]] = []
    for row in report.rows {
      cells.append([
        row.category, "\(row.patientsWithReaction)/\(row.patients)", ReportArguments.percent(row.percent),
        ReportArguments.interval(row.ciLow, row.ciHigh), String(row.episodes),
        row.ratePer100PY.map { format($0, digits: 1) } ?? "–", ReportArguments.interval(row.rateCILow, row.rateCIHigh),
      ])
    }
    text += TextTable(
      header: ["category", "x/N", "%", "\(level) CI", "episodes", "per 100 PY", "\(level) CI"], rows: cells,
      numeric: [false, true, true, true, true, true, true]
    ).render()
    text += "\n" + layout.fold(
      "First events: patients whose first case began in the window on treatment, per 100 patient-years at risk "
        + "(each patient's time stops at that first onset); exact Poisson \(level) CI.") + "\n"
    text += TextTable(
      header: ["category", "patients", "PY at risk", "per 100 PY", "\(level) CI"],
      rows: report.rows.map { row in
        [row.category, String(row.firstEventPatients), format(row.firstEventYears, digits: 2),
         row.firstEventRatePer100PY.map { format($0, digits: 1) } ?? "–",
         ReportArguments.interval(row.firstEventRateCILow, row.firstEventRateCIHigh)]
      },
      numeric: [false, true, true, true, true]
    ).render()
    let compared = report.rows.filter { !$0.references.isEmpty }
    if !compared.isEmpty {
      text += "\n" + ReferenceView.explanation(
        asOf: report.window.asOf, windowed: report.window.from != nil || report.window.to != nil, layout: layout)
      for row in compared {
        text += "\n\(row.category): x/N \(ReportArguments.percent(row.percent))% (\(ReportArguments.interval(row.ciLow, row.ciHigh)))\n"
        text += ReferenceView.lines(row.references, layout: layout)
      }
    }
    return text
  }

  static func referencePercent(_ r: TrialReference) -> String {
    guard let low = r.percentLow else { return "≤\(trim(r.percentHigh))%" }
    return low == r.percentHigh ? "\(trim(low))%" : "\(trim(low))–\(trim(r.percentHigh))%"
  }

  static func trim(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}

