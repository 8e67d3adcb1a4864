import AdregArguments
import AdregCore
import AdregFormats

/// Options every report takes, declared once.
enum ReportArguments {
  static let options: [OptionSpec] = [
    SharedOptions.from, SharedOptions.to,
    .value("site", "site", help: "Only patients of this site (default: every site)."),
    .value("level", "level", help: "Confidence level (default: 0.95)."),
    .value("ci", "method", help: "Interval for proportions (default: wilson).", allowedValues: ConfidenceMethod.allCases.map(\.rawValue)),
    SharedOptions.raw,
  ]

  /// Compare with references that were never checked in the label or the primary publication.
  static let includeUnverified = OptionSpec.flag(
    "include-unverified", help: "Also compare with references whose figure was never read in the label or the primary publication.")

  static func parse(_ arguments: ParsedArguments) throws -> ReportOptions {
    var options = ReportOptions()
    options.from = try arguments.value("from").map { try Validate.date($0, field: "from") }
    options.to = try arguments.value("to").map { try Validate.date($0, field: "to") }
    options.site = arguments.value("site")
    options.level = try level(arguments) ?? options.level
    if let text = arguments.value("ci") {
      guard let method = ConfidenceMethod(rawValue: text) else {
        throw RegistryError.invalid("ci: unknown interval '\(text)'; use wilson or exact")
      }
      options.method = method
    }
    options.includeUnverified = arguments.flag("include-unverified")
    return options
  }

  /// `--level`, when given.
  /// - Throws: `RegistryError.invalidData` for anything but a number strictly between 0 and 1.
  static func level(_ arguments: ParsedArguments) throws -> Double? {
    guard let text = arguments.value("level") else { return nil }
    guard let level = Double(text), level > 0, level < 1 else {
      throw RegistryError.invalid("level: '\(text)' is not a confidence level; give a number between 0 and 1, e.g. 0.95")
    }
    return level
  }

  /// `{"as_of", "window": {"from", "to"}, "level"}` and the cohort, as every report's JSON starts.
  static func header(_ report: String, window: ReportWindow, level: Double) -> [(String, JSONValue)] {
    [("report", .string(report)), ("as_of", .string(window.asOf.iso)),
     ("window", .object([("from", window.from.map { .string($0.iso) } ?? .null), ("to", window.to.map { .string($0.iso) } ?? .null)])),
     ("level", .double(level))]
  }

  static func cohort(_ cohort: Cohort) -> JSONValue {
    .object([("patients", .int(Int64(cohort.patients))), ("patient_years", .double(cohort.patientYears))])
  }

  /// The heading lines of a report table.
  static func heading(_ title: String, window: ReportWindow, cohort: Cohort, site: String?) -> String {
    let range = "\(window.from?.iso ?? "open") to \(window.end.iso)"
    return """
      \(title) — as of \(window.asOf.iso); onset window \(range); site: \(DisplayText.escaped(site ?? "all"))
      Cohort: \(cohort.patients) patient\(cohort.patients == 1 ? "" : "s"), \(format(cohort.patientYears, digits: 2)) patient-years of exposure

      """
  }

  /// Said instead of a table when nobody is in the cohort.
  static func emptyCohortNote(_ window: ReportWindow) -> String {
    "No patient is in the cohort for this window (treatment started by \(window.end.iso) and not stopped before \(window.from?.iso ?? "it")): nothing to count. Enrol patients with 'adreg patient add', import them, or widen --from/--to.\n"
  }

  static func percent(_ value: Double?) -> String { value.map { format($0, digits: 1) } ?? "–" }

  static func interval(_ low: Double?, _ high: Double?, digits: Int = 1) -> String {
    guard let low, let high else { return "–" }
    return "\(format(low, digits: digits))–\(format(high, digits: digits))"
  }

  static func levelLabel(_ level: Double) -> String {
    let percent = level * 100
    return percent == percent.rounded() ? "\(Int(percent))%" : "\(format(percent, digits: 1))%"
  }
}

