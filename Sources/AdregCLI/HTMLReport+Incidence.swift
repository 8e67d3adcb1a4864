import AdregCore
import AdregStatistics
import Foundation

/// One category's Kaplan–Meier cumulative incidence against weeks on treatment: the step curve, its pointwise
/// band, the patients at risk under the axis and the dupilumab-arm references that have a week.
struct IncidenceChart {
  static let width = 520.0
  static let left = 58.0
  static let right = 500.0
  static let top = 22.0
  static let bottom = 212.0
  /// The weeks whose patients at risk are printed under the axis.
  static let atRiskWeeks = [0, 16, 52, 104]
  static let labelWidth = 190.0

  /// A reference drawn at its week, with the interval of its own arm where its size is known.
  struct Mark {
    var comparison: ReferenceComparison
    var note: Int?
    var interval: Interval?
  }

  var row: IncidenceRow
  var curve: KaplanMeierCurve
  var patients: Int
  var marks: [Mark]
  /// Shared by every category so that their curves can be compared by eye.
  var x: LinearScale
  var y: LinearScale
  var xTicks: [Double]
  var levelLabel: String

  /// - Parameters:
  ///   - weeks: the end of the common weeks axis.
  ///   - notes: the forest plot's footnote number of each source, so that both charts name it alike.
  init(
    _ row: IncidenceRow, curve: KaplanMeierCurve, patients: Int, weeks: Double, level: Double, notes: [ReferenceNote]
  ) {
    self.row = row
    self.curve = curve
    self.patients = patients
    levelLabel = ReportArguments.levelLabel(level)
    (x, xTicks) = IncidenceChart.weekScale(upTo: weeks)
    marks = row.references.filter { $0.reference.arm == .dupilumab && $0.reference.weeks != nil }.map { comparison in
      let r = comparison.reference
      let note = notes.first { $0.source == r.source && $0.provenance == r.provenance }?.number
      return Mark(comparison: comparison, note: note, interval: r.interval(level: level))
    }
    let lastDay = x.domain.upperBound * 7
    var largest = 0.0
    for step in curve.steps where Double(step.time) <= lastDay {
      largest = max(largest, 100 * (step.upper ?? step.estimate))
    }
    for mark in marks {
      largest = max(largest, mark.comparison.reference.percentHigh, 100 * (mark.interval?.upper ?? 0))
    }
    y = LinearScale(
      upTo: largest, from: IncidenceChart.bottom, to: IncidenceChart.top, steps: [1, 2, 5, 10, 20, 25], maxTicks: 6, cap: 100)
  }

  /// A weeks axis from 0 to a multiple of 4 holding `weeks`, ticked at the at-risk weeks and every half-year
  /// (every year, or more, on a long axis); a tick too close to an at-risk week would print over its label.
  static func weekScale(upTo weeks: Double) -> (LinearScale, [Double]) {
    let end = max(4, (max(0, weeks) / 4).rounded(.up) * 4)
    let scale = LinearScale(upTo: end, from: left, to: right, steps: [4], maxTicks: Int.max)
    let spacing = end <= 156 ? 26.0 : end <= 520 ? 52 : 104 * (end / 1040).rounded(.up)
    let gap = end / 12
    let fixed = atRiskWeeks.map(Double.init).filter { $0 <= end }
    var ticks = fixed
    var tick = spacing
    while tick <= end {
      if fixed.allSatisfy({ abs($0 - tick) >= gap }) { ticks.append(tick) }
      tick += spacing
    }
    ticks.sort()
    if let last = ticks.last, end - last >= gap { ticks.append(end) }
    return (scale, ticks)
  }

  /// A source's short name: what follows a colon, else what precedes the first comma or parenthesis.
  static func shortName(_ source: String) -> String {
    var name = Substring(source)
    if let colon = name.firstIndex(of: ":") { name = name[name.index(after: colon)...] }
    if let cut = name.firstIndex(where: { $0 == "," || $0 == "(" || $0 == ";" }) { name = name[..<cut] }
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty ? source.trimmingCharacters(in: .whitespaces) : trimmed
  }

  func week(_ day: Int) -> Double { x(Double(day) / 7) }

  func percent(_ proportion: Double) -> Double { y(100 * proportion) }

  func render() -> String {
    var canvas = SVGCanvas(width: IncidenceChart.width, height: IncidenceChart.bottom + 136)
    drawYAxis(&canvas)
    drawBand(&canvas)
    drawXAxis(&canvas)
    drawCurve(&canvas)
    drawMarks(&canvas)
    drawAtRisk(&canvas)
    drawLegend(&canvas, top: IncidenceChart.bottom + 100)
    return canvas.render(
      label: "Cumulative incidence of \(row.category) in percent against weeks on treatment, Kaplan–Meier with pointwise \(levelLabel) band, \(row.events) events",
      style: "chart incidence")
  }

