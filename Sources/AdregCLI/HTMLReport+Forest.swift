import AdregCore

/// A published source and what it says about where its figures come from: one footnote under the forest plot.
struct ReferenceNote {
  var number: Int
  var source: String
  var population: String
  var provenance: String
  var figures: [TrialReference]
}

/// The forest plot: per category the registry's percentage with its CI, then every trial reference on the same axis.
struct ForestPlot {
  enum Line {
    case observed(FrequencyRow)
    case reference(ReferenceComparison, note: Int)
    /// The registry figure a dupilumab-arm reference was compared with, under that reference.
    case compared(ReferenceComparison)
  }

  static let width = 1100.0
  static let labelX = 8.0
  static let labelWidth = 332.0
  static let plotLeft = 355.0
  static let plotRight = 705.0
  static let percentX = 722.0
  static let armX = 872.0
  static let testX = 952.0
  static let top = 52.0
  static let lineHeight = 22.0
  static let groupGap = 8.0

  var groups: [[Line]]
  var notes: [ReferenceNote]
  var scale: LinearScale
  var levelLabel: String

  /// Categories with a percentage to draw; `any` stays in the table, since no trial reports it.
  init(_ report: FrequencyReport, levelLabel: String) {
    var groups: [[Line]] = []
    var notes: [ReferenceNote] = []
    var largest = 0.0
    for row in report.rows where row.category != .any {
      guard let percent = row.percent, let low = row.ciLow, let high = row.ciHigh,
        [percent, low, high].allSatisfy(\.isFinite)
      else { continue }
      largest = max(largest, high)
      var lines: [Line] = [.observed(row)]
      for comparison in row.references {
        let number = ForestPlot.note(for: comparison.reference, in: &notes)
        lines.append(.reference(comparison, note: number))
        largest = max(largest, comparison.reference.percentHigh)
        if comparison.comparison != nil {
          lines.append(.compared(comparison))
          largest = max(largest, comparison.registryCIHigh ?? 0)
        }
      }
      groups.append(lines)
    }
    self.groups = groups
    self.notes = notes
    self.levelLabel = levelLabel
    scale = LinearScale(
      upTo: largest, from: ForestPlot.plotLeft, to: ForestPlot.plotRight, steps: [1, 2, 5, 10, 20], maxTicks: 10, cap: 100)
  }

  /// The footnote number of a reference's source, adding the footnote the first time the source appears.
  static func note(for reference: TrialReference, in notes: inout [ReferenceNote]) -> Int {
    if let index = notes.firstIndex(where: { $0.source == reference.source && $0.provenance == reference.provenance }) {
      notes[index].figures.append(reference)
      return notes[index].number
    }
    let number = notes.count + 1
    notes.append(ReferenceNote(
      number: number, source: reference.source, population: reference.population, provenance: reference.provenance,
      figures: [reference]))
    return number
  }

  var plotBottom: Double {
    ForestPlot.top + Double(groups.map(\.count).reduce(0, +)) * ForestPlot.lineHeight
      + Double(max(0, groups.count - 1)) * ForestPlot.groupGap + 6
  }

  /// The finished SVG.
  func render() -> String {
    var canvas = SVGCanvas(width: ForestPlot.width, height: plotBottom + 134)
    drawColumnHeads(&canvas)
    var y = ForestPlot.top
    for (index, lines) in groups.enumerated() {
      let height = Double(lines.count) * ForestPlot.lineHeight
      if index % 2 == 0 {
        canvas.rect(x: 0, y: y - 2, width: ForestPlot.width, height: height + 4, "band")
      }
      y += height + ForestPlot.groupGap
    }
    drawGrid(&canvas)
    y = ForestPlot.top
    for lines in groups {
      for line in lines {
        draw(line, at: y + ForestPlot.lineHeight / 2, on: &canvas)
        y += ForestPlot.lineHeight
      }
      y += ForestPlot.groupGap
    }
    drawAxis(&canvas)
    drawLegend(&canvas, top: plotBottom + 64)
    return canvas.render(
      label: "Forest plot: percent of patients with each reaction in the registry, with \(levelLabel) CI, beside the trial references",
      style: "chart forest")
  }