/// `adreg report frequency`.
enum ReportFrequencyCommand: AdregCommand {
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
    options: ReportArguments.options + [ReportArguments.includeUnverified, SharedOptions.wide])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let output = try context.format()
    let options = try ReportArguments.parse(arguments)
    let report = try context.registry(readOnly: true).frequencyReport(options)
    switch output {
    case .json: context.io.line(json(report).serialized())
    case .csv: context.io.out(csv(report, raw: context.rawCSV))
    case .table: context.io.out(table(report, site: options.site, layout: TextLayout(arguments)))
    }
  }

  static func json(_ report: FrequencyReport) -> JSONValue {
    var object = ReportArguments.header("frequency", window: report.window, level: report.level)
    object.append(("ci_method", .string(report.method.rawValue)))
    object.append(("cohort", ReportArguments.cohort(report.cohort)))
    object.append(("rows", .array(report.rows.map { row in
      .object(rowFields(row) + [("references", .array(row.references.map { .object(ReferenceView.fields($0)) }))])
    })))
    return .object(object)
  }

  static func rowFields(_ row: FrequencyRow) -> [(String, JSONValue)] {
    [("category", .string(row.category)), ("patients_with_reaction", .int(Int64(row.patientsWithReaction))),
     ("patients", .int(Int64(row.patients))), ("percent", double(row.percent)), ("ci_low", double(row.ciLow)),
     ("ci_high", double(row.ciHigh)), ("episodes", .int(Int64(row.episodes))),
     ("rate_per_100py", double(row.ratePer100PY)), ("rate_ci_low", double(row.rateCILow)),
     ("rate_ci_high", double(row.rateCIHigh)), ("first_event_patients", .int(Int64(row.firstEventPatients))),
     ("first_event_years", .double(row.firstEventYears)),
     ("first_event_rate_per_100py", double(row.firstEventRatePer100PY)),
     ("first_event_rate_ci_low", double(row.firstEventRateCILow)),
     ("first_event_rate_ci_high", double(row.firstEventRateCIHigh))]
  }

  static func double(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }

  /// One line per category and reference (category fields repeated), for R and pandas.
  static func csv(_ report: FrequencyReport, raw: Bool = false) -> String {
    let referenceColumns = ReferenceView.columns.map { "reference_" + $0 }
    var rows: [[JSONValue]] = []
    for row in report.rows {
      let fields = rowFields(row).map(\.1)
      if row.references.isEmpty {
        rows.append(fields + Array(repeating: .null, count: referenceColumns.count))
      }
      for reference in row.references { rows.append(fields + ReferenceView.fields(reference).map(\.1)) }
    }
    return Listing(columns: rowFields(report.rows[0]).map(\.0) + referenceColumns, rows: rows).csv(raw: raw)
  }

  static func table(_ report: FrequencyReport, site: String?, layout: TextLayout = TextLayout()) -> String {
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

/// How a reference and its comparison read in JSON, CSV and tables; the frequency and incidence reports share it.
enum ReferenceView {
  static let columns = [
    "source", "arm", "percent_low", "percent_high", "patients", "events", "weeks", "design", "verified", "provenance",
    "comparison", "registry_percent", "registry_ci_low", "registry_ci_high", "at_risk", "difference",
    "difference_ci_low", "difference_ci_high", "p_value", "verdict",
  ]

  static func fields(_ comparison: ReferenceComparison) -> [(String, JSONValue)] {
    let r = comparison.reference
    let double = ReportFrequencyCommand.double
    func int(_ value: Int?) -> JSONValue { value.map { .int(Int64($0)) } ?? .null }
    let values: [JSONValue] = [
      .string(r.source), .string(r.arm), double(r.percentLow), .double(r.percentHigh), int(r.patients), int(r.events),
      int(r.weeks), r.design.map { .string($0.rawValue) } ?? .null, .bool(r.verified), .string(r.provenance),
      comparison.comparison.map { .string($0.rawValue) } ?? .null, double(comparison.registryPercent),
      double(comparison.registryCILow), double(comparison.registryCIHigh), int(comparison.atRisk),
      double(comparison.difference), double(comparison.differenceCILow), double(comparison.differenceCIHigh),
      double(comparison.pValue), comparison.verdict.map { .string($0.rawValue) } ?? .null,
    ]
    return Array(zip(columns, values))
  }

  /// What the comparison lines below mean.
  static func explanation(asOf: Day, windowed: Bool, layout: TextLayout = TextLayout()) -> String {
    layout.fold(
      "Trial references. Time-matched: the cohort's Kaplan–Meier cumulative incidence at the reference's week of "
        + "treatment, counted from each patient's start as of \(asOf.iso)\(windowed ? " (--from/--to do not apply to it)" : ""). "
        + "Crude: x/N over all follow-up. With the arm's size: difference registry − reference in percentage points, "
        + "two-sample normal test; without it, a one-sample test. Unverified references get no verdict by default.")
  }

  /// Two or three lines per reference: the published figure and source, the registry's figure and verdict,
  /// and the provenance.
  static func lines(_ comparisons: [ReferenceComparison], layout: TextLayout = TextLayout()) -> String {
    var text = ""
    for comparison in comparisons {
      let r = comparison.reference
      var published = ReportFrequencyCommand.referencePercent(r)
      var detail: [String] = []
      if let events = r.events, let patients = r.patients {
        detail.append("\(events)/\(patients)")
      } else if let patients = r.patients {
        detail.append("n=\(patients)")
      }
      if let weeks = r.weeks { detail.append("\(weeks) wk") }
      if let design = r.design { detail.append(design.rawValue) }
      if !r.verified { detail.append("unverified") }
      if !detail.isEmpty { published += " (\(detail.joined(separator: ", ")))" }
      text += "  " + layout.fold("\(r.arm.padding(9)) \(published)  \(DisplayText.escaped(r.source))", width: 98, indent: "      ")
      if let kind = comparison.comparison {
        let figure = comparison.registryPercent.map {
          "\(format($0, digits: 1))% (\(ReportArguments.interval(comparison.registryCILow, comparison.registryCIHigh)))"
        } ?? "–"
        if kind == .timeMatched, let day = comparison.day {
          text += "      time-matched, day \(day): \(figure), \(comparison.atRisk ?? 0) at risk\n"
        } else {
          text += "      crude: \(figure)\n"
        }
        var parts: [String] = []
        if let difference = comparison.difference {
          parts.append(
            "difference \(signed(difference)) pp (\(signed(comparison.differenceCILow)) to \(signed(comparison.differenceCIHigh)))")
        }
        if let p = comparison.pValue { parts.append(p < 0.001 ? "p < 0.001" : "p = " + format(p, digits: 3)) }
        if let verdict = comparison.verdict { parts.append(verdict.rawValue) }
        if !parts.isEmpty { text += "      " + parts.joined(separator: " · ") + "\n" }
      }
      text += "      " + layout.fold("provenance: \(DisplayText.escaped(r.provenance))", width: 94, indent: "        ")
    }
    return text
  }

  static func signed(_ value: Double?) -> String {
    guard let value else { return "–" }
    let text = format(value, digits: 1)
    return value > 0 && text != "0.0" ? "+" + text : text
  }
}

/// `adreg report onset`.
enum ReportOnsetCommand: AdregCommand {
  static let spec = CommandSpec(
    "report onset",
    abstract: "When reactions begin: days from treatment start to onset, per category.",
    discussion: "Quartiles by linear interpolation (R type 7); histogram in 4-week bins; a Weibull fit of the day of treatment with 5 or more episodes.",
    options: ReportArguments.options)

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let output = try context.format()
    let options = try ReportArguments.parse(arguments)
    let report = try context.registry(readOnly: true).onsetReport(options)
    switch output {
    case .json:
      var object = ReportArguments.header("onset", window: report.window, level: report.level)
      object.append(("cohort", ReportArguments.cohort(report.cohort)))
      object.append(("rows", .array(report.rows.map { .object(fields($0)) })))
      context.io.line(JSONValue.object(object).serialized())
    case .csv:
      let columns = [
        "category", "episodes", "median_days", "q1_days", "q3_days", "min_days", "max_days", "within_16_weeks_percent",
        "median_days_since_last_dose", "episodes_with_dose",
      ] + ["weibull_shape", "weibull_shape_ci_low", "weibull_shape_ci_high", "weibull_scale", "weibull_pattern"]
      let rows: [[JSONValue]] = report.rows.map { row in
        fields(row).filter { $0.0 != "histogram" && $0.0 != "weibull" }.map(\.1)
          + (row.weibull.map { [.double($0.shape), .double($0.shapeLow), .double($0.shapeHigh), .double($0.scale), .string($0.pattern)] }
            ?? Array(repeating: .null, count: 5))
      }
      context.io.out(Listing(columns: columns, rows: rows).csv(raw: context.rawCSV))
    case .table:
      var text = ReportArguments.heading("Onset of reactions", window: report.window, cohort: report.cohort, site: options.site)
      if report.rows.isEmpty {
        text += report.cohort.patients == 0
          ? ReportArguments.emptyCohortNote(report.window)
          : "No case has its onset in this window: nothing to describe.\n"
        context.io.out(text)
        return
      }
      text += "Days from treatment start to onset (day 0 = the first dose), among cases only: patients who started\n"
      text += "recently cannot have late onsets yet. For how often reactions begin by each week on treatment, see\n"
      text += "'adreg report incidence'.\n\n"
      let cells = report.rows.map { row -> [String] in
        let weibull: String = row.weibull.map {
          "\(format($0.shape, digits: 2)) (\(format($0.shapeLow, digits: 2))–\(format($0.shapeHigh, digits: 2))) \($0.pattern)"
        } ?? "–"
        let quartiles = "\(format(row.q1Days, digits: 1))–\(format(row.q3Days, digits: 1))"
        return [row.category, String(row.episodes), format(row.medianDays, digits: 1),
         quartiles, "\(row.minDays)–\(row.maxDays)", format(row.within16WeeksPercent, digits: 1),
         row.medianDaysSinceLastDose.map { format($0, digits: 1) } ?? "–", weibull]
      }
      text += TextTable(
        header: ["category", "episodes", "median days", "IQR", "range", "% ≤16 wk", "days since dose", "Weibull shape (CI)"],
        rows: cells, numeric: [false, true, true, true, true, true, true, false]
      ).render()
      text += "\nHistograms (4-week bins of days since start):\n"
      for row in report.rows {
        text += "\n\(row.category)\n"
        let peak = max(1, row.histogram.map(\.count).max() ?? 1)
        for bin in row.histogram {
          let bar = String(repeating: "█", count: Int((Double(bin.count) / Double(peak) * 40).rounded(.up)))
          text += "  \(String(bin.fromDay).leftPadding(4))–\(String(bin.toDay).leftPadding(4)) \(String(bin.count).leftPadding(6)) \(bar)\n"
        }
      }
      context.io.out(text)
    }
  }

  static func fields(_ row: OnsetRow) -> [(String, JSONValue)] {
    [("category", .string(row.category)), ("episodes", .int(Int64(row.episodes))), ("median_days", .double(row.medianDays)),
     ("q1_days", .double(row.q1Days)), ("q3_days", .double(row.q3Days)), ("min_days", .int(Int64(row.minDays))),
     ("max_days", .int(Int64(row.maxDays))), ("within_16_weeks_percent", .double(row.within16WeeksPercent)),
     ("histogram", .array(row.histogram.map {
       .object([("from_day", .int(Int64($0.fromDay))), ("to_day", .int(Int64($0.toDay))), ("count", .int(Int64($0.count)))])
     })),
     ("median_days_since_last_dose", row.medianDaysSinceLastDose.map { .double($0) } ?? .null),
     ("episodes_with_dose", .int(Int64(row.episodesWithDose))),
     ("weibull", row.weibull.map {
       .object([("shape", .double($0.shape)), ("shape_ci_low", .double($0.shapeLow)), ("shape_ci_high", .double($0.shapeHigh)),
                ("scale", .double($0.scale)), ("pattern", .string($0.pattern))])
     } ?? .null)]
  }
}