  func drawYAxis(_ canvas: inout SVGCanvas) {
    for tick in y.ticks {
      canvas.line(IncidenceChart.left, y(tick), IncidenceChart.right, y(tick), tick == 0 ? "axis" : "grid")
      canvas.line(IncidenceChart.left - 5, y(tick), IncidenceChart.left, y(tick), "axis")
      canvas.text(ForestPlot.tickLabel(tick), x: IncidenceChart.left - 8, y: y(tick) + 4, anchor: .end, "tick")
    }
    canvas.text(
      "cumulative incidence (%)", x: 16, y: (IncidenceChart.top + IncidenceChart.bottom) / 2, anchor: .middle,
      "axis-title", rotated: true)
  }

  func drawXAxis(_ canvas: inout SVGCanvas) {
    canvas.line(IncidenceChart.left, IncidenceChart.top, IncidenceChart.left, IncidenceChart.bottom, "axis")
    canvas.line(IncidenceChart.left, IncidenceChart.bottom, IncidenceChart.right, IncidenceChart.bottom, "axis")
    for tick in xTicks {
      canvas.line(x(tick), IncidenceChart.bottom, x(tick), IncidenceChart.bottom + 5, "axis")
      canvas.text(ForestPlot.tickLabel(tick), x: x(tick), y: IncidenceChart.bottom + 18, anchor: .middle, "tick")
    }
    canvas.text(
      "weeks on treatment (from each patient's first dose)", x: (IncidenceChart.left + IncidenceChart.right) / 2,
      y: IncidenceChart.bottom + 36, anchor: .middle, "axis-title")
  }

  /// The last day drawn: the longest follow-up, cut at the axis end.
  var lastDay: Int { min(curve.end ?? 0, Int(x.domain.upperBound * 7)) }

  /// The steps drawn, each with the day the next one begins (or the last day drawn).
  var drawnSteps: [(step: KaplanMeierCurve.Step, until: Int)] {
    let last = lastDay
    let steps = curve.steps.filter { $0.time <= last }
    return steps.enumerated().map { index, step in
      (step, index + 1 < steps.count ? steps[index + 1].time : last)
    }
  }

  /// The pointwise interval as one step-shaped polygon per run of steps that have one (all but a final Ŝ = 0).
  func drawBand(_ canvas: inout SVGCanvas) {
    var upper: [(Double, Double)] = []
    var lower: [(Double, Double)] = []
    func flush() {
      if !upper.isEmpty { canvas.polygon(upper + lower.reversed(), "km-band") }
      upper = []
      lower = []
    }
    for (step, until) in drawnSteps {
      guard let low = step.lower, let high = step.upper else {
        flush()
        continue
      }
      upper += [(week(step.time), percent(high)), (week(until), percent(high))]
      lower += [(week(step.time), percent(low)), (week(until), percent(low))]
    }
    flush()
  }

  func drawCurve(_ canvas: inout SVGCanvas) {
    var points = [(week(0), y(0))]
    var level = 0.0
    for (step, _) in drawnSteps {
      points += [(week(step.time), percent(level)), (week(step.time), percent(step.estimate))]
      level = step.estimate
    }
    points.append((week(lastDay), percent(level)))
    canvas.polyline(points, "km-line")
  }