  func drawColumnHeads(_ canvas: inout SVGCanvas) {
    canvas.text("category (registry x/N) · reference [note]", x: ForestPlot.labelX, y: 16, "head")
    canvas.text("% of patients (\(levelLabel) CI)", x: ForestPlot.percentX, y: 16, "head")
    canvas.text("arm", x: ForestPlot.armX, y: 16, "head")
    canvas.text("test: p, verdict", x: ForestPlot.testX, y: 16, "head")
    for tick in scale.ticks {
      canvas.text(ForestPlot.tickLabel(tick), x: scale(tick), y: ForestPlot.top - 10, anchor: .middle, "tick")
    }
  }

  func drawGrid(_ canvas: inout SVGCanvas) {
    for tick in scale.ticks {
      canvas.line(scale(tick), ForestPlot.top - 4, scale(tick), plotBottom, tick == 0 ? "axis" : "grid")
    }
  }

  func drawAxis(_ canvas: inout SVGCanvas) {
    canvas.line(ForestPlot.plotLeft, plotBottom, ForestPlot.plotRight, plotBottom, "axis")
    for tick in scale.ticks {
      canvas.line(scale(tick), plotBottom, scale(tick), plotBottom + 5, "axis")
      canvas.text(ForestPlot.tickLabel(tick), x: scale(tick), y: plotBottom + 18, anchor: .middle, "tick")
    }
    canvas.text(
      "percent of patients (%)", x: (ForestPlot.plotLeft + ForestPlot.plotRight) / 2, y: plotBottom + 38, anchor: .middle,
      "axis-title")
  }

  static func tickLabel(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : format(value, digits: 1)
  }

  func draw(_ line: Line, at y: Double, on canvas: inout SVGCanvas) {
    switch line {
    case .observed(let row): drawObserved(row, at: y, on: &canvas)
    case .reference(let comparison, let note): drawReference(comparison, note: note, at: y, on: &canvas)
    case .compared(let comparison): drawCompared(comparison, at: y, on: &canvas)
    }
  }

  func drawObserved(_ row: FrequencyRow, at y: Double, on canvas: inout SVGCanvas) {
    guard let percent = row.percent, let low = row.ciLow, let high = row.ciHigh else { return }
    let label = "\(row.category) (\(row.patientsWithReaction)/\(row.patients))"
    canvas.text(
      Markup.fitted(label, width: ForestPlot.labelWidth, bold: true), x: ForestPlot.labelX, y: y + 4, "category", full: label)
    canvas.line(scale(low), y, scale(high), y, "ci")
    canvas.line(scale(low), y - 5, scale(low), y + 5, "ci")
    canvas.line(scale(high), y - 5, scale(high), y + 5, "ci")
    canvas.circle(x: scale(percent), y: y, radius: 4.5, "observed")
    canvas.text(
      "\(format(percent, digits: 1)) (\(ReportArguments.interval(low, high)))", x: ForestPlot.percentX, y: y + 4, "value strong")
    canvas.text("registry", x: ForestPlot.armX, y: y + 4, "value strong")
  }

  func drawReference(_ comparison: ReferenceComparison, note: Int, at y: Double, on canvas: inout SVGCanvas) {
    let reference = comparison.reference
    let placebo = reference.arm != .dupilumab
    let label = "[\(note)] \(reference.source)"
    canvas.text(
      Markup.fitted(label, width: ForestPlot.labelWidth - 14), x: ForestPlot.labelX + 14, y: y + 4, "reference", full: label)
    drawMark(reference, placebo: placebo, at: y, on: &canvas)
    canvas.text(ReportFrequencyCommand.referencePercent(reference), x: ForestPlot.percentX, y: y + 4, "value")
    canvas.text(reference.arm.rawValue, x: ForestPlot.armX, y: y + 4, "value")
    if let events = reference.events, let patients = reference.patients {
      canvas.text("\(events)/\(patients) of the arm", x: ForestPlot.testX, y: y + 4, "value")
    } else if let patients = reference.patients {
      canvas.text("n = \(patients)", x: ForestPlot.testX, y: y + 4, "value")
    }
  }