/// `adreg report risk`.
enum ReportRiskCommand: AdregCommand {
  static let spec = CommandSpec(
    "report risk",
    abstract: "Risk ratios of each reaction with and without each baseline risk factor.",
    discussion: "Katz log CI; when a cell is zero, 0.5 is added to all four cells and zero_cell_correction is true.",
    options: ReportArguments.options)

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let output = try context.format()
    let options = try ReportArguments.parse(arguments)
    let report = try context.registry(readOnly: true).riskReport(options)
    let columns = [
      "factor", "category", "x1", "n1", "x2", "n2", "risk_ratio", "ci_low", "ci_high", "zero_cell_correction",
    ]
    let rows: [[JSONValue]] = report.rows.map { r in
      [.string(r.factor), .string(r.category), .int(Int64(r.exposedWithReaction)), .int(Int64(r.exposed)),
       .int(Int64(r.unexposedWithReaction)), .int(Int64(r.unexposed)), ReportFrequencyCommand.double(r.riskRatio),
       ReportFrequencyCommand.double(r.ciLow), ReportFrequencyCommand.double(r.ciHigh), .bool(r.zeroCellCorrection)]
    }
    switch output {
    case .json:
      var object = ReportArguments.header("risk", window: report.window, level: report.level)
      object.append(("cohort", ReportArguments.cohort(report.cohort)))
      object.append(("rows", Listing(columns: columns, rows: rows).json))
      context.io.line(JSONValue.object(object).serialized())
    case .csv:
      context.io.out(Listing(columns: columns, rows: rows).csv(raw: context.rawCSV))
    case .table:
      var text = ReportArguments.heading("Risk factors", window: report.window, cohort: report.cohort, site: options.site)
      guard report.cohort.patients > 0 else {
        context.io.out(text + ReportArguments.emptyCohortNote(report.window))
        return
      }
      let level = ReportArguments.levelLabel(report.level)
      text += "Patients with a reaction among those with the factor (x1/n1) and without it (x2/n2); risk ratio with Katz \(level) CI.\n"
      text += "* 0.5 added to every cell because one is zero.\n\n"
      let cells = report.rows.map { r in
        [r.factor, r.category, "\(r.exposedWithReaction)/\(r.exposed)", "\(r.unexposedWithReaction)/\(r.unexposed)",
         r.riskRatio.map { format($0, digits: 2) + (r.zeroCellCorrection ? "*" : "") } ?? "–",
         ReportArguments.interval(r.ciLow, r.ciHigh, digits: 2)]
      }
      text += TextTable(
        header: ["risk factor", "category", "x1/n1", "x2/n2", "risk ratio", "\(level) CI"], rows: cells,
        numeric: [false, false, true, true, true, true]
      ).render()
      context.io.out(text)
    }
  }
}

extension String {
  /// Pads on the right to `width` characters.
  func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
  /// Pads on the left to `width` characters.
  func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