  /// Each reference at its week: a diamond with its arm's interval, a range as a bar, "up to" as a pale bar from 0.
  /// References of the same week stand side by side, 12 points apart, so that their intervals stay apart.
  func drawMarks(_ canvas: inout SVGCanvas) {
    let weeks = marks.map { $0.comparison.reference.weeks ?? 0 }
    var positions: [Double] = []
    for (index, week) in weeks.enumerated() {
      let group = weeks.indices.filter { weeks[$0] == week }
      let rank = Double(group.firstIndex(of: index) ?? 0)
      positions.append(x(Double(week)) + (rank - Double(group.count - 1) / 2) * 12)
    }
    var anchors: [Double] = []
    for (mark, position) in zip(marks, positions) {
      anchors.append(drawMark(mark.comparison.reference, interval: mark.interval, at: position, on: &canvas))
    }
    var taken: [(x: ClosedRange<Double>, y: Double)] = []
    for (index, mark) in marks.enumerated() {
      let group = weeks.indices.filter { weeks[$0] == weeks[index] }
      let groupLeft = group.map { positions[$0] }.min() ?? positions[index]
      let groupRight = group.map { positions[$0] }.max() ?? positions[index]
      // The room to the next mark of another week on either side, so that a label never runs over a mark.
      let rightRoom = (positions.filter { $0 > groupRight + 4 }.min().map { $0 - 10 } ?? IncidenceChart.right) - (groupRight + 9)
      let leftRoom = (groupLeft - 9) - (positions.filter { $0 < groupLeft - 4 }.max().map { $0 + 10 } ?? IncidenceChart.left + 4)
      let r = mark.comparison.reference
      let prefix = mark.note.map { "[\($0)] " } ?? ""
      let wanted = prefix + IncidenceChart.shortName(r.source)
      let wantedWidth = min(Markup.estimatedWidth(wanted, fontSize: 12), IncidenceChart.labelWidth)
      let onRight = rightRoom >= wantedWidth || rightRoom >= leftRoom
      let label = Markup.fitted(wanted, width: max(0, min(onRight ? rightRoom : leftRoom, IncidenceChart.labelWidth)))
      let width = Markup.estimatedWidth(label, fontSize: 12)
      let span = onRight ? (groupRight + 9)...(groupRight + 9 + width) : (groupLeft - 9 - width)...(groupLeft - 9)
      // Below a label already there when the two would overlap, or above it near the axis.
      var baseline = min(max(anchors[index] + 4, IncidenceChart.top + 10), IncidenceChart.bottom - 4)
      // The test leaves room for rounding in clash.y + 14, which would otherwise match the same clash forever.
      while let clash = taken.first(where: { $0.x.overlaps(span) && abs($0.y - baseline) < 13.5 }) {
        baseline = clash.y + 14
      }
      if baseline > IncidenceChart.bottom - 4 {
        baseline = (taken.filter { $0.x.overlaps(span) }.map(\.y).min() ?? anchors[index]) - 14
      }
      taken.append((span, baseline))
      // A pale card behind the label keeps it readable where it crosses the curve or the band.
      canvas.rect(x: span.lowerBound - 2, y: baseline - 11, width: width + 4, height: 15, "label-back")
      canvas.text(
        label, x: onRight ? span.lowerBound : span.upperBound, y: baseline, anchor: onRight ? .start : .end,
        "ref-label", full: prefix + r.source)
    }
  }

  /// Draws one reference's mark at `position` and returns the height its label belongs at.
  func drawMark(_ r: TrialReference, interval: Interval?, at position: Double, on canvas: inout SVGCanvas) -> Double {
    let high = y(r.percentHigh)
    guard let lowValue = r.percentLow else {
      canvas.rect(x: position - 4, y: high, width: 8, height: y(0) - high, "upto dupilumab ref-mark")
      canvas.line(position - 6, high, position + 6, high, "upto-end dupilumab")
      return high
    }
    guard lowValue == r.percentHigh else {
      let low = y(lowValue)
      let height = max(low - high, 3)
      canvas.rect(x: position - 4, y: (low + high) / 2 - height / 2, width: 8, height: height, "range dupilumab ref-mark")
      return (low + high) / 2
    }
    if let interval {
      let top = percent(interval.upper)
      let bottom = percent(interval.lower)
      canvas.line(position, top, position, bottom, "ref-ci")
      canvas.line(position - 4, top, position + 4, top, "ref-ci")
      canvas.line(position - 4, bottom, position + 4, bottom, "ref-ci")
    }
    canvas.diamond(x: position, y: high, radius: 6, "point dupilumab ref-mark")
    return high
  }

  /// The patients still followed at 0, 16, 52 and 104 weeks, under the ticks of those weeks.
  func drawAtRisk(_ canvas: inout SVGCanvas) {
    let rowY = IncidenceChart.bottom + 72
    canvas.text("patients at risk", x: IncidenceChart.left, y: rowY - 16, "axis-title")
    for week in IncidenceChart.atRiskWeeks where Double(week) <= x.domain.upperBound {
      let count = week == 0 ? patients : row.horizons.first { $0.weeks == week }?.atRisk
      guard let count else { continue }
      canvas.text(String(count), x: x(Double(week)), y: rowY, anchor: .middle, "at-risk at-risk-\(week)")
    }
  }

