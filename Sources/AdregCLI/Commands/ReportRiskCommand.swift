import AdregArguments
import AdregCore
import AdregFormats

/// `adreg report risk`.
enum ReportRiskCommand: AdregCommand, ReportRendering {
  static let spec = CommandSpec(
    "report risk",
    abstract: "Risk ratios of each reaction with and without each baseline risk factor.",
    discussion: "Katz log CI; when a cell is zero, 0.5 is added to all four cells and zero_cell_correction is true.",
    options: ReportArguments.options)

  static let columns = [
    "factor", "category", "x1", "n1", "x2", "n2", "risk_ratio", "ci_low", "ci_high", "zero_cell_correction",
  ]

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    try runWindowed(arguments, context, ci: false, window: \.window) { try $0.riskReport($1) }
  }

  static func header(_ report: RiskReport) -> [(String, JSONValue)] {
    ReportArguments.header("risk", window: report.window, level: report.level, cohort: report.cohort)
  }

  static func rows(_ report: RiskReport) -> [RiskRow] { report.rows }

  static func key(_ row: RiskRow) -> String { row.factor + " " + row.category }

  static func values(_ r: RiskRow) -> [JSONValue] {
    [.string(r.factor), .string(r.category), .int(Int64(r.exposedWithReaction)), .int(Int64(r.exposed)),
     .int(Int64(r.unexposedWithReaction)), .int(Int64(r.unexposed)), JSONValue(r.riskRatio),
     JSONValue(r.ciLow), JSONValue(r.ciHigh), .bool(r.zeroCellCorrection)]
  }

  static func fields(_ row: RiskRow) -> [(String, JSONValue)] { Array(zip(columns, values(row))) }

  static func listing(_ report: RiskReport) -> Listing { Listing(columns: columns, rows: report.rows.map(values)) }

  static func table(_ report: RiskReport, site: String, layout: TextLayout) -> String {
    var text = ReportArguments.heading("Risk factors", window: report.window, cohort: report.cohort, site: site)
    guard report.cohort.patients > 0 else { return text + ReportArguments.emptyCohortNote(report.window) }
    let level = ReportArguments.levelLabel(report.level)
    text += "Patients with a reaction among those with the factor (x1/n1) and without it (x2/n2); risk ratio with Katz \(level) CI.\n"
    text += "* 0.5 added to every cell because one is zero.\n\n"
    let cells = report.rows.map { r in
      [r.factor, r.category, "\(r.exposedWithReaction)/\(r.exposed)", "\(r.unexposedWithReaction)/\(r.unexposed)",
       r.riskRatio.map { format($0, digits: 2) + (r.zeroCellCorrection ? "*" : "") } ?? "–",
       ReportArguments.interval(r.ciLow, r.ciHigh, digits: 2)]
    }
    return text + TextTable(
      header: ["risk factor", "category", "x1/n1", "x2/n2", "risk ratio", "\(level) CI"], rows: cells,
      numeric: [false, false, true, true, true, true]
    ).render()
  }
}

