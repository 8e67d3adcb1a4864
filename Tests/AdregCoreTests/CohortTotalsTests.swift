@testable import AdregCore
import AdregStatistics
import Testing

/// The reports sum exposure per start date and per stop date, and gather a category's patients and onsets from
/// the index; these tests compare frequency, onset and risk with PRODUCT.md §6 applied patient by patient, over
/// random cohorts and windows.
@Suite("Cohort totals against a patient-by-patient count")
struct CohortTotalsTests {
  struct Subject {
    var code: String
    var site: String
    var start: Day
    var stop: Day?
    var risks: [String]
    var doses: [Day]
    var visits: [Day] = []
  }

  struct Reaction {
    var patient: Int
    var category: String
    var onset: Day
    var withdrawn: Bool
  }

  static let today = Day(iso: "2025-06-30")!
  static let categories = ["facial-redness", "eczema-worsening", "psoriasiform", "conjunctivitis"]
  static let factors = ["psoriasis-history", "rosacea-history", "poor-skin-barrier"]

  /// The cohort of §6: started by the window's end and not stopped before its start; indexes into `subjects`.
  static func members(_ subjects: [Subject], from: Day?, to: Day?, site: String?) -> Set<Int> {
    let end = min(to ?? today, today)
    return Set(
      subjects.indices.filter { index in
        let subject = subjects[index]
        return (site == nil || subject.site == site) && subject.start <= end
          && (from.map { subject.stop == nil || subject.stop! >= $0 } ?? true)
      })
  }

  /// Non-withdrawn reactions of cohort members with onset in the window.
  static func counted(_ reactions: [Reaction], _ members: Set<Int>, from: Day?, to: Day?) -> [Reaction] {
    let end = min(to ?? today, today)
    return reactions.filter { !$0.withdrawn && members.contains($0.patient) && $0.onset <= end && $0.onset >= (from ?? $0.onset) }
  }

  /// §6 by the letter: in the cohort when started by the window's end and not stopped before its start;
  /// exposure is the inclusive overlap of [start, stop or as-of] with the window.
  static func expected(
    _ subjects: [Subject], _ reactions: [Reaction], from: Day?, to: Day?, site: String?
  ) -> (patients: Int, days: Int, counts: [String: (patients: Int, episodes: Int)]) {
    let end = min(to ?? today, today)
    let members = members(subjects, from: from, to: to, site: site)
    var days = 0
    for index in members {
      let subject = subjects[index]
      let first = max(subject.start, from ?? subject.start)
      let last = min(subject.stop ?? today, end)
      days += max(0, last.days(since: first) + 1)
    }
    var counts: [String: (patients: Int, episodes: Int)] = [:]
    for category in categories + ["any"] {
      let hits = counted(reactions, members, from: from, to: to).filter { category == "any" || $0.category == category }
      guard !hits.isEmpty || category == "any" else { continue }
      counts[category] = (Set(hits.map(\.patient)).count, hits.count)
    }
    return (members.count, days, counts)
  }

  /// §6 "first-event rate" patient by patient: first non-withdrawn onset of the category; days at risk from the
  /// window's start (or the patient's) to the earlier of that onset and the stop, as-of or window end.
  static func firstEvents(
    _ subjects: [Subject], _ reactions: [Reaction], category: String, from: Day?, to: Day?, site: String?
  ) -> (patients: Int, days: Int) {
    let end = min(to ?? today, today)
    var patients = 0
    var days = 0
    for index in members(subjects, from: from, to: to, site: site) {
      let subject = subjects[index]
      let first = reactions.filter { $0.patient == index && !$0.withdrawn && (category == "any" || $0.category == category) }
        .map(\.onset).min()
      let a = max(subject.start, from ?? subject.start)
      let b = min(subject.stop ?? today, end)
      days += max(0, min(b, first ?? b).days(since: a) + 1)
      if let first, first >= (from ?? first), first <= end, first <= (subject.stop ?? first) { patients += 1 }
    }
    return (patients, days)
  }

  /// §6 "Time on treatment" patient by patient: each patient of the site who started by as-of has an event at the
  /// first onset when it is on or before the end day, else is censored at the end day.
  static func lifeTable(
    _ subjects: [Subject], _ reactions: [Reaction], category: String, site: String?, censor: CensorRule
  ) throws -> LifeTable {
    var observations: [(time: Int, event: Bool)] = []
    for (index, subject) in subjects.enumerated() where (site == nil || subject.site == site) && subject.start <= today {
      let own = reactions.filter { $0.patient == index && !$0.withdrawn }
      var last = today
      if censor == .lastContact {
        let contacts = [subject.start] + subject.doses + subject.visits + own.map(\.onset)
        last = contacts.filter { $0 <= today }.max() ?? subject.start
      }
      let end = min(subject.stop ?? last, last).days(since: subject.start)
      let first = own.filter { category == "any" || $0.category == category }.map(\.onset).min()
      if let first, first.days(since: subject.start) <= end {
        observations.append((first.days(since: subject.start), true))
      } else {
        observations.append((end, false))
      }
    }
    return try LifeTable(observations: observations)
  }