  func drawLegend(_ canvas: inout SVGCanvas, top: Double) {
    let left = 8.0
    canvas.line(left, top, left + 24, top, "km-line")
    canvas.text("Kaplan–Meier estimate", x: left + 32, y: top + 4, "legend")
    canvas.rect(x: 208, y: top - 6, width: 24, height: 12, "km-band")
    canvas.text("\(levelLabel) CI (pointwise, log(−log))", x: 240, y: top + 4, "legend")
    guard !marks.isEmpty else { return }
    let second = top + 22
    canvas.line(left + 12, second - 8, left + 12, second + 8, "ref-ci")
    canvas.diamond(x: left + 12, y: second, radius: 6, "point dupilumab")
    canvas.text(
      "dupilumab-arm trial figure at its week, \(levelLabel) Wilson CI of its arm where n is published", x: left + 32,
      y: second + 4, "legend")
  }
}

extension HTMLReport {
  func incidenceSection() -> String {
    let intro = """
      <section id="incidence">
      <h2>3. Cumulative incidence on treatment</h2>

      """
    let charted = incidence.rows.filter { row in
      row.category == .any || row.events > 0 || !row.references.isEmpty
    }
    let curves = charted.compactMap { row in row.curve.map { (row, $0) } }
    guard incidence.patients > 0, !curves.isEmpty else {
      return intro + "<p class=\"empty\">No patient had started treatment by \(incidence.asOf.iso): no time on treatment to show.</p>\n</section>\n\n"
    }
    let notes = ForestPlot(frequency, levelLabel: levelLabel).notes
    let charts = curves.map { row, curve in
      """
      <figure class="incidence" id="incidence-\(Markup.escape(row.category.code))">
      <figcaption><strong>\(Markup.escape(row.category.code))</strong>: \(Markup.escape(incidenceSummary(row)))</figcaption>
      \(IncidenceChart(row, curve: curve, patients: incidence.patients, weeks: incidenceWeeks(curves.map(\.1)), level: incidence.level, notes: notes).render())
      </figure>
      """
    }
    let site = incidence.site.map { " of site \(Markup.escape($0))" } ?? ""
    return intro + """
      <p>The share of patients with a first case of each reaction by each week on treatment, estimated by \
      Kaplan–Meier over the \(incidence.patients) patient\(incidence.patients == 1 ? "" : "s")\(site) who started \
      treatment by \(incidence.asOf.iso). Time counts from each patient's first dose (day 0, the treatment start), \
      not by calendar, so the onset window does not apply here. Censoring rule <em>as-of</em>: a patient's \
      follow-up ends at the stop date or on \(incidence.asOf.iso), whichever is earlier; a first case by then is \
      an event, one after the stop date is not. The line is the estimate; the shaded band is its pointwise \
      \(levelLabel) confidence interval (log(−log), as R's <code>survfit</code>). The numbers under the axis are \
      the patients still followed (at risk) at 0, 16, 52 and 104 weeks. Diamonds are the dupilumab-arm trial \
      figures that have a fixed follow-up, at their week, with the \(levelLabel) Wilson interval of their arm \
      where its size is published; figures without a week are compared in section 2 only. Bracketed numbers refer \
      to the notes of section 2. The weeks axis is shared; each chart has its own percent axis.</p>
      <div class="incidence-charts">
      \(charts.joined(separator: "\n"))
      </div>
      </section>

      """
  }

  /// The common end of the weeks axis: 104 weeks or the longest follow-up, whichever is less, but never before
  /// the latest reference week drawn.
  func incidenceWeeks(_ curves: [KaplanMeierCurve]) -> Double {
    let longest = Double(curves.compactMap(\.end).max() ?? 0) / 7
    let references = incidence.rows.flatMap(\.references)
      .filter { $0.reference.arm == .dupilumab }.compactMap(\.reference.weeks).max() ?? 0
    return max(min(104, longest), Double(references))
  }

  func incidenceSummary(_ row: IncidenceRow) -> String {
    var parts = ["\(row.events) patient\(row.events == 1 ? "" : "s") with a first case on treatment"]
    for weeks in [16, 52] {
      guard let horizon = row.horizons.first(where: { $0.weeks == weeks }) else { continue }
      if let percent = horizon.percent {
        parts.append(
          "\(format(percent, digits: 1))% (\(ReportArguments.interval(horizon.ciLow, horizon.ciHigh))) by week \(weeks)")
      } else {
        parts.append("nobody followed to week \(weeks)")
      }
    }
    if let fit = row.weibull {
      parts.append(
        "Weibull shape \(format(fit.shape, digits: 2)) (\(format(fit.shapeLow, digits: 2))–\(format(fit.shapeHigh, digits: 2))): \(fit.pattern)")
    }
    return parts.joined(separator: " · ")
  }
}
