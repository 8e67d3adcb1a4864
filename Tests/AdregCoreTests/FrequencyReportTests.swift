import AdregCore
import Testing

/// A cohort built to a known design; every expected value is worked out by hand or with scipy
/// (each call named beside its value), never taken from adreg's own output.
@Suite("Frequency report")
struct FrequencyReportTests {
  /// 57 patients as of 2025-06-30:
  /// - P-01…P-47 start 2025-01-01, still treated: 181 days each (31+28+31+30+31+30);
  /// - P-48…P-54 start 2025-04-01: 91 days each (30+31+30);
  /// - P-55…P-57 start 2025-01-01, psoriasis history, stopped 2025-03-31: 90 days each.
  /// Exposure 47·181 + 7·91 + 3·90 = 9414 days = 9414/365.25 patient-years.
  /// Facial redness: P-01…P-04 (P-01 twice: 5 episodes) and a withdrawn case of P-05 that must not count.
  /// Eczema worsening: P-10…P-29 (20 patients). Psoriasiform: P-55.
  static func designedCohort() throws -> ReportFixture {
    let f = try ReportFixture()
    for i in 1...47 { try f.patient(ReportFixture.code(i), start: "2025-01-01") }
    for i in 48...54 { try f.patient(ReportFixture.code(i), start: "2025-04-01") }
    for i in 55...57 { try f.patient(ReportFixture.code(i), start: "2025-01-01", stop: "2025-03-31", risks: ["psoriasis-history"]) }
    for i in 1...4 { try f.reaction(ReportFixture.code(i), "facial-redness", onset: "2025-02-0\(i)") }
    try f.reaction("P-01", "facial-redness", onset: "2025-05-01")
    let mistaken = try f.reaction("P-05", "facial-redness", onset: "2025-02-10")
    try f.registry.withdraw(caseID: mistaken.id, reason: "entered in error")
    for i in 10...29 { try f.reaction(ReportFixture.code(i), "eczema-worsening", onset: "2025-03-01") }
    try f.reaction("P-55", "psoriasiform", onset: "2025-02-01")
    return f
  }

  func row(_ report: FrequencyReport, _ category: String) throws -> FrequencyRow {
    try #require(report.rows.first { $0.category == category })
  }