  /// The registry figure the reference above was compared with — time-matched at its week, or crude x/N — and
  /// the verdict.
  func drawCompared(_ comparison: ReferenceComparison, at y: Double, on canvas: inout SVGCanvas) {
    let label = ForestPlot.comparedLabel(comparison)
    canvas.text(
      Markup.fitted(label, width: ForestPlot.labelWidth - 28), x: ForestPlot.labelX + 28, y: y + 4, "compared-label",
      full: label)
    if let percent = comparison.registryPercent, let low = comparison.registryCILow, let high = comparison.registryCIHigh {
      canvas.line(scale(low), y, scale(high), y, "ci compared-ci")
      canvas.line(scale(low), y - 4, scale(low), y + 4, "ci compared-ci")
      canvas.line(scale(high), y - 4, scale(high), y + 4, "ci compared-ci")
      canvas.circle(x: scale(percent), y: y, radius: 4, "compared")
      canvas.text("\(format(percent, digits: 1)) (\(ReportArguments.interval(low, high)))", x: ForestPlot.percentX, y: y + 4, "value")
    } else {
      canvas.text(comparison.registryPercent.map { format($0, digits: 1) } ?? "–", x: ForestPlot.percentX, y: y + 4, "value")
    }
    canvas.text("registry", x: ForestPlot.armX, y: y + 4, "value")
    guard let verdict = comparison.verdict else { return }
    let test = comparison.pValue.map { "\($0 < 0.001 ? "p < 0.001" : "p = " + format($0, digits: 3)), " } ?? ""
    canvas.text(
      test + verdict.rawValue, x: ForestPlot.testX, y: y + 4, verdict == .above || verdict == .below ? "value strong" : "value")
  }

  /// "time-matched, week 16 (312 at risk)" or "crude (x/N, all follow-up)".
  static func comparedLabel(_ comparison: ReferenceComparison) -> String {
    switch comparison.comparison {
    case .timeMatched?:
      let week = comparison.reference.weeks.map { "week \($0)" } ?? "day \(comparison.day ?? 0)"
      return "↳ registry, time-matched, \(week) (\(comparison.atRisk ?? 0) at risk)"
    case .crude?, nil:
      return "↳ registry, crude (x/N, all follow-up)"
    }
  }

  /// A point as a diamond, a range as a bar, "up to" as a pale bar from 0 with a solid end; the placebo arm hollow.
  func drawMark(_ reference: TrialReference, placebo: Bool, at y: Double, on canvas: inout SVGCanvas) {
    let arm = placebo ? "placebo" : "dupilumab"
    let high = scale(reference.percentHigh)
    guard let lowValue = reference.percentLow else {
      canvas.rect(x: scale(0), y: y - 4, width: high - scale(0), height: 8, "upto \(arm)")
      canvas.line(high, y - 6, high, y + 6, "upto-end \(arm)")
      return
    }
    let low = scale(lowValue)
    if lowValue == reference.percentHigh {
      canvas.diamond(x: high, y: y, radius: 6, "point \(arm)")
    } else {
      // A very narrow range still shows as a bar, centred on its true position.
      let width = max(high - low, 3)
      canvas.rect(x: (low + high) / 2 - width / 2, y: y - 4, width: width, height: 8, "range \(arm)")
    }
  }

