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

  func row(_ report: FrequencyReport, _ category: ReportCategory) throws -> FrequencyRow {
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

    let redness = try row(report, .category(.facialRedness))
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

    let eczema = try row(report, .category(.eczemaWorsening))
    #expect(eczema.patientsWithReaction == 20)
    #expect(close(eczema.ciLow, 24.000422009160093))
    #expect(close(eczema.ciHigh, 48.0581046443498))

    // Categories with a reference but no case still appear, with zero: Wilson upper for 0 of 57 is z²/(57+z²).
    let injection = try row(report, .category(.injectionSite))
    #expect(injection.patientsWithReaction == 0)
    #expect(close(injection.ciHigh, 6.313883485297894))
    #expect(injection.ciLow == 0)
    #expect(close(injection.rateCIHigh, 14.312335039463724))  // chi2.ppf(0.975, 2)/2/T·100 = −ln(0.025)/T·100

    let any = try row(report, .any)
    #expect(any.patientsWithReaction == 25)
    #expect(any.episodes == 26)
    #expect(close(any.ciLow, 31.7726968997944))
    #expect(report.rows.last?.category == .any)
    #expect(!report.rows.contains { $0.category == .category(.rosaceaLike) }, "no case and no reference: no row")
  }

  @Test("references with weeks are compared time-matched, with an arm size two-sample, unverified ones get no verdict")
  func references() throws {
    let f = try Self.designedCohort()
    let report = try f.registry.frequencyReport(ReportOptions())
    func comparison(
      _ report: FrequencyReport, _ category: ReportCategory, _ source: String, arm: String = "dupilumab"
    ) throws -> ReferenceComparison {
      try #require(try row(report, category).references.first { $0.reference.source.hasPrefix(source) && $0.reference.arm.rawValue == arm })
    }
    // Follow-up as of 2025-06-30: 47 patients from 2025-01-01 reach day 180, 7 from 2025-04-01 day 90, the three
    // who stopped on 2025-03-31 day 89. Eczema worsening: 20 first events on day 59 (2025-03-01), 57 at risk then.
    // R: summary(survfit(Surv(t, ev) ~ 1, conf.type = "log-log"), times = 112) with t = c(rep(180, 47), rep(90, 7),
    // rep(89, 3)), t[10:29] = 59, ev[10:29] = 1: 1 − surv, 1 − upper, 1 − lower, n.risk, std.err below.
    let adol = try comparison(report, .category(.eczemaWorsening), "LIBERTY AD ADOL")
    #expect(adol.comparison == .timeMatched && adol.day == 112)
    #expect(close(adol.registryPercent, 35.087719298245612))
    #expect(close(adol.registryCILow, 24.25840135071522, 1e-7))
    #expect(close(adol.registryCIHigh, 48.936706445165257, 1e-7))
    #expect(adol.atRisk == 27, "57 − 20 with events − 10 not followed to day 112")
    // Two-sample with n = 82: d = F − 0.183, SE = sqrt(0.063212588745565054² + 0.183·0.817/82);
    // R: d ± qnorm(0.975)·SE, 2·pnorm(−|d|/SE).
    #expect(close(adol.difference, 16.787719298245612, 1e-7))
    #expect(close(adol.differenceCILow, 1.8364744364912172, 1e-6))
    #expect(close(adol.differenceCIHigh, 31.738964160000005, 1e-7))
    #expect(close(adol.pValue, 0.027756697228430511, 1e-6))
    #expect(adol.verdict == .above)

    // Soria has no weeks: crude 4/57 against 4.2% of 1000, two-sample; R: p = 4/57, V = p(1 − p)/57,
    // SE = sqrt(V + 0.042·0.958/1000), d ± qnorm(0.975)·SE, 2·pnorm(−|d|/SE).
    let soria = try comparison(report, .category(.facialRedness), "Soria")
    #expect(soria.comparison == .crude && soria.atRisk == nil)
    #expect(close(soria.registryPercent, 100.0 * 4 / 57))
    #expect(close(soria.registryCILow, 2.762642022906602), "the report's own Wilson interval")
    #expect(close(soria.difference, 2.8175438596491222))
    #expect(close(soria.differenceCILow, -3.9293675965984771, 1e-7))
    #expect(close(soria.differenceCIHigh, 9.5644553158967222, 1e-7))
    #expect(close(soria.pValue, 0.41307703255891198, 1e-7))
    #expect(soria.verdict == .consistent)

    // No injection-site case: the estimate at day 112 is 0 with upper bound 1 − 0.025^(1/47) (47 at risk); the
    // label's 10% of 529 lies above: d = −10 pp, SE = sqrt(0.1·0.9/529), d ± 1.96·SE entirely below 0.
    let solo = try comparison(report, .category(.injectionSite), "US prescribing information, Table 1: SOLO")
    #expect(solo.registryPercent == 0 && solo.registryCILow == 0)
    #expect(close(solo.registryCIHigh, 7.5485733691058599))
    #expect(solo.atRisk == 47)
    #expect(close(solo.difference, -10))
    #expect(close(solo.differenceCILow, -12.556474762443548))
    #expect(close(solo.differenceCIHigh, -7.4435252375564517))
    #expect(close(solo.pValue, 1.765237432090721e-14, 1e-6))
    #expect(solo.verdict == .below)

    // 52-week references: nobody was followed past day 180, so nobody is at risk at day 364.
    let chronos = try comparison(report, .category(.injectionSite), "US prescribing information, Table 1: CHRONOS")
    #expect(chronos.atRisk == 0 && chronos.registryPercent == nil)
    #expect(chronos.verdict == .insufficientFollowUp && chronos.pValue == nil && chronos.difference == nil)
    #expect(try comparison(report, .category(.facialRedness), "Jang").verdict == .insufficientFollowUp)

    // Unverified references are shown with the registry figure but get no test unless asked for.
    let sanctuary = try comparison(report, .category(.facialRedness), "SANCTUARY")
    #expect(sanctuary.verdict == .unverifiedReference && sanctuary.pValue == nil)
    #expect(close(sanctuary.registryPercent, 100.0 * 4 / 57))
    #expect(sanctuary.reference.provenance.contains("ravulizumab (NCT04564339)"))
    #expect(try comparison(report, .category(.eczemaWorsening), "Pooled").verdict == .unverifiedReference)
    #expect(try comparison(report, .category(.eczemaWorsening), "LIBERTY AD CHRONOS").verdict == .unverifiedReference)

    var options = ReportOptions()
    options.includeUnverified = true
    let all = try f.registry.frequencyReport(options)
    // Without an arm size, the crude one-sample exact test as R's binom.test:
    // scipy.stats.binomtest(4, 57, 0.07).pvalue == 1.0 (4 is the most likely outcome).
    #expect(close(try comparison(all, .category(.facialRedness), "SANCTUARY").pValue, 1.0))
    #expect(try comparison(all, .category(.facialRedness), "SANCTUARY").verdict == .consistent)
    // "Up to 10%" with 7.0% observed lies inside [0, 10]: p = 1 by definition.
    #expect(try comparison(all, .category(.facialRedness), "Pooled").pValue == 1)
    // 20/57 is above the 3–6% range: tested against the nearer bound, binomtest(20, 57, 0.06).
    #expect(close(try comparison(all, .category(.eczemaWorsening), "Pooled").pValue, 5.046247706472961e-11, 1e-7))
    #expect(try comparison(all, .category(.eczemaWorsening), "Pooled").verdict == .above)
    // CHRONOS (source article) has 52 weeks: time-matched, and nobody reached day 364.
    #expect(try comparison(all, .category(.eczemaWorsening), "LIBERTY AD CHRONOS").verdict == .insufficientFollowUp)

    // Placebo arms are shown, never compared.
    let placebo = try comparison(report, .category(.eczemaWorsening), "LIBERTY AD ADOL", arm: "placebo")
    #expect(placebo.comparison == nil && placebo.pValue == nil && placebo.verdict == nil && placebo.registryPercent == nil)
    #expect(placebo.reference.percentHigh == 24.7 && placebo.reference.events == 21 && placebo.reference.patients == 85)
  }

  @Test("Clopper–Pearson when asked, at another level")
  func exactInterval() throws {
    let f = try Self.designedCohort()
    var options = ReportOptions()
    options.method = .exact
    let report = try f.registry.frequencyReport(options)
    let redness = try row(report, .category(.facialRedness))
    // 100·scipy.stats.beta.ppf(0.025, 4, 54) and beta.ppf(0.975, 5, 53)
    #expect(close(redness.ciLow, 1.9450420694709247))
    #expect(close(redness.ciHigh, 17.003981995864137))
    options.method = .wilson
    options.level = 0.90
    let ninety = try row(try f.registry.frequencyReport(options), .category(.facialRedness))
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
    #expect(try row(report, .any).patientsWithReaction == 0)
    options.from = Day(iso: "2025-05-01")
    options.to = nil
    let may = try f.registry.frequencyReport(options)
    #expect(try row(may, .category(.facialRedness)).patientsWithReaction == 1, "P-01's second episode on 2025-05-01")
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
    #expect(try row(oslo, .category(.facialRedness)).patientsWithReaction == 0)
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

@Suite("Trial reference intervals")
struct TrialReferenceIntervalTests {
  @Test("a point reference with its arm size has the Wilson interval of its events; ranges and unknown sizes none")
  func interval() throws {
    let f = try ReportFixture()
    let references = try f.registry.references(category: .injectionSite)
    let adol = try #require(references.first { $0.source == "LIBERTY AD ADOL" && $0.arm == .dupilumab })
    // 7 of 82 by the Wilson closed form; R: z <- qnorm(0.975); p <- 7/82;
    // (p + z^2/(2n) ∓ z·sqrt(p(1−p)/n + z^2/(4n^2))) / (1 + z^2/n) with n = 82.
    let interval = try #require(adol.interval(level: 0.95))
    #expect(abs(interval.lower - 0.041966524993242035) < 1e-12)
    #expect(abs(interval.upper - 0.1658754556278168) < 1e-12)
    let pooled = try #require(try f.registry.references(category: .facialRedness).first { $0.source.hasPrefix("Pooled") })
    #expect(pooled.interval(level: 0.95) == nil, "'up to 10%' without an arm size has no interval")
  }
}