  @Test("frequency, onset and risk match §6 for random cohorts, windows and sites", arguments: [1, 2, 3])
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
      let risks = Self.factors.filter { _ in random.chance(0.3) }
      var subject = Subject(
        code: "R-\(i)", site: sites[random.below(sites.count)], start: start, stop: stop, risks: risks, doses: [])
      try f.patient(subject.code, start: start.iso, stop: stop?.iso, risks: risks, site: subject.site)
      for _ in 0..<random.below(3) {
        let dose = start.adding(days: random.below((stop ?? Self.today).days(since: start) + 1))
        guard !subject.doses.contains(dose) else { continue }
        try f.registry.addDose(code: subject.code, site: subject.site, date: dose.iso)
        subject.doses.append(dose)
      }
      if random.chance(0.5) {
        let visit = start.adding(days: random.below(Self.today.days(since: start) + 1))
        _ = try f.registry.addVisit(code: subject.code, site: subject.site, date: visit.iso, note: nil)
        subject.visits.append(visit)
      }
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
        let row = report.rows.first { $0.category.code == category }
        #expect(row?.patientsWithReaction == count.patients, "\(category) \(label)")
        #expect(row?.episodes == count.episodes, "\(category) \(label)")
      }
      for row in report.rows {
        let want = Self.firstEvents(subjects, reactions, category: row.category.code, from: from, to: to, site: site)
        #expect(row.firstEventPatients == want.patients, "first events \(row.category) \(label)")
        #expect(row.firstEventDays == want.days, "days at risk \(row.category) \(label)")
      }
      let reported = Set(report.rows.filter { $0.episodes > 0 }.map(\.category.code))
      #expect(reported == Set(want.counts.filter { $0.value.episodes > 0 }.keys), "\(label)")

      let members = Self.members(subjects, from: from, to: to, site: site)
      let counted = Self.counted(reactions, members, from: from, to: to)
      let onset = try f.registry.onsetReport(options)
      #expect(Set(onset.rows.map(\.category.rawValue)) == Set(counted.map(\.category)), "\(label)")
      for row in onset.rows {
        let hits = counted.filter { $0.category == row.category.rawValue }
        let days = hits.map { $0.onset.days(since: subjects[$0.patient].start) }.sorted()
        let median = days.count % 2 == 1
          ? Double(days[days.count / 2]) : Double(days[days.count / 2 - 1] + days[days.count / 2]) / 2
        let sinceDose = hits.compactMap { hit in
          subjects[hit.patient].doses.filter { $0 <= hit.onset }.max().map { hit.onset.days(since: $0) }
        }
        #expect(row.episodes == days.count && row.minDays == days.first && row.maxDays == days.last, "\(row.category) \(label)")
        #expect(row.medianDays == median, "\(row.category) \(label)")
        #expect(row.episodesWithDose == sinceDose.count, "\(row.category) \(label)")
      }

      let risk = try f.registry.riskReport(options)
      for row in risk.rows {
        let affected = Set(counted.filter { row.category == .any || $0.category == row.category.code }.map(\.patient))
        let exposed = members.filter { subjects[$0].risks.contains(row.factor) }
        #expect(row.exposed == exposed.count && row.unexposed == members.count - exposed.count, "\(row.factor) \(label)")
        #expect(row.exposedWithReaction == affected.intersection(exposed).count, "\(row.factor) \(row.category) \(label)")
        #expect(row.unexposedWithReaction == affected.subtracting(exposed).count, "\(row.factor) \(row.category) \(label)")
      }
      let riskCategories = Set(risk.rows.map(\.category.code))
      #expect(riskCategories == Set(counted.map(\.category)).union(["any"]), "\(label)")
    }
    for site in [nil, "lyon"] as [String?] {
      for censor in CensorRule.allCases {
        let time = try f.registry.timeOnTreatment(asOf: Self.today, site: site, censor: censor)
        for category in Self.categories + ["any"] {
          let want = try Self.lifeTable(subjects, reactions, category: category, site: site, censor: censor)
          #expect(time.table(try #require(ReportCategory(code: category))) == want, "life table of \(category), site \(site ?? "all"), \(censor)")
        }
        #expect(time.patients == subjects.filter { (site == nil || $0.site == site) && $0.start <= Self.today }.count)
      }
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