  func drawLegend(_ canvas: inout SVGCanvas, top: Double) {
    let columns = [ForestPlot.labelX, 380.0, 750.0]
    let entries: [(String, (inout SVGCanvas, Double, Double) -> Void)] = [
      ("registry: observed % with \(levelLabel) CI", { c, x, y in
        c.line(x, y, x + 24, y, "ci")
        c.circle(x: x + 12, y: y, radius: 4.5, "observed")
      }),
      ("dupilumab arm: published point", { c, x, y in c.diamond(x: x + 12, y: y, radius: 6, "point dupilumab") }),
      ("dupilumab arm: published range", { c, x, y in c.rect(x: x, y: y - 4, width: 24, height: 8, "range dupilumab") }),
      ("dupilumab arm: “up to” (bar from 0)", { c, x, y in
        c.rect(x: x, y: y - 4, width: 24, height: 8, "upto dupilumab")
        c.line(x + 24, y - 6, x + 24, y + 6, "upto-end dupilumab")
      }),
      ("placebo arm: point (hollow)", { c, x, y in c.diamond(x: x + 12, y: y, radius: 6, "point placebo") }),
      ("placebo arm: range (hollow)", { c, x, y in c.rect(x: x, y: y - 4, width: 24, height: 8, "range placebo") }),
      ("registry figure compared with the reference above it, \(levelLabel) CI", { c, x, y in
        c.line(x, y, x + 24, y, "ci compared-ci")
        c.circle(x: x + 12, y: y, radius: 4, "compared")
      }),
    ]
    for (index, entry) in entries.enumerated() {
      let x = columns[index % 3]
      let y = top + Double(index / 3) * 22
      entry.1(&canvas, x, y)
      canvas.text(entry.0, x: x + 32, y: y + 4, "legend")
    }
  }
}

extension HTMLReport {
  func forestSection() -> String {
    let plot = ForestPlot(frequency, levelLabel: levelLabel)
    let intro = """
      <section id="forest">
      <h2>2. The registry beside the trial references</h2>

      """
    guard !plot.groups.isEmpty else {
      return intro + "<p class=\"empty\">No category has cases in this window or a trial reference: nothing to compare.</p>\n</section>\n\n"
    }
    return intro + """
      <p>Per category, the registry's percentage of patients (dot) with its \(levelLabel) confidence interval \
      (line), then every published figure of that category on the same axis. Numbers in brackets refer to the \
      notes below the chart, which give each source's full name and provenance. Under each dupilumab-arm figure, \
      the registry figure it was compared with (open circle): <em>time-matched</em> when the figure has a fixed \
      follow-up — the cohort's Kaplan–Meier cumulative incidence at that week of treatment (section 3), \
      censored at \(frequency.window.asOf.iso), whatever the onset window — else <em>crude</em>, the x/N above. \
      With the arm's size the test is two-sample (registry − published, with the variance of both); without it, the exact \
      binomial test of x/N (crude) or a normal test (time-matched). <em>above</em> or <em>below</em>: the \
      registry lies beyond the published figure; <em>insufficient-follow-up</em>: fewer than 10 patients were \
      followed to the figure's week; <em>unverified-reference</em>: the figure was never read in the label or \
      the primary publication, and is compared only with --include-unverified.</p>
      <figure>
      \(plot.render())
      <figcaption>Percent of patients with each reaction: registry (\(levelLabel) CI), published trial figures, and \
      the registry figure each dupilumab-arm figure was compared with (time-matched or crude).</figcaption>
      </figure>
      \(referenceNotes(plot.notes))</section>

      """
  }

  func referenceNotes(_ notes: [ReferenceNote]) -> String {
    guard !notes.isEmpty else { return "" }
    let items = notes.map { note in
      let figures = note.figures.map { r in
        "\(r.category), \(r.arm) arm: \(ReportFrequencyCommand.referencePercent(r))"
          + (r.patients.map { ", n = \($0)" } ?? "") + (r.weeks.map { ", \($0) weeks" } ?? "")
          + (r.citation.isEmpty || note.source.contains(r.citation) ? "" : " (\(r.citation))")
      }
      let population = note.population.isEmpty ? "" : " — \(Markup.escape(note.population))"
      return """
        <li value="\(note.number)"><span class="source">\(Markup.escape(note.source))</span>\(population). \
        <span class="provenance">Provenance: \(Markup.escape(note.provenance))</span> \
        Figures: \(Markup.escape(figures.joined(separator: "; "))).</li>
        """
    }
    return """
      <h3>Notes: sources and provenance</h3>
      <ol class="notes">
      \(items.joined(separator: "\n"))
      </ol>

      """
  }
}
