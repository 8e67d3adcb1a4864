import AdregCore

/// One category's onset histogram: 4-week bins of days since treatment start, the median marked.
struct OnsetHistogram {
  static let width = 520.0
  static let height = 230.0
  static let left = 56.0
  static let right = 504.0
  static let top = 30.0
  static let bottom = 180.0

  var row: OnsetRow
  /// Shared by every category so that their histograms can be compared by eye.
  var x: LinearScale
  var y: LinearScale

  /// - Parameter lastDay: the end (exclusive) of the common day axis, a multiple of 28.
  init(_ row: OnsetRow, lastDay: Int) {
    self.row = row
    // Ticks every 4, 8, 16, … weeks keep bin edges and tick marks in step.
    x = LinearScale(
      upTo: Double(lastDay), from: OnsetHistogram.left, to: OnsetHistogram.right,
      steps: (0..<16).map { 28 * Double(1 << $0) }, maxTicks: 8)
    let peak = Double(row.histogram.map(\.count).max() ?? 0)
    y = LinearScale(
      upTo: peak, from: OnsetHistogram.bottom, to: OnsetHistogram.top, steps: LinearScale.roundSteps(upTo: peak),
      maxTicks: 6)
  }

  /// The end of a day axis holding every category's last bin.
  static func lastDay(_ rows: [OnsetRow]) -> Int {
    max(28, rows.compactMap { $0.histogram.last.map { $0.toDay + 1 } }.max() ?? 28)
  }

  func render() -> String {
    var canvas = SVGCanvas(width: OnsetHistogram.width, height: OnsetHistogram.height)
    drawYAxis(&canvas)
    for bin in row.histogram where bin.count > 0 {
      let left = x(Double(bin.fromDay))
      let right = x(Double(bin.toDay + 1))
      let top = y(Double(bin.count))
      canvas.rect(x: left + 0.5, y: top, width: right - left - 1, height: OnsetHistogram.bottom - top, "bar")
    }
    drawXAxis(&canvas)
    drawMedian(&canvas)
    return canvas.render(
      label: "Histogram of onset of \(row.category): episodes per 4-week bin of days since treatment start; median \(format(row.medianDays, digits: 1)) days",
      style: "chart onset")
  }

  func drawYAxis(_ canvas: inout SVGCanvas) {
    for tick in y.ticks {
      canvas.line(OnsetHistogram.left, y(tick), OnsetHistogram.right, y(tick), tick == 0 ? "axis" : "grid")
      canvas.line(OnsetHistogram.left - 5, y(tick), OnsetHistogram.left, y(tick), "axis")
      canvas.text(ForestPlot.tickLabel(tick), x: OnsetHistogram.left - 8, y: y(tick) + 4, anchor: .end, "tick")
    }
    canvas.line(OnsetHistogram.left, OnsetHistogram.top, OnsetHistogram.left, OnsetHistogram.bottom, "axis")
    canvas.text(
      "episodes (count)", x: 16, y: (OnsetHistogram.top + OnsetHistogram.bottom) / 2, anchor: .middle, "axis-title",
      rotated: true)
  }

  func drawXAxis(_ canvas: inout SVGCanvas) {
    canvas.line(OnsetHistogram.left, OnsetHistogram.bottom, OnsetHistogram.right, OnsetHistogram.bottom, "axis")
    for tick in x.ticks {
      canvas.line(x(tick), OnsetHistogram.bottom, x(tick), OnsetHistogram.bottom + 5, "axis")
      canvas.text(ForestPlot.tickLabel(tick), x: x(tick), y: OnsetHistogram.bottom + 18, anchor: .middle, "tick")
    }
    canvas.text(
      "days since treatment start (4-week bins)", x: (OnsetHistogram.left + OnsetHistogram.right) / 2,
      y: OnsetHistogram.bottom + 40, anchor: .middle, "axis-title")
  }

  /// A dashed line through the plot, labelled above it, on whichever side has room.
  func drawMedian(_ canvas: inout SVGCanvas) {
    // Day d covers [d, d + 1) on the axis, so the median day sits in the middle of its slot.
    let position = x(row.medianDays + 0.5)
    canvas.line(position, OnsetHistogram.top - 6, position, OnsetHistogram.bottom, "median")
    let label = "median \(format(row.medianDays, digits: row.medianDays == row.medianDays.rounded() ? 0 : 1)) days"
    let roomOnRight = OnsetHistogram.right - position > Markup.estimatedWidth(label, fontSize: 12, bold: true) + 6
    canvas.text(
      label, x: roomOnRight ? position + 5 : position - 5, y: OnsetHistogram.top - 10,
      anchor: roomOnRight ? .start : .end, "median-label")
  }
}

extension HTMLReport {
  func onsetSection() -> String {
    let intro = """
      <section id="onset">
      <h2>4. Onset of reactions</h2>

      """
    guard !onset.rows.isEmpty else {
      return intro + "<p class=\"empty\">No case has its onset in this window: no onset to describe.</p>\n</section>\n\n"
    }
    let lastDay = OnsetHistogram.lastDay(onset.rows)
    let charts = onset.rows.map { row in
      """
      <figure class="histogram">
      <figcaption><strong>\(Markup.escape(row.category.rawValue))</strong>: \(Markup.escape(onsetSummary(row)))</figcaption>
      \(OnsetHistogram(row, lastDay: lastDay).render())
      </figure>
      """
    }
    return intro + """
      <p>Days from treatment start (day 0, the first dose) to onset, per category, in 4-week bins on a common \
      axis; the dashed line marks the median. IQR: interquartile range (R type 7). The Weibull shape, fitted \
      with 5 or more episodes, says whether onsets cluster early (shape CI below 1), late (above 1) or neither.</p>
      <div class="histograms">
      \(charts.joined(separator: "\n"))
      </div>
      </section>

      """
  }

  func onsetSummary(_ row: OnsetRow) -> String {
    var parts = [
      "\(row.episodes) episode\(row.episodes == 1 ? "" : "s")",
      "median \(format(row.medianDays, digits: 1)) days (IQR \(format(row.q1Days, digits: 1))–\(format(row.q3Days, digits: 1)), "
        + "range \(row.minDays)–\(row.maxDays))",
      "\(format(row.within16WeeksPercent, digits: 0))% within 16 weeks",
    ]
    if let sinceDose = row.medianDaysSinceLastDose {
      parts.append("median \(format(sinceDose, digits: 1)) days after the last logged dose (\(row.episodesWithDose) episodes)")
    }
    if let fit = row.weibull {
      parts.append(
        "Weibull shape \(format(fit.shape, digits: 2)) (\(levelLabel) CI \(format(fit.shapeLow, digits: 2))–\(format(fit.shapeHigh, digits: 2))): \(fit.pattern)")
    }
    return parts.joined(separator: " · ")
  }
}
