import AdregFormats
import Foundation

/// Text and numbers made safe for markup that parses both as HTML and as XML.
enum Markup {
  /// Escapes text for element content and attribute values alike.
  ///
  /// Sources and provenance come from user-importable CSV, so every text goes through here. Characters XML
  /// forbids (most control characters) become U+FFFD rather than breaking the document. Tab, line feed and carriage
  /// return are written as character references: an XML parser turns them raw into spaces in an attribute, and a
  /// raw carriage return into a line feed anywhere, so only references read back as the text (found by fuzzing).
  static func escape(_ text: String) -> String {
    // The XML writer's attribute escaping already covers markup, quotes and whitespace; HTML adds the apostrophe.
    let escaped = XMLWriter.escapedAttribute(text)
    return escaped.contains("'") ? escaped.replacingOccurrences(of: "'", with: "&#39;") : escaped
  }

  /// A coordinate with at most two decimals.
  ///
  /// Callers only pass finite values; a non-finite one still never reaches the SVG as "nan" or "inf",
  /// which browsers would render as a silently missing shape.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(format: "%.2f", rounded)
  }

  /// Text cut with an ellipsis so that it fits `width` at `fontSize`; the caller shows the full text elsewhere.
  static func fitted(_ text: String, width: Double, fontSize: Double = 12, bold: Bool = false) -> String {
    guard estimatedWidth(text, fontSize: fontSize, bold: bold) > width else { return text }
    var characters = Array(text)
    while !characters.isEmpty {
      characters.removeLast()
      let candidate = String(characters).trimmingCharacters(in: .whitespaces) + "…"
      if estimatedWidth(candidate, fontSize: fontSize, bold: bold) <= width { return candidate }
    }
    return "…"
  }

  /// The width text takes in Arial-metric sans-serif (Liberation Sans, Helvetica), with a margin for fallbacks.
  ///
  /// SVG text does not wrap or clip, and a static page cannot measure it, so labels are fitted by estimate:
  /// an upper-case source name is half again as wide as the same count of lower-case letters.
  static func estimatedWidth(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
    let units = text.unicodeScalars.reduce(0) { $0 + advance($1) }
    return Double(units) / 1000 * fontSize * (bold ? 1.1 : 1) * 1.06
  }

  /// Advance widths in thousandths of an em, from Arial's metrics; wide scripts count as a full em.
  static func advance(_ scalar: Unicode.Scalar) -> Int {
    let ascii = scalar.value
    guard ascii >= 32, ascii < 127 else { return ascii >= 0x2E80 ? 1000 : 600 }
    return asciiAdvances[Int(ascii) - 32]
  }

  private static let asciiAdvances: [Int] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 to ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ to O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P to _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` to o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  // p to ~
  ]

  /// An element with escaped attribute values around already escaped `content`.
  static func element(_ name: String, _ attributes: [(String, String)] = [], _ content: String) -> String {
    "<\(name)\(attributeText(attributes))>\(content)</\(name)>"
  }

  static func attributeText(_ attributes: [(String, String)]) -> String {
    attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
  }
}

/// A linear scale from data values to SVG coordinates, with tick values chosen from the data.
struct LinearScale {
  var domain: ClosedRange<Double>
  /// The coordinates of the domain's two ends; `start` may exceed `end`, as on a y axis that grows upwards.
  var start: Double
  var end: Double
  var step: Double

  /// A scale from 0 to the smallest multiple of a readable step that holds `maximum`, so that nothing drawn
  /// is ever cut at the axis end.
  ///
  /// - Parameters:
  ///   - steps: candidate tick steps, smallest first; the first giving at most `maxTicks` intervals wins.
  ///   - cap: an end the axis never passes when the data fit below it (100 for percentages).
  init(upTo maximum: Double, from start: Double, to end: Double, steps: [Double], maxTicks: Int, cap: Double? = nil) {
    let top = maximum.isFinite ? Swift.max(maximum, 0) : 0
    var chosen = steps.last ?? 1
    for candidate in steps where candidate > 0 && (Swift.max(top, candidate) / candidate).rounded(.up) <= Double(maxTicks) {
      chosen = candidate
      break
    }
    var upper = Swift.max(chosen, (top / chosen).rounded(.up) * chosen)
    if let cap, upper > cap, top <= cap { upper = cap }
    domain = 0...upper
    self.start = start
    self.end = end
    step = chosen
  }

  /// 1, 2, 5, 10, 20, 50, … up to the first step that alone holds `maximum`.
  static func roundSteps(upTo maximum: Double) -> [Double] {
    var steps: [Double] = []
    var magnitude = 1.0
    repeat {
      steps += [magnitude, 2 * magnitude, 5 * magnitude]
      magnitude *= 10
    } while magnitude < maximum && magnitude < 1e12
    return steps + [magnitude]
  }

  func callAsFunction(_ value: Double) -> Double {
    let span = domain.upperBound - domain.lowerBound
    guard span > 0, value.isFinite else { return start }
    let clamped = Swift.min(Swift.max(value, domain.lowerBound), domain.upperBound)
    return start + (clamped - domain.lowerBound) / span * (end - start)
  }

  var ticks: [Double] {
    let count = Int((domain.upperBound / step).rounded(.down))
    var values = (0...Swift.max(0, count)).map { Double($0) * step }
    // A capped end (100 %) that is not a multiple of the step still gets its label.
    if let last = values.last, domain.upperBound - last > step / 2 { values.append(domain.upperBound) }
    return values
  }
}

/// Builds one SVG chart; every number goes through `Markup.number`, every text through `Markup.escape`.
struct SVGCanvas {
  enum Anchor: String { case start, middle, end }

  let width: Double
  var height: Double
  private var body = ""

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ style: String) {
    body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" class=\"\(style)\"/>\n"
  }

  mutating func rect(x: Double, y: Double, width: Double, height: Double, _ style: String) {
    body += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(Swift.max(0, width)))\" height=\"\(n(Swift.max(0, height)))\" class=\"\(style)\"/>\n"
  }

  mutating func circle(x: Double, y: Double, radius: Double, _ style: String) {
    body += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" class=\"\(style)\"/>\n"
  }

  /// A diamond centred on (x, y): the mark of a published point estimate.
  mutating func diamond(x: Double, y: Double, radius: Double, _ style: String) {
    polygon([(x, y - radius), (x + radius, y), (x, y + radius), (x - radius, y)], style)
  }

  /// A closed shape through `points`, such as a confidence band.
  mutating func polygon(_ points: [(Double, Double)], _ style: String) {
    body += "<polygon points=\"\(pointList(points))\" class=\"\(style)\"/>\n"
  }

  /// An open line through `points`, such as a step curve.
  mutating func polyline(_ points: [(Double, Double)], _ style: String) {
    body += "<polyline points=\"\(pointList(points))\" class=\"\(style)\"/>\n"
  }

  /// Text at (x, y); when it was shortened, `full` becomes its tooltip.
  mutating func text(
    _ content: String, x: Double, y: Double, anchor: Anchor = .start, _ style: String = "", full: String? = nil,
    rotated: Bool = false
  ) {
    var attributes = "x=\"\(n(x))\" y=\"\(n(y))\""
    if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
    if !style.isEmpty { attributes += " class=\"\(style)\"" }
    if rotated { attributes += " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" }
    let tooltip = full.map { $0 == content ? "" : "<title>\(Markup.escape($0))</title>" } ?? ""
    body += "<text \(attributes)>\(tooltip)\(Markup.escape(content))</text>\n"
  }

  /// The finished `<svg>`, scaling to the page width; `label` describes it to screen readers.
  func render(label: String, style: String) -> String {
    """
    <svg xmlns="http://www.w3.org/2000/svg" class="\(style)" viewBox="0 0 \(n(width)) \(n(height))" \
    width="\(n(width))" height="\(n(height))" role="img" aria-label="\(Markup.escape(label))">
    \(body)</svg>
    """
  }

  private func n(_ value: Double) -> String { Markup.number(value) }

  private func pointList(_ points: [(Double, Double)]) -> String {
    points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
  }
}
