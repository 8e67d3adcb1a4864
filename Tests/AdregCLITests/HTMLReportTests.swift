import Foundation
import Testing

@testable import AdregCLI

@Suite("report html")
struct HTMLReportTests {
  /// 6 patients from 2025-01-01, one with a psoriasis history; cases in three categories.
  func registry() throws -> Harness {
    let h = try Harness()
    var steps: [[String]] = [["init"], ["patient", "add", "P1", "--start", "2025-01-01", "--risk", "psoriasis-history"]]
    for code in ["P2", "P3", "P4", "P5", "P6"] { steps.append(["patient", "add", code, "--start", "2025-01-01"]) }
    steps += [
      ["record", "P1", "--onset", "2025-02-01", "--category", "facial-redness"],
      ["record", "P2", "--onset", "2025-03-15", "--category", "facial-redness"],
      ["record", "P3", "--onset", "2025-01-05", "--category", "injection-site"],
      ["record", "P4", "--onset", "2025-04-01", "--category", "eczema-worsening"],
    ]
    for step in steps { #expect(h.run(step).status == 0, "\(step)") }
    return h
  }

  /// Writes the page and returns its text.
  func page(_ h: Harness, _ extra: [String] = []) throws -> String {
    let result = h.run(["report", "html", "--out", "report.html"] + extra)
    #expect(result.status == 0, "\(result.error)")
    return try String(contentsOfFile: h.path("report.html"), encoding: .utf8)
  }

  @Test("writes one page with every category row, every provenance, the as-of date and labelled axes")
  func content() throws {
    let h = try registry()
    let result = h.run("report", "html", "--out", "report.html")
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output == "Wrote the HTML report (6 patients, as of 2025-06-30) to \(h.path("report.html")).\n")
    let html = try String(contentsOfFile: h.path("report.html"), encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("adreg — skin reactions during dupilumab treatment"))
    #expect(html.contains("<dt>As of</dt><dd>2025-06-30</dd>"))
    #expect(html.contains("6 patients, 2.97 patient-years of exposure"))
    #expect(html.contains("95%: Wilson score intervals"))

    let frequency = try #require(try h.json(h.run("report", "frequency", "--format", "json")) as? [String: Any])
    let rows = try #require(frequency["rows"] as? [[String: Any]])
    #expect(rows.count > 4)
    for row in rows {
      let category = try #require(row["category"] as? String)
      #expect(html.contains("<td>\(category)</td>"), "frequency row \(category)")
    }
    let references = try #require(try h.json(h.run("reference", "list", "--format", "json")) as? [[String: Any]])
    #expect(!references.isEmpty)
    for reference in references {
      let provenance = try #require(reference["provenance"] as? String)
      #expect(html.contains(Markup.escape(provenance)), "provenance \(provenance)")
    }

    #expect(html.contains("percent of patients (%)"))
    #expect(html.contains("days since treatment start (4-week bins)"))
    #expect(html.contains("episodes (count)"))
    // facial-redness: onsets on days 31 and 73.
    #expect(html.contains("median 52 days"))
  }

  @Test("one svg per chart: the forest plot and a histogram per onset category")
  func charts() throws {
    let h = try registry()
    let html = try page(h)
    let onset = try #require(try h.json(h.run("report", "onset", "--format", "json")) as? [String: Any])
    let onsetRows = try #require(onset["rows"] as? [[String: Any]])
    #expect(onsetRows.count == 3)
    #expect(html.components(separatedBy: "<svg ").count - 1 == 1 + onsetRows.count)
    #expect(html.components(separatedBy: "class=\"chart forest\"").count - 1 == 1)
    #expect(html.components(separatedBy: "class=\"chart onset\"").count - 1 == onsetRows.count)
    #expect(html.contains("<section id=\"risk\">"))
    #expect(html.contains("psoriasis-history (1 patient with it)"))
  }

