import AdregArguments
import AdregCore
import AdregFormats

/// `adreg report incidence`: cumulative incidence by week of treatment, compared like with like.
enum ReportIncidenceCommand: AdregCommand, ReportRendering {
  static let weeks = Option<String?>.value(
    "weeks", "weeks", help: "Horizons in whole weeks, comma-separated (default: \(ReportArguments.defaultWeeks)).")
  static let censor = Option<String?>.value(
    "censor", "rule", help: "Where follow-up ends (default: \(IncidenceOptions.defaultCensor.rawValue)).",
    allowedValues: CensorRule.allCases.map(\.rawValue))

  static let spec: CommandSpec = {
    var spec = CommandSpec(
      "report incidence",
      abstract: "Cumulative incidence of each reaction by week on treatment (Kaplan–Meier), beside the trial references.",
      discussion: """
        Time counts from each patient's start (day 0), not by calendar. A patient's follow-up ends at the stop date \
        or --as-of, or with --censor last-contact at the last dose, visit, case or follow-up; a first case by then \
        is an event. Horizons at --weeks plus each reference's week; log(−log) CIs; a censored Weibull fit gives \
        the hazard pattern over the cohort.
        """,
      options: [
        weeks.spec, censor.spec, ReportArguments.site.spec, ReportArguments.level.spec,
        ReportArguments.includeUnverified.spec, SharedOptions.raw.spec, SharedOptions.wide.spec,
      ])
    let reason = "time on treatment counts from each patient's start, not by calendar; choose horizons with --weeks"
    spec.refusedOptions = ["from": reason, "to": reason, "ci": "cumulative incidence has log(−log) intervals only"]
    return spec
  }()

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let output = try context.format()
    let options = try parse(arguments, context)
    let registry = try context.registry(readOnly: true)
    let report = try registry.incidenceReport(options)
    let manifest = try context.manifest(registry, parameters: parameters(options, asOf: report.asOf))
    emit(report, format: output, manifest: manifest, site: options.site, context: context, layout: TextLayout(arguments))
  }

  /// The parameters of the report, for its manifest.
  static func parameters(_ options: IncidenceOptions, asOf: Day) -> [(String, JSONValue)] {
    [("as_of", .string(asOf.iso)), ("site", JSONValue(options.site)), ("level", .double(options.level)),
     ("censor", .string(options.censor.rawValue)), ("weeks", .array(options.weeks.map { .int(Int64($0)) })),
     ("include_unverified", .bool(options.includeUnverified))]
  }

  static func parse(_ arguments: ParsedArguments, _ context: CommandContext) throws -> IncidenceOptions {
    var options = IncidenceOptions()
    options.site = arguments[ReportArguments.site]
    options.level = try ReportArguments.level(arguments) ?? options.level
    if let text = arguments[Self.weeks] {
      var weeks: [Int] = []
      for item in text.split(separator: ",", omittingEmptySubsequences: false) {
        let word = item.trimmingCharacters(in: .whitespaces)
        guard let week = Int(word), (1...1000).contains(week) else {
          throw context.usage(
            "The value '\(text)' is invalid for '--weeks <weeks>': '\(word)' is not a whole number of weeks from 1 to 1000; give e.g. \(ReportArguments.defaultWeeks)")
        }
        guard !weeks.contains(week) else {
          throw context.usage("The value '\(text)' is invalid for '--weeks <weeks>': \(week) is given twice; give each horizon once")
        }
        weeks.append(week)
      }
      options.weeks = weeks
    }
    if let text = arguments[Self.censor] {
      guard let rule = CensorRule(rawValue: text) else {
        throw context.usage(
          "The value '\(text)' is invalid for '--censor <rule>'; use one of \(CensorRule.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      options.censor = rule
    }
    options.includeUnverified = arguments[ReportArguments.includeUnverified]
    return options
  }

  static func header(_ report: IncidenceReport) -> [(String, JSONValue)] {
    [("report", .string("incidence")), ("as_of", .string(report.asOf.iso)), ("censor", .string(report.censor.rawValue)),
     ("level", .double(report.level)), ("cohort", .object([("patients", .int(Int64(report.patients)))]))]
  }

  static func rows(_ report: IncidenceReport) -> [IncidenceRow] { report.rows }

  static func key(_ row: IncidenceRow) -> String { row.category }

  static func fields(_ row: IncidenceRow) -> [(String, JSONValue)] {
    return [
      ("category", .string(row.category)), ("events", .int(Int64(row.events))),
      ("horizons", .array(row.horizons.map { h in
        .object([
          ("weeks", .int(Int64(h.weeks))), ("day", .int(Int64(h.day))), ("cumulative_incidence_percent", JSONValue(h.percent)),
          ("ci_low", JSONValue(h.ciLow)), ("ci_high", JSONValue(h.ciHigh)), ("at_risk", .int(Int64(h.atRisk))),
        ])
      })),
      ("weibull_cohort", JSONValue(row.weibull.map { w in
        JSONValue.object([
          ("shape", .double(w.shape)), ("shape_ci_low", .double(w.shapeLow)), ("shape_ci_high", .double(w.shapeHigh)),
          ("scale", .double(w.scale)), ("pattern", .string(w.pattern.rawValue)),
        ])
      })),
      ("references", .array(row.references.map { .object(ReferenceView.fields($0)) })),
    ]
  }

  /// One line per category and horizon, for R and pandas; the references are in the JSON.
  static func listing(_ report: IncidenceReport) -> Listing {
    let columns = [
      "category", "events", "weeks", "day", "cumulative_incidence_percent", "ci_low", "ci_high", "at_risk",
      "weibull_shape", "weibull_shape_ci_low", "weibull_shape_ci_high", "weibull_scale", "weibull_pattern",
    ]
    var rows: [[JSONValue]] = []
    for row in report.rows {
      let weibull: [JSONValue] = row.weibull.map {
        [.double($0.shape), .double($0.shapeLow), .double($0.shapeHigh), .double($0.scale), .string($0.pattern.rawValue)]
      } ?? Array(repeating: .null, count: 5)
      for h in row.horizons {
        rows.append(
          [.string(row.category), .int(Int64(row.events)), .int(Int64(h.weeks)), .int(Int64(h.day)), JSONValue(h.percent),
           JSONValue(h.ciLow), JSONValue(h.ciHigh), .int(Int64(h.atRisk))] + weibull)
      }
    }
    return Listing(columns: columns, rows: rows)
  }

  static func table(_ report: IncidenceReport, site: String, layout: TextLayout) -> String {
    let level = ReportArguments.levelLabel(report.level)
    let ending = report.censor == .asOf
      ? "follow-up ends at the stop date or \(report.asOf.iso)"
      : "follow-up ends at the stop date or the last contact by \(report.asOf.iso)"
    var text = "Cumulative incidence on treatment — as of \(report.asOf.iso); site: \(DisplayText.escaped(site))\n"
    text += layout.fold(
      "Cohort: \(report.patients) patient\(report.patients == 1 ? "" : "s") who started by \(report.asOf.iso); "
        + "\(ending). Time counts from each patient's start (day 0), not by calendar.") + "\n"
    guard report.patients > 0 else {
      return text + "No patient had started treatment by \(report.asOf.iso): nothing to estimate. Enrol patients with 'adreg patient add' or import them.\n"
    }
    text += layout.fold(
      "Kaplan–Meier percent with a first case by each week, \(level) log(−log) CI; at risk: patients followed "
        + "that long. Weibull shape over the whole cohort (censored): below 1 early, above 1 late, else random.") + "\n"
    var cells: [[String]] = []
    for row in report.rows {
      for (index, h) in row.horizons.enumerated() {
        let first = index == 0
        let weibull = row.weibull.map {
          "\(format($0.shape, digits: 2)) (\(format($0.shapeLow, digits: 2))–\(format($0.shapeHigh, digits: 2))) \($0.pattern)"
        } ?? "–"
        cells.append([
          first ? row.category : "", first ? String(row.events) : "", String(h.weeks), String(h.day),
          ReportArguments.percent(h.percent), ReportArguments.interval(h.ciLow, h.ciHigh), String(h.atRisk),
          first ? weibull : "",
        ])
      }
    }
    text += TextTable(
      header: ["category", "events", "week", "day", "%", "\(level) CI", "at risk", "Weibull shape (CI)"], rows: cells,
      numeric: [false, true, true, true, true, true, true, false]
    ).render()
    let compared = report.rows.filter { !$0.references.isEmpty }
    if !compared.isEmpty {
      text += "\n" + ReferenceView.explanation(asOf: report.asOf, windowed: false, layout: layout)
      for row in compared {
        text += "\n\(row.category)\n" + ReferenceView.lines(row.references, layout: layout)
      }
    }
    return text
  }
}
