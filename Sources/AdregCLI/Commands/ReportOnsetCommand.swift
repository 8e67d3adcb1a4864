import AdregArguments
import AdregCore
import AdregFormats

/// `adreg report onset`.
enum ReportOnsetCommand: AdregCommand, ReportRendering {
  static let spec = CommandSpec(
    "report onset",
    abstract: "When reactions begin: days from treatment start to onset, per category.",
    discussion: "Quartiles by linear interpolation (R type 7); histogram in 4-week bins; a Weibull fit of the day of treatment with 5 or more episodes.",
    options: ReportArguments.options)

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    try runWindowed(arguments, context, ci: false, window: \.window) { try $0.onsetReport($1) }
  }

  static func header(_ report: OnsetReport) -> [(String, JSONValue)] {
    ReportArguments.header("onset", window: report.window, level: report.level, cohort: report.cohort)
  }

  static func rows(_ report: OnsetReport) -> [OnsetRow] { report.rows }

  static func key(_ row: OnsetRow) -> String { row.category }

  static func listing(_ report: OnsetReport) -> Listing {
    let columns = [
      "category", "episodes", "median_days", "q1_days", "q3_days", "min_days", "max_days", "within_16_weeks_percent",
      "median_days_since_last_dose", "episodes_with_dose",
    ] + ["weibull_shape", "weibull_shape_ci_low", "weibull_shape_ci_high", "weibull_scale", "weibull_pattern"]
    let rows: [[JSONValue]] = report.rows.map { row in
      fields(row).filter { $0.0 != "histogram" && $0.0 != "weibull" }.map(\.1)
        + (row.weibull.map { [.double($0.shape), .double($0.shapeLow), .double($0.shapeHigh), .double($0.scale), .string($0.pattern.rawValue)] }
          ?? Array(repeating: .null, count: 5))
    }
    return Listing(columns: columns, rows: rows)
  }

  static func table(_ report: OnsetReport, site: String, layout: TextLayout) -> String {
    var text = ReportArguments.heading("Onset of reactions", window: report.window, cohort: report.cohort, site: site)
    if report.rows.isEmpty {
      text += report.cohort.patients == 0
        ? ReportArguments.emptyCohortNote(report.window)
        : "No case has its onset in this window: nothing to describe.\n"
      return text
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
    return text
  }

  static func fields(_ row: OnsetRow) -> [(String, JSONValue)] {
    [("category", .string(row.category)), ("episodes", .int(Int64(row.episodes))), ("median_days", .double(row.medianDays)),
     ("q1_days", .double(row.q1Days)), ("q3_days", .double(row.q3Days)), ("min_days", .int(Int64(row.minDays))),
     ("max_days", .int(Int64(row.maxDays))), ("within_16_weeks_percent", .double(row.within16WeeksPercent)),
     ("histogram", .array(row.histogram.map {
       .object([("from_day", .int(Int64($0.fromDay))), ("to_day", .int(Int64($0.toDay))), ("count", .int(Int64($0.count)))])
     })),
     ("median_days_since_last_dose", JSONValue(row.medianDaysSinceLastDose)),
     ("episodes_with_dose", .int(Int64(row.episodesWithDose))),
     ("weibull", JSONValue(row.weibull.map {
       JSONValue.object([("shape", .double($0.shape)), ("shape_ci_low", .double($0.shapeLow)), ("shape_ci_high", .double($0.shapeHigh)),
                ("scale", .double($0.scale)), ("pattern", .string($0.pattern.rawValue))])
     }))]
  }
}