  @Test("the page needs nothing else: no script, no link, no remote resource, no NaN or inf")
  func selfContained() throws {
    let h = try registry()
    let html = try page(h)
    for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"] {
      #expect(!html.contains(forbidden), "\(forbidden)")
    }
    let remote = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/1999/xhtml\"", with: "")
      .replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    #expect(!remote.contains("http:") && !remote.contains("https:"))
    #expect(!Self.hasNonFiniteNumber(html))
  }

  @Test("a hostile reference source and provenance appear escaped, never as markup")
  func hostileReference() throws {
    let h = try registry()
    let csv = #"""
      source,population,arm,category,percent_low,percent_high,patients,weeks,citation,provenance
      <script>alert(1)</script>,adults,dupilumab,psoriasiform,1,4,,,"it's ""quoted""","<b>bold</b> & <img src=x onerror=alert(2)>"

      """#
    try csv.write(toFile: h.path("hostile.csv"), atomically: true, encoding: .utf8)
    #expect(h.run("reference", "import", h.path("hostile.csv")).status == 0)
    let html = try page(h)
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=alert(2)&gt;"))
    #expect(html.contains("it&#39;s &quot;quoted&quot;"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<b>"))
    #expect(!html.contains("<img"))
    if let tags = try XMLCheck.tags(of: h.path("report.html")) {
      #expect(!tags.contains("script") && !tags.contains("img") && !tags.contains("b"), "\(tags)")
    }
  }

  @Test("an empty registry gives a page that says so, with no chart and no NaN")
  func emptyRegistry() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let html = try page(h)
    #expect(html.contains("No patient is in the cohort for this window"))
    #expect(html.contains("No table or chart is drawn"))
    #expect(html.contains("<dt>As of</dt><dd>2025-06-30</dd>"))
    #expect(!html.contains("<svg"))
    #expect(html.contains("Trial references on file"))
    #expect(!Self.hasNonFiniteNumber(html))
    #expect(!html.contains("NaN"))
    try XMLCheck.assertWellFormed(h.path("report.html"))
  }

  @Test("a cohort without cases gets its frequency and forest plot, and says there is no onset to show")
  func noCases() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    let html = try page(h)
    #expect(html.contains("<td>any</td><td class=\"num\">0/1</td>"))
    #expect(html.contains("class=\"chart forest\""))
    #expect(html.contains("No case has its onset in this window"))
    #expect(!Self.hasNonFiniteNumber(html))
    try XMLCheck.assertWellFormed(h.path("report.html"))
  }

  @Test("the page is well-formed XML: python3's ElementTree parses it", .enabled(if: XMLCheck.python3 != nil, "python3 is not installed"))
  func wellFormedPython() throws {
    let h = try registry()
    _ = try page(h)
    let tags = try #require(try XMLCheck.tags(of: h.path("report.html")))
    #expect(tags.contains("svg") && tags.contains("table") && tags.contains("html"))
  }

  @Test("xmllint --noout accepts the page", .enabled(if: XMLCheck.tool("xmllint") != nil, "xmllint is not installed"))
  func wellFormedXmllint() throws {
    let h = try registry()
    _ = try page(h)
    let xmllint = try #require(XMLCheck.tool("xmllint"))
    let result = try XMLCheck.run(xmllint, ["--noout", h.path("report.html")])
    #expect(result.status == 0, "\(result.error)")
  }

  @Test("refuses a folder and a missing folder with an error, writing nothing")
  func refusedPaths() throws {
    let h = try registry()
    let folder = h.run("report", "html", "--out", h.directory.path)
    #expect(folder.status == 1)
    #expect(folder.errorLines == ["Error: --out \(h.directory.path) is a folder; give a file name, e.g. --out \(h.directory.path)/report.html"])
    #expect(folder.output.isEmpty)
    let missing = h.run("report", "html", "--out", "nowhere/report.html")
    #expect(missing.status == 1)
    #expect(missing.errorLines == ["Error: the folder \(h.path("nowhere")) does not exist; create it or choose another --out"])
    #expect(!FileManager.default.fileExists(atPath: h.path("nowhere")))
    let registryFile = h.run("report", "html", "--out", h.database)
    #expect(registryFile.status == 1)
    #expect(h.run("check").status == 0)
    let noOut = h.run("report", "html")
    #expect(noOut.status == 64)
  }

  @Test("the file is readable by its owner only, also when it replaces an earlier one")
  func mode() throws {
    let h = try registry()
    FileManager.default.createFile(atPath: h.path("report.html"), contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
    _ = try page(h)
    let attributes = try FileManager.default.attributesOfItem(atPath: h.path("report.html"))
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let html = try String(contentsOfFile: h.path("report.html"), encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
  }

  @Test("--from, --to, --site and --level reach the page")
  func options() throws {
    let h = try registry()
    let html = try page(h, ["--from", "2025-02-01", "--to", "2025-03-31", "--site", "main", "--level", "0.9", "--ci", "exact"])
    #expect(html.contains("<dd>2025-02-01 to 2025-03-31</dd>"))
    #expect(html.contains("<dt>Site</dt><dd>main</dd>"))
    #expect(html.contains("90%: Clopper–Pearson exact intervals"))
  }

  // MARK: The pieces

  @Test("escaping covers the five XML specials and replaces characters XML forbids")
  func escaping() {
    #expect(Markup.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
    #expect(Markup.escape("x\u{1}y") == "x\u{FFFD}y")
    #expect(Markup.escape("café — ≤10%") == "café — ≤10%")
  }

  @Test("SVG numbers are never NaN or inf")
  func numbers() {
    #expect(Markup.number(.nan) == "0")
    #expect(Markup.number(.infinity) == "0")
    #expect(Markup.number(12.345) == "12.35")
    #expect(Markup.number(3) == "3")
  }

  @Test("the percent axis ends at a round value at or above every upper bound, never past 100")
  func percentAxis() {
    for (largest, end) in [(4.2, 5.0), (18.3, 20.0), (24.7, 25.0), (69.9, 70.0), (0.0, 1.0), (99.2, 100.0), (100.0, 100.0)] {
      let scale = LinearScale(upTo: largest, from: 0, to: 100, steps: [1, 2, 5, 10, 20], maxTicks: 10, cap: 100)
      #expect(scale.domain.upperBound == end, "\(largest)")
      #expect(scale.domain.upperBound >= largest)
      #expect(scale.ticks.first == 0 && scale.ticks.last == end)
      #expect(scale.ticks.count <= 11)
    }
  }

  @Test("the forest axis holds every CI and every reference of the report")
  func forestAxis() throws {
    let h = try registry()
    let html = try page(h)
    let frequency = try #require(try h.json(h.run("report", "frequency", "--format", "json")) as? [String: Any])
    let rows = try #require(frequency["rows"] as? [[String: Any]]).filter { $0["category"] as? String != "any" }
    var largest = 0.0
    for row in rows {
      largest = max(largest, row["ci_high"] as? Double ?? 0)
      for reference in row["references"] as? [[String: Any]] ?? [] {
        largest = max(largest, reference["percent_high"] as? Double ?? 0)
      }
    }
    let forest = try #require(html.components(separatedBy: "class=\"chart forest\"").last?.components(separatedBy: "</svg>").first)
    let ticks = forest.components(separatedBy: "class=\"tick\">").dropFirst().compactMap { Double($0.prefix { $0 != "<" }) }
    let end = try #require(ticks.max())
    #expect(end >= largest && end <= 100)
    #expect(end - largest < 10, "the axis is not stretched far past the data")
  }

  @Test("long labels are cut to fit before the plot, upper-case or not, with the full text as a tooltip")
  func labels() {
    for text in [String(repeating: "W", count: 80), String(repeating: "i", count: 200), "US prescribing information, Table 1: SOLO 1 + SOLO 2 + AD-1021"] {
      let fitted = Markup.fitted(text, width: 300)
      #expect(Markup.estimatedWidth(fitted, fontSize: 12) <= 300)
      #expect(fitted == text || fitted.hasSuffix("…"))
    }
    #expect(Markup.fitted("short", width: 300) == "short")
    var canvas = SVGCanvas(width: 100, height: 100)
    canvas.text("cut…", x: 0, y: 0, full: "cut <here>")
    #expect(canvas.render(label: "l", style: "s").contains("<text x=\"0\" y=\"0\"><title>cut &lt;here&gt;</title>cut…</text>"))
  }

  static func hasNonFiniteNumber(_ html: String) -> Bool {
    html.range(of: #"(="|[ ,(])-?(nan|NaN|inf|Infinity)\b"#, options: .regularExpression) != nil
  }
}

/// Well-formedness checks by the XML parsers at hand; each is skipped when its tool is missing.
enum XMLCheck {
  static let python3: String? = tool("python3")

  static func tool(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Every element name in the file, by python3's ElementTree; nil when python3 is missing.
  static func tags(of file: String) throws -> Set<String>? {
    guard let python3 else { return nil }
    let script = """
      import sys, xml.etree.ElementTree as ET
      root = ET.parse(sys.argv[1]).getroot()
      print(" ".join(sorted({e.tag.split("}")[-1] for e in root.iter()})))
      """
    let result = try run(python3, ["-c", script, file])
    #expect(result.status == 0, "ElementTree: \(result.error)")
    return Set(result.output.split(whereSeparator: \.isWhitespace).map(String.init))
  }

  static func assertWellFormed(_ file: String) throws {
    _ = try tags(of: file)
    if let xmllint = tool("xmllint") {
      let result = try run(xmllint, ["--noout", file])
      #expect(result.status == 0, "xmllint: \(result.error)")
    }
  }

  static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes stay small (a tag list, a parser message), so reading one after the other cannot block.
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
  }
}
