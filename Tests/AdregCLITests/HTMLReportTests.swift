import AdregTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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
    let incidence = try #require(try h.json(h.run("report", "incidence", "--format", "json")) as? [String: Any])
    let charted = try #require(incidence["rows"] as? [[String: Any]]).filter { row in
      row["category"] as? String == "any" || (row["events"] as? Int ?? 0) > 0
        || !(row["references"] as? [Any] ?? []).isEmpty
    }
    #expect(html.components(separatedBy: "<svg ").count - 1 == 1 + charted.count + onsetRows.count)
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
    #expect(html.range(of: #"(src|href)\s*=\s*["']?\s*(https?:)?//"#, options: .regularExpression) == nil)
    #expect(!Self.hasNonFiniteNumber(html))
    // The charts that draw most shapes are part of the page checked.
    #expect(html.contains("<section id=\"incidence\">") && html.contains("class=\"km-band\""))
    #expect(html.contains("class=\"chart forest\""))
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

  @Test("the page is well-formed XML: python3's ElementTree parses it", .enabled(if: Python.path != nil, "python3 is not installed"))
  func wellFormedPython() throws {
    let h = try registry()
    _ = try page(h)
    let tags = try #require(try XMLCheck.tags(of: h.path("report.html")))
    #expect(tags.contains("svg") && tags.contains("table") && tags.contains("html"))
  }

  @Test("xmllint --noout accepts the page", .enabled(if: Subprocess.tool("xmllint") != nil, "xmllint is not installed"))
  func wellFormedXmllint() throws {
    let h = try registry()
    _ = try page(h)
    let xmllint = try #require(Subprocess.tool("xmllint"))
    let result = try Subprocess.run(xmllint, ["--noout", h.path("report.html")])
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
    #expect(registryFile.status == 65)
    #expect(h.run("check").status == 0)
    let noOut = h.run("report", "html")
    #expect(noOut.status == 64)
  }

  @Test("the file is readable by its owner only, also when it replaces an earlier one")
  func mode() throws {
    let h = try registry()
    FileManager.default.createFile(atPath: h.path("report.html"), contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
    _ = try page(h, ["--force"])
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

  // MARK: Cumulative incidence on treatment

  /// Ten patients with known follow-up as of 2025-06-30 (days from start to as-of or stop):
  /// A1–A4 from 2024-01-01 (546 days), B1–B3 from 2024-09-01 (302), C1–C2 from 2025-05-01 (60), and D1 from
  /// 2024-01-01 stopped on 2024-03-01 (60). Facial redness on day 31 (A1), 152 (A2) and 30 (B1); injection-site on
  /// day 10 (C1); rosacea-like for D1 after the stop date, off treatment. So at 16 weeks (day 112) A2–A4 and B2–B3 are at risk of facial redness (5), at 52 weeks (day 364)
  /// A3–A4 (2).
  func followUpRegistry() throws -> Harness {
    let h = try Harness()
    var steps: [[String]] = [["init"]]
    for (codes, start) in [(["A1", "A2", "A3", "A4", "D1"], "2024-01-01"), (["B1", "B2", "B3"], "2024-09-01"), (["C1", "C2"], "2025-05-01")] {
      for code in codes { steps.append(["patient", "add", code, "--start", start]) }
    }
    steps += [
      ["patient", "stop", "D1", "--date", "2024-03-01"],
      ["record", "A1", "--onset", "2024-02-01", "--category", "facial-redness"],
      ["record", "A2", "--onset", "2024-06-01", "--category", "facial-redness"],
      ["record", "B1", "--onset", "2024-10-01", "--category", "facial-redness"],
      ["record", "C1", "--onset", "2025-05-11", "--category", "injection-site"],
      ["record", "D1", "--onset", "2024-05-01", "--category", "rosacea-like"],
    ]
    for step in steps { #expect(h.run(step).status == 0, "\(step)") }
    return h
  }

  /// The `<svg>` of one category's incidence chart.
  static func incidenceChart(_ html: String, _ category: String) throws -> String {
    let figure = try #require(html.components(separatedBy: "<figure class=\"incidence\" id=\"incidence-\(category)\">").dropFirst().first)
    return try #require(figure.components(separatedBy: "</svg>").first)
  }

  /// Every match of `pattern`'s first capture group, in order.
  static func captures(_ pattern: String, in text: String) throws -> [String] {
    try groups(pattern, in: text).compactMap(\.first)
  }

  /// Every match of `pattern`, as its capture groups.
  static func groups(_ pattern: String, in text: String) throws -> [[String]] {
    let regex = try NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
      (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
    }
  }

  @Test("a cumulative incidence chart for each category with events and for any, none for a category without")
  func incidenceCharts() throws {
    let h = try followUpRegistry()
    let html = try page(h)
    #expect(html.contains("<h2>3. Cumulative incidence on treatment</h2>"))
    let incidence = try #require(try h.json(h.run("report", "incidence", "--format", "json")) as? [String: Any])
    let rows = try #require(incidence["rows"] as? [[String: Any]])
    let withEvents = rows.filter { ($0["events"] as? Int ?? 0) > 0 }.compactMap { $0["category"] as? String }
    #expect(Set(withEvents) == ["facial-redness", "injection-site", "any"])
    for category in withEvents {
      let chart = try Self.incidenceChart(html, category)
      #expect(chart.contains("class=\"km-line\""), "\(category)")
      #expect(chart.contains("class=\"km-band\""), "\(category)")
    }
    // Categories with neither events nor references get no chart.
    let charted = try Self.captures(#"<figure class="incidence" id="incidence-([a-z-]+)">"#, in: html)
    let expected = rows.filter { row in
      row["category"] as? String == "any" || (row["events"] as? Int ?? 0) > 0 || !(row["references"] as? [Any] ?? []).isEmpty
    }.compactMap { $0["category"] as? String }
    #expect(charted == expected)
    // rosacea-like has a table (a case after the stop date) but no event on treatment and no reference.
    let rosacea = try #require(rows.first { $0["category"] as? String == "rosacea-like" })
    #expect(rosacea["events"] as? Int == 0)
    #expect(!charted.contains("rosacea-like"))
    #expect(html.components(separatedBy: "class=\"chart incidence\"").count - 1 == expected.count)
    // Axes, the band and the censoring rule are said.
    #expect(html.contains("weeks on treatment (from each patient&#39;s first dose)"))
    #expect(html.contains("cumulative incidence (%)"))
    #expect(html.contains("pointwise 95% confidence interval"))
    #expect(html.contains("Censoring rule <em>as-of</em>"))
    #expect(html.contains("first dose (day 0"))
    try XMLCheck.assertWellFormed(h.path("report.html"))
  }

  @Test("the patients at risk under the axis are those of report incidence at 16 and 52 weeks")
  func atRisk() throws {
    let h = try followUpRegistry()
    let html = try page(h)
    let incidence = try #require(try h.json(h.run("report", "incidence", "--format", "json")) as? [String: Any])
    let rows = try #require(incidence["rows"] as? [[String: Any]])
    var checked: [String: [Int: Int]] = [:]
    for row in rows where (row["events"] as? Int ?? 0) > 0 {
      let category = try #require(row["category"] as? String)
      let chart = try Self.incidenceChart(html, category)
      for weeks in [16, 52] {
        let horizon = try #require((row["horizons"] as? [[String: Any]])?.first { $0["weeks"] as? Int == weeks })
        let expected = try #require(horizon["at_risk"] as? Int)
        let shown = try Self.captures(#"class="at-risk at-risk-\#(weeks)">(\d+)<"#, in: chart)
        #expect(shown == [String(expected)], "\(category), week \(weeks)")
        checked[category, default: [:]][weeks] = expected
      }
      #expect(try Self.captures(#"class="at-risk at-risk-0">(\d+)<"#, in: chart) == ["10"], "\(category)")
    }
    // The design above, worked by hand: the labels are not merely equal to a number that is always the same.
    #expect(checked["facial-redness"] == [16: 5, 52: 2])
    #expect(checked["any"] == [16: 5, 52: 2])
    #expect(checked["injection-site"] == [16: 7, 52: 4])
  }

  /// References of facial redness: one without weeks, one verified with weeks 26, one unverified with weeks 16.
  func withReferences(_ h: Harness) throws {
    let csv = """
      source,population,arm,category,percent_low,percent_high,patients,events,weeks,design,verified,citation,provenance
      Crude Study,adults,dupilumab,facial-redness,10,10,,,,cohort,true,made up,Made up for a test.
      Matched Study,adults,dupilumab,facial-redness,10,10,100,,26,rct,true,made up,Made up for a test.
      Unverified Study,adults,dupilumab,facial-redness,12,12,50,6,16,rct,false,made up,Made up for a test.

      """
    try csv.write(toFile: h.path("references.csv"), atomically: true, encoding: .utf8)
    let result = h.run("reference", "import", h.path("references.csv"))
    #expect(result.status == 0, "\(result.error)")
  }

  @Test("a reference with weeks is drawn at its week with its arm's Wilson interval")
  func referenceAtItsWeek() throws {
    let h = try followUpRegistry()
    try withReferences(h)
    let chart = try Self.incidenceChart(try page(h), "facial-redness")
    // The x scale from two tick labels of the weeks axis.
    func tick(_ label: String) throws -> Double {
      let found = try Self.captures(#"<text x="([0-9.]+)" y="[0-9.]+" text-anchor="middle" class="tick">\#(label)<"#, in: chart)
      return try #require(found.first.flatMap(Double.init), "tick \(label)")
    }
    let x0 = try tick("0")
    let x16 = try tick("16")
    func x(_ weeks: Double) -> Double { x0 + (x16 - x0) * weeks / 16 }
    // Diamonds, by the x of their first (top) point: Matched Study at 26, Unverified Study at 16, Jang et al. at 52.
    let diamonds = try Self.captures(#"<polygon points="([0-9.]+),[0-9.]+ [^"]*" class="point dupilumab ref-mark"/>"#, in: chart).compactMap(Double.init)
    #expect(diamonds.count == 3, "Crude Study has no week and is not drawn: \(diamonds)")
    for weeks in [16.0, 26, 52] {
      #expect(diamonds.contains { abs($0 - x(weeks)) < 0.02 }, "\(diamonds) vs week \(weeks) at \(x(weeks))")
    }
    #expect(chart.contains("Matched Study") && chart.contains("Unverified Study") && !chart.contains("Crude Study"))
    // The y scale from the first two tick labels of the percent axis (each label sits 4 below its tick).
    let yTicks = try Self.groups(#"<text x="[0-9.]+" y="([0-9.]+)" text-anchor="end" class="tick">([0-9.]+)<"#, in: chart)
      .map { (y: Double($0[0]) ?? 0, value: Double($0[1]) ?? 0) }
    try #require(yTicks.count >= 2)
    func y(_ percent: Double) -> Double {
      yTicks[0].y - 4 + (yTicks[1].y - yTicks[0].y) * (percent - yTicks[0].value) / (yTicks[1].value - yTicks[0].value)
    }
    // Matched Study: 10 of 100 by rounding 10% of 100; Wilson 95% 5.5229–17.4366% (R: prop.test(10, 100, correct = FALSE)$conf.int).
    let bars = try Self.groups(#"<line x1="([0-9.]+)" y1="([0-9.]+)" x2="([0-9.]+)" y2="([0-9.]+)" class="ref-ci"/>"#, in: chart)
      .map { $0.compactMap(Double.init) }
    let vertical = bars.filter { $0[0] == $0[2] && abs($0[0] - x(26)) < 0.02 }
    try #require(vertical.count == 1, "\(bars)")
    #expect(abs(min(vertical[0][1], vertical[0][3]) - y(17.4366)) < 0.05, "\(vertical[0])")
    #expect(abs(max(vertical[0][1], vertical[0][3]) - y(5.5229)) < 0.05, "\(vertical[0])")
  }

  @Test("the forest plot shows the figure each reference was compared with: crude without weeks, time-matched with")
  func forestComparisons() throws {
    let h = try followUpRegistry()
    try withReferences(h)
    let html = try page(h)
    let forest = try #require(html.components(separatedBy: "class=\"chart forest\"").last?.components(separatedBy: "</svg>").first)
    /// The line under a reference: the registry figure it was compared with, its figures and its verdict.
    func compared(_ source: String) throws -> String {
      let after = try #require(forest.components(separatedBy: source).dropFirst().first)
      let line = try #require(after.components(separatedBy: "class=\"compared-label\"").dropFirst().first)
      return try #require(line.components(separatedBy: "class=\"compared-label\"").first?.components(separatedBy: "class=\"reference\"").first)
    }
    let crude = try compared("Crude Study")
    #expect(crude.contains("registry, crude"))
    #expect(!crude.contains("time-matched"))
    let matched = try compared("Matched Study")
    #expect(matched.contains("registry, time-matched, week 26 (4 at risk)"))
    #expect(matched.contains("insufficient-follow-up"))
    let unverified = try compared("Unverified Study")
    #expect(unverified.contains("time-matched, week 16"))
    #expect(unverified.contains("unverified-reference"))
    // The registry figures are those of the comparison, not only the crude x/N: 3/10 crude, Kaplan–Meier at 26 weeks.
    let frequency = try #require(try h.json(h.run("report", "frequency", "--format", "json")) as? [String: Any])
    let row = try #require((frequency["rows"] as? [[String: Any]])?.first { $0["category"] as? String == "facial-redness" })
    for (source, text) in [("Crude Study", crude), ("Matched Study", matched)] {
      let reference = try #require((row["references"] as? [[String: Any]])?.first { $0["source"] as? String == source })
      let percent = try #require(reference["registry_percent"] as? Double)
      let low = try #require(reference["registry_ci_low"] as? Double)
      let high = try #require(reference["registry_ci_high"] as? Double)
      let figure = "\(format(percent, digits: 1)) (\(format(low, digits: 1))–\(format(high, digits: 1)))"
      #expect(text.contains(">\(figure)<"), "\(source): \(figure) in \(text)")
    }
    #expect(crude.contains(">30.0 (10.8–60.3)<"))
    // With --include-unverified the unverified figure gets a verdict.
    let included = try page(h, ["--include-unverified", "--force"])
    let includedForest = try #require(included.components(separatedBy: "class=\"chart forest\"").last)
    let afterUnverified = try #require(includedForest.components(separatedBy: "Unverified Study").dropFirst().first?.components(separatedBy: "class=\"reference\"").first)
    #expect(!afterUnverified.contains("unverified-reference"))
  }

  @Test("the page with the incidence section renders a 1,000-patient registry in under 3 seconds")
  func speed() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("synth", "--patients", "1000", "--seed", "3", "--out", h.path("synth")).status == 0)
    #expect(h.run("import", "patients", h.path("synth/patients.csv")).status == 0)
    #expect(h.run("import", "cases", h.path("synth/cases.csv")).status == 0)
    let clock = ContinuousClock()
    let elapsed = try clock.measure { _ = try page(h) }
    #expect(elapsed < .seconds(3), "\(elapsed)")
  }

  // MARK: The pieces

  @Test("a reference's short name is what follows a colon, else what precedes a comma or parenthesis")
  func shortNames() {
    #expect(IncidenceChart.shortName("US prescribing information, Table 1: CHRONOS with topical steroids, 300 mg q2w") == "CHRONOS with topical steroids")
    #expect(IncidenceChart.shortName("LIBERTY AD CHRONOS (as stated in the source article)") == "LIBERTY AD CHRONOS")
    #expect(IncidenceChart.shortName("Jang et al., Sci Rep 2021, Korean cohort") == "Jang et al.")
    #expect(IncidenceChart.shortName("Plain") == "Plain")
    #expect(IncidenceChart.shortName("(odd)") == "(odd)")
  }

  @Test("the weeks axis ends at 104 weeks or the longest follow-up, never before the latest reference week")
  func weeksAxis() {
    for (weeks, end, ticks) in [
      (104.0, 104.0, [0.0, 16, 26, 52, 78, 104]), (30, 32, [0, 16, 26, 32]), (2, 4, [0, 4]), (200, 200, [0, 16, 52, 104, 156, 200]),
    ] {
      let (scale, shown) = IncidenceChart.weekScale(upTo: weeks)
      #expect(scale.domain.upperBound == end, "\(weeks)")
      #expect(shown == ticks, "\(weeks)")
    }
  }


  @Test("escaping covers the five XML specials and replaces characters XML forbids")
  func escaping() {
    #expect(Markup.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
    #expect(Markup.escape("x\u{1}y") == "x\u{FFFD}y")
    #expect(Markup.escape("café — ≤10%") == "café — ≤10%")
  }

  /// Found by Fuzz/FuzzHTMLEscape: raw, an XML parser reads a line feed in `title="…"` as a space (attribute-value
  /// normalisation, XML 1.0 §3.3.3) and a carriage return anywhere as a line feed (§2.11).
  @Test("tab, line feed and carriage return are character references, so they read back from XML as written")
  func escapingWhitespace() throws {
    #expect(Markup.escape("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d")
    let text = "line one\r\nline\ttwo\n"
    let document = try XMLDocument(xmlString: "<p title=\"\(Markup.escape(text))\">\(Markup.escape(text))</p>")
    #expect(document.rootElement()?.attribute(forName: "title")?.stringValue == text)
    #expect(document.rootElement()?.stringValue == text)
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
  /// Every element name in the file, by python3's ElementTree; nil when python3 is missing.
  static func tags(of file: String) throws -> Set<String>? {
    guard let python3 = Python.path else { return nil }
    let script = """
      import sys, xml.etree.ElementTree as ET
      root = ET.parse(sys.argv[1]).getroot()
      print(" ".join(sorted({e.tag.split("}")[-1] for e in root.iter()})))
      """
    let result = try Subprocess.run(python3, ["-c", script, file])
    #expect(result.status == 0, "ElementTree: \(result.error)")
    return Set(result.output.split(whereSeparator: \.isWhitespace).map(String.init))
  }

  static func assertWellFormed(_ file: String) throws {
    _ = try tags(of: file)
    if let xmllint = Subprocess.tool("xmllint") {
      let result = try Subprocess.run(xmllint, ["--noout", file])
      #expect(result.status == 0, "xmllint: \(result.error)")
    }
  }
}