  func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
  }

  @Test("cohort, exposure, percentages, Wilson CIs, rates and Poisson CIs of a designed cohort")
  func designed() throws {
    let f = try Self.designedCohort()
    let report = try f.registry.frequencyReport(ReportOptions())
    #expect(report.cohort.patients == 57)
    #expect(report.cohort.exposureDays == 9414)
    #expect(close(report.cohort.patientYears, 25.7741273100616))

    let redness = try row(report, "facial-redness")
    #expect(redness.patientsWithReaction == 4, "the withdrawn case does not count")
    #expect(redness.patients == 57)
    #expect(redness.episodes == 5)
    #expect(close(redness.percent, 100.0 * 4 / 57))
    // Wilson score interval by its closed form, z = scipy.stats.norm.ppf(0.975).
    #expect(close(redness.ciLow, 2.762642022906602))
    #expect(close(redness.ciHigh, 16.700170096033688))
    // 100·k/T; scipy.stats.chi2.ppf(0.025, 10)/2/T·100 and chi2.ppf(0.975, 12)/2/T·100, T = 9414/365.25.
    #expect(close(redness.ratePer100PY, 19.39929891650733))
    #expect(close(redness.rateCILow, 6.298899553757735))
    #expect(close(redness.rateCIHigh, 45.271492372770396))

    let eczema = try row(report, "eczema-worsening")
    #expect(eczema.patientsWithReaction == 20)
    #expect(close(eczema.ciLow, 24.000422009160093))
    #expect(close(eczema.ciHigh, 48.0581046443498))

    // Categories with a reference but no case still appear, with zero: Wilson upper for 0 of 57 is z²/(57+z²).
    let injection = try row(report, "injection-site")
    #expect(injection.patientsWithReaction == 0)
    #expect(close(injection.ciHigh, 6.313883485297894))
    #expect(injection.ciLow == 0)
    #expect(close(injection.rateCIHigh, 14.312335039463724))  // chi2.ppf(0.975, 2)/2/T·100 = −ln(0.025)/T·100

    let any = try row(report, "any")
    #expect(any.patientsWithReaction == 25)
    #expect(any.episodes == 26)
    #expect(close(any.ciLow, 31.7726968997944))
    #expect(report.rows.last?.category == "any")
    #expect(!report.rows.contains { $0.category == "rosacea-like" }, "no case and no reference: no row")
  }

  @Test("p-values and verdicts against the shipped references")
  func references() throws {
    let f = try Self.designedCohort()
    let report = try f.registry.frequencyReport(ReportOptions())
    func comparison(_ category: String, _ source: String, arm: String = "dupilumab") throws -> ReferenceComparison {
      try #require(try row(report, category).references.first { $0.reference.source.hasPrefix(source) && $0.reference.arm == arm })
    }
    // Point reference 7%: scipy.stats.binomtest(4, 57, 0.07).pvalue == 1.0 (4 is the most likely outcome).
    #expect(close(try comparison("facial-redness", "SANCTUARY").pValue, 1.0))
    #expect(try comparison("facial-redness", "SANCTUARY").verdict == .consistent)
    // "Up to 10%" with 7.0% observed lies inside [0, 10]: p = 1 by definition.
    #expect(try comparison("facial-redness", "Pooled").pValue == 1)
    // binomtest(4, 57, 0.042).pvalue
    #expect(close(try comparison("facial-redness", "Soria").pValue, 0.30390622112479726))
    // 20/57 is above the 3–6% range: tested against the nearer bound, binomtest(20, 57, 0.06).
    #expect(close(try comparison("eczema-worsening", "Pooled").pValue, 5.046247706472961e-11, 1e-7))
    #expect(try comparison("eczema-worsening", "Pooled").verdict == .above)
    // binomtest(20, 57, 0.183).pvalue; Wilson lower 24.0 > 18.3.
    #expect(close(try comparison("eczema-worsening", "LIBERTY AD ADOL").pValue, 0.002886018165680266))
    #expect(try comparison("eczema-worsening", "LIBERTY AD ADOL").verdict == .above)
    // 0/57: binomtest(0, 57, 0.10).pvalue = 0.9^57; Wilson upper 6.31 < 10.
    #expect(close(try comparison("injection-site", "US prescribing information, Table 1: SOLO").pValue, 0.0060367655708332205))
    #expect(try comparison("injection-site", "US prescribing information, Table 1: SOLO").verdict == .below)
    // Placebo arms are shown, never tested.
    let placebo = try comparison("eczema-worsening", "LIBERTY AD ADOL", arm: "placebo")
    #expect(placebo.pValue == nil && placebo.verdict == nil)
    #expect(placebo.reference.percentHigh == 24.7)
    // Every reference carries its provenance; the SANCTUARY rows say no primary publication was found.
    #expect(try comparison("facial-redness", "SANCTUARY").reference.provenance.contains("no primary publication"))
  }

  @Test("Clopper–Pearson when asked, at another level")
  func exactInterval() throws {
    let f = try Self.designedCohort()
    var options = ReportOptions()
    options.method = .exact
    let report = try f.registry.frequencyReport(options)
    let redness = try row(report, "facial-redness")
    // 100·scipy.stats.beta.ppf(0.025, 4, 54) and beta.ppf(0.975, 5, 53)
    #expect(close(redness.ciLow, 1.9450420694709247))
    #expect(close(redness.ciHigh, 17.003981995864137))
    options.method = .wilson
    options.level = 0.90
    let ninety = try row(try f.registry.frequencyReport(options), "facial-redness")
    #expect(try #require(ninety.ciHigh) < 16.700170096033688, "a 90% interval is narrower")
  }

  @Test("the window, stops and start dates decide the cohort and exposure")
  func window() throws {
    let f = try Self.designedCohort()
    var options = ReportOptions()
    options.from = Day(iso: "2025-04-01")
    options.to = Day(iso: "2025-04-30")
    let report = try f.registry.frequencyReport(options)
    // P-55…57 stopped 2025-03-31, before the window: out. 54 patients × 30 days of April.
    #expect(report.cohort.patients == 54)
    #expect(report.cohort.exposureDays == 54 * 30)
    // Only onsets inside April count: none.
    #expect(try row(report, "any").patientsWithReaction == 0)
    options.from = Day(iso: "2025-05-01")
    options.to = nil
    let may = try f.registry.frequencyReport(options)
    #expect(try row(may, "facial-redness").patientsWithReaction == 1, "P-01's second episode on 2025-05-01")
    #expect(may.cohort.exposureDays == 54 * 61)  // 1 May – 30 June inclusive
  }

  @Test("an empty registry gives an empty cohort and no NaN anywhere")
  func emptyRegistry() throws {
    let f = try ReportFixture()
    let report = try f.registry.frequencyReport(ReportOptions())
    #expect(report.cohort.patients == 0)
    #expect(report.cohort.patientYears == 0)
    for row in report.rows {
      #expect(row.percent == nil && row.ciLow == nil && row.ratePer100PY == nil)
      #expect(row.references.allSatisfy { $0.pValue == nil })
    }
  }

  @Test("a site filter keeps only that site's patients")
  func site() throws {
    let f = try ReportFixture()
    try f.patient("A", start: "2025-01-01", site: "lyon")
    try f.patient("B", start: "2025-01-01", site: "oslo")
    try f.reaction("A", "facial-redness", onset: "2025-02-01", site: "lyon")
    var options = ReportOptions()
    options.site = "oslo"
    let oslo = try f.registry.frequencyReport(options)
    #expect(oslo.cohort.patients == 1)
    #expect(try row(oslo, "facial-redness").patientsWithReaction == 0)
  }

  @Test("a level outside (0, 1) and a window that ends before it starts are refused")
  func refused() throws {
    let f = try ReportFixture()
    var options = ReportOptions()
    options.level = 1.5
    #expect(throws: RegistryError.self) { try f.registry.frequencyReport(options) }
    options.level = 0.95
    options.from = Day(iso: "2025-05-01")
    options.to = Day(iso: "2025-04-01")
    #expect(throws: RegistryError.self) { try f.registry.frequencyReport(options) }
  }
}
