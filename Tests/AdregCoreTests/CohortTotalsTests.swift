@testable import AdregCore
import Testing

/// The frequency report sums exposure per start date and per stop date, and counts a category's patients
/// from the index; these tests compare it with PRODUCT.md §6 applied patient by patient, over random cohorts
/// and windows.
@Suite("Cohort totals against a patient-by-patient count")
struct CohortTotalsTests {
  struct Subject {
    var code: String
    var site: String
    var start: Day
    var stop: Day?
  }

  struct Reaction {
    var patient: Int
    var category: String
    var onset: Day
    var withdrawn: Bool
  }

  static let today = Day(iso: "2025-06-30")!
  static let categories = ["facial-redness", "eczema-worsening", "psoriasiform", "conjunctivitis"]

  /// §6 by the letter: in the cohort when started by the window's end and not stopped before its start;
  /// exposure is the inclusive overlap of [start, stop or as-of] with the window.
  static func expected(
    _ subjects: [Subject], _ reactions: [Reaction], from: Day?, to: Day?, site: String?
  ) -> (patients: Int, days: Int, counts: [String: (patients: Int, episodes: Int)]) {
    let end = min(to ?? today, today)
    var members = Set<Int>()
    var days = 0
    for (index, subject) in subjects.enumerated() where site == nil || subject.site == site {
      guard subject.start <= end, from.map({ subject.stop == nil || subject.stop! >= $0 }) ?? true else { continue }
      members.insert(index)
      let first = max(subject.start, from ?? subject.start)
      let last = min(subject.stop ?? today, end)
      days += max(0, last.days(since: first) + 1)
    }
    var counts: [String: (patients: Int, episodes: Int)] = [:]
    for category in categories + ["any"] {
      let hits = reactions.filter {
        !$0.withdrawn && members.contains($0.patient) && (category == "any" || $0.category == category)
          && $0.onset <= end && $0.onset >= (from ?? $0.onset)
      }
      guard !hits.isEmpty || category == "any" else { continue }
      counts[category] = (Set(hits.map(\.patient)).count, hits.count)
    }
    return (members.count, days, counts)
  }

  @Test("cohort size, exposure and per-category counts match §6 for random cohorts, windows and sites", arguments: [1, 2, 3])
  func randomCohorts(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    let f = try ReportFixture()
    let sites = ["main", "lyon", "oslo"]
    let first = Day(iso: "2024-01-01")!
    var subjects: [Subject] = []
    var reactions: [Reaction] = []
    for i in 0..<80 {
      let start = first.adding(days: random.below(Self.today.days(since: first) + 1))
      // Stops are common, and several share a date, as whole clinics' stops do.
      let stop = random.chance(0.4) ? min(start.adding(days: random.below(200)), Self.today) : nil
      let subject = Subject(code: "R-\(i)", site: sites[random.below(sites.count)], start: start, stop: stop)
      try f.patient(subject.code, start: start.iso, stop: stop?.iso, site: subject.site)
      subjects.append(subject)
      for _ in 0..<random.below(3) {
        let onset = start.adding(days: random.below(Self.today.days(since: start) + 1))
        let category = Self.categories[random.below(Self.categories.count)]
        let record = try f.reaction(subject.code, category, onset: onset.iso, site: subject.site)
        let withdrawn = random.chance(0.15)
        if withdrawn { try f.registry.withdraw(caseID: record.id, reason: "entered in error") }
        reactions.append(Reaction(patient: i, category: category, onset: onset, withdrawn: withdrawn))
      }
    }
    // The last window starts after as-of: patients still count, with no exposure.
    var windows: [(Day?, Day?, String?)] = [(nil, nil, nil), (nil, nil, "lyon"), (Self.today.adding(days: 10), nil, nil)]
    for _ in 0..<12 {
      let a = first.adding(days: random.below(600))
      let b = a.adding(days: random.below(400))
      windows.append((random.chance(0.8) ? a : nil, random.chance(0.6) ? b : nil, random.chance(0.3) ? "oslo" : nil))
    }
    for (from, to, site) in windows {
      var options = ReportOptions()
      options.from = from
      options.to = to
      options.site = site
      let report = try f.registry.frequencyReport(options)
      let want = Self.expected(subjects, reactions, from: from, to: to, site: site)
      let label = "from \(from?.iso ?? "open") to \(to?.iso ?? "open") site \(site ?? "all")"
      #expect(report.cohort.patients == want.patients, "\(label)")
      #expect(report.cohort.exposureDays == want.days, "\(label)")
      for (category, count) in want.counts {
        let row = report.rows.first { $0.category == category }
        #expect(row?.patientsWithReaction == count.patients, "\(category) \(label)")
        #expect(row?.episodes == count.episodes, "\(category) \(label)")
      }
      let reported = Set(report.rows.filter { $0.episodes > 0 }.map(\.category))
      #expect(reported == Set(want.counts.filter { $0.value.episodes > 0 }.keys), "\(label)")
    }
  }

  @Test("with an --as-of before a patient's start, stopping before the window does not take them out twice")
  func earlyAsOf() throws {
    let f = try ReportFixture(today: "2025-06-30")
    try f.patient("A", start: "2024-03-01", stop: "2024-05-01")
    try f.patient("B", start: "2023-01-01")
    let early = try Registry.open(at: f.registry.path, user: "tester", today: Day(iso: "2024-01-01")!)
    var options = ReportOptions()
    options.from = Day(iso: "2024-06-01")
    let report = try early.frequencyReport(options)
    // As of 2024-01-01, A has not started; B has, and the window (from 2024-06-01) lies after the end: no days.
    #expect(report.cohort.patients == 1)
    #expect(report.cohort.exposureDays == 0)
  }
}
