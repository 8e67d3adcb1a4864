@testable import AdregCore
import Testing

/// The onset report counts each case's days since its patient's own last dose on or before onset, in one pass over
/// the cases in patient order; `share` counts each site's with the same code.
@Suite("Onset days since the last dose")
struct OnsetPassTests {
  /// Two patients of site main whose doses interleave in date, A (start 2025-01-01) and B (start 2025-01-05), and
  /// two of site north: C, whose only dose comes after both its cases, and D, with no dose at all.
  ///
  /// Doses in date order: A 01-01, B 01-05, A 01-15, B 01-20, B 02-03, A 02-12; C 03-10.
  /// Cases (onset day = days since start; since dose = days since the patient's last dose on or before onset):
  /// - A facial-redness 2025-01-22: day 21; A's last dose 01-15, 7 days (B's 01-20 would give 2).
  /// - A psoriasiform 2025-01-22, the same onset: day 21, 7 days too.
  /// - A conjunctivitis 2025-02-12, the day of a dose: day 31 + 11 = 42; 0 days (a dose before onset would give 28).
  /// - B conjunctivitis 2025-01-19: day 14; B's last dose 01-05, 14 days (A's 01-15 would give 4).
  /// - B facial-redness 2025-02-11: day 26 + 11 = 37; B's last dose 02-03, 8 days.
  /// - B facial-redness 2025-01-21, withdrawn: not counted (it would be day 16, 1 day since B's 01-20).
  /// - C facial-redness 2025-03-05: day 4; before C's first dose, so no days since a dose (A's 02-12 would give 21).
  /// - C eczema-worsening 2025-03-02: day 1; no days since a dose either, so that category has no such counts.
  /// - D conjunctivitis 2025-04-01: day 31 + 28 + 31 = 90; no dose.
  static func registry() throws -> ReportFixture {
    let f = try ReportFixture()
    try f.patient("A", start: "2025-01-01")
    try f.patient("B", start: "2025-01-05")
    try f.patient("C", start: "2025-03-01", site: "north")
    try f.patient("D", start: "2025-01-01", site: "north")
    for (code, date) in [
      ("A", "2025-01-01"), ("B", "2025-01-05"), ("A", "2025-01-15"), ("B", "2025-01-20"), ("B", "2025-02-03"),
      ("A", "2025-02-12"),
    ] {
      _ = try f.registry.addDose(code: code, date: date)
    }
    _ = try f.registry.addDose(code: "C", site: "north", date: "2025-03-10")
    try f.reaction("A", "facial-redness", onset: "2025-01-22")
    try f.reaction("A", "psoriasiform", onset: "2025-01-22")
    try f.reaction("A", "conjunctivitis", onset: "2025-02-12")
    try f.reaction("B", "conjunctivitis", onset: "2025-01-19")
    try f.reaction("B", "facial-redness", onset: "2025-02-11")
    let withdrawn = try f.reaction("B", "facial-redness", onset: "2025-01-21")
    try f.registry.withdraw(caseID: withdrawn.id, reason: "entered twice")
    try f.reaction("C", "facial-redness", onset: "2025-03-05", site: "north")
    try f.reaction("C", "eczema-worsening", onset: "2025-03-02", site: "north")
    try f.reaction("D", "conjunctivitis", onset: "2025-04-01", site: "north")
    return f
  }

  func aggregates(_ f: ReportFixture, from: String? = nil, site: String? = nil) throws -> OnsetAggregates {
    let window = ReportWindow(asOf: f.registry.today, from: from.flatMap { Day(iso: $0) })
    return try f.registry.read { try f.registry.onsetAggregates(CohortDefinition(window: window, site: site)) }
  }

  @Test("each case counts from its own patient's last dose on or before onset; none before the first dose")
  func wholeRegistry() throws {
    let f = try Self.registry()
    let onset = try aggregates(f)
    #expect(onset.cohort == Cohort(patients: 4, exposureDays: 181 + 177 + 122 + 181))
    #expect(onset.onsetDays == [
      .facialRedness: DayCounts([21: 1, 37: 1, 4: 1]),
      .conjunctivitis: DayCounts([42: 1, 14: 1, 90: 1]),
      .eczemaWorsening: DayCounts([1: 1]),
      .psoriasiform: DayCounts([21: 1]),
    ])
    #expect(onset.daysSinceLastDose == [
      .facialRedness: DayCounts([7: 1, 8: 1]),
      .conjunctivitis: DayCounts([0: 1, 14: 1]),
      .psoriasiform: DayCounts([7: 1]),
    ])
    let report = try f.registry.onsetReport(ReportOptions())
    let redness = try #require(report.rows.first { $0.category == .facialRedness })
    #expect(redness.episodes == 3 && redness.episodesWithDose == 2)
    // Type 7 median of [7, 8].
    #expect(redness.medianDaysSinceLastDose == 7.5)
    #expect(try #require(report.rows.first { $0.category == .eczemaWorsening }).medianDaysSinceLastDose == nil)
  }

  @Test("the window and the site keep their cases only")
  func windowAndSite() throws {
    let f = try Self.registry()
    // From 2025-02-01: A's two cases of 01-22 and B's of 01-19 fall before the window.
    let later = try aggregates(f, from: "2025-02-01")
    #expect(later.onsetDays == [
      .facialRedness: DayCounts([37: 1, 4: 1]), .conjunctivitis: DayCounts([42: 1, 90: 1]),
      .eczemaWorsening: DayCounts([1: 1]),
    ])
    #expect(later.daysSinceLastDose == [.facialRedness: DayCounts([8: 1]), .conjunctivitis: DayCounts([0: 1])])
    let north = try aggregates(f, site: "north")
    #expect(north.cohort.patients == 2)
    #expect(north.onsetDays == [
      .facialRedness: DayCounts([4: 1]), .conjunctivitis: DayCounts([90: 1]), .eczemaWorsening: DayCounts([1: 1]),
    ])
    #expect(north.daysSinceLastDose.isEmpty)
  }

  @Test("share counts each site's days since the last dose as the onset report does")
  func share() throws {
    let f = try Self.registry()
    let sites = try f.registry.siteAggregates()
    #expect(sites.map(\.site) == ["main", "north"])
    #expect(sites[0].onset.onsetDays == [
      .facialRedness: DayCounts([21: 1, 37: 1]), .conjunctivitis: DayCounts([42: 1, 14: 1]),
      .psoriasiform: DayCounts([21: 1]),
    ])
    #expect(sites[0].onset.daysSinceLastDose == [
      .facialRedness: DayCounts([7: 1, 8: 1]), .conjunctivitis: DayCounts([0: 1, 14: 1]),
      .psoriasiform: DayCounts([7: 1]),
    ])
    #expect(sites[1].onset.daysSinceLastDose.isEmpty)
    for site in sites {
      #expect(site.onset == (try aggregates(f, site: site.site)), "\(site.site ?? "")")
    }
    // The risk cells come from the same pass: at main, A and B each had facial redness and conjunctivitis.
    #expect(sites[0].risk.affected[.category(.facialRedness)] == 2)
    #expect(sites[1].risk.affected[.any] == 2)
  }
}
