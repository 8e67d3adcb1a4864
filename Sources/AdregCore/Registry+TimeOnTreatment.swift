import AdregDatabase
import AdregStatistics

/// A patient's first non-withdrawn case of a category, with the patient's treatment dates.
struct FirstCase: Sendable {
  var patientID: Int64
  var start: Day
  var stop: Day?
  var onset: Day
}

/// The aggregates every time-on-treatment figure is computed from (PRODUCT.md §6 "Time on treatment"): the cohort
/// of patients who started by as-of and, per category (and `any`), the life table of days from start to the first
/// event or to the end day.
public struct TimeOnTreatment: Sendable {
  public var patients: Int
  /// Category → life table in days since start (day 0 = the first dose).
  public var tables: [String: LifeTable]
  /// The table of a category nobody had: every patient censored at the end day.
  public var withoutEvents: LifeTable
  /// Category → cohort patients with any non-withdrawn case of it with onset by as-of (x of the crude figure).
  public var patientsWithCase: [String: Int]

  /// The life table of a category (or `any`).
  public func table(_ category: String) -> LifeTable { tables[category] ?? withoutEvents }
}

/// The treatment days of a cohort by patient id, read once: start and stop day numbers in flat arrays for ids below a
/// bound (rowids handed out from 1), hashed above it, so that a pass over cases finds each case's patient without a
/// b-tree seek.
struct CohortDays {
  private static let absent = Int32.min
  private static let running = Int32.max
  private let bound: Int
  private var starts: [Int32]
  private var stops: [Int32]
  private var above: [Int64: (start: Int32, stop: Int32)] = [:]
  private(set) var count = 0

  init(bound: Int64) {
    self.bound = Int(max(0, bound))
    starts = Array(repeating: CohortDays.absent, count: self.bound)
    stops = Array(repeating: CohortDays.running, count: self.bound)
  }

  mutating func insert(_ id: Int64, start: Day, stop: Day?) {
    let startNumber = Int32(clamping: start.number)
    let stopNumber = stop.map { Int32(clamping: $0.number) } ?? CohortDays.running
    if id >= 0, id < bound {
      if starts[Int(id)] == CohortDays.absent { count += 1 }
      starts[Int(id)] = startNumber
      stops[Int(id)] = stopNumber
    } else {
      if above.updateValue((startNumber, stopNumber), forKey: id) == nil { count += 1 }
    }
  }

  /// The patient's start and stop, or nil when the patient is not in the cohort.
  subscript(id: Int64) -> (start: Day, stop: Day?)? {
    let start: Int32
    let stop: Int32
    if id >= 0, id < bound {
      start = starts[Int(id)]
      stop = stops[Int(id)]
      guard start != CohortDays.absent else { return nil }
    } else {
      guard let days = above[id] else { return nil }
      (start, stop) = days
    }
    return (Day(number: Int(start)), stop == CohortDays.running ? nil : Day(number: Int(stop)))
  }

  /// Every member, in id order.
  func forEach(_ body: (Int64, Day, Day?) throws -> Void) rethrows {
    for index in starts.indices where starts[index] != CohortDays.absent {
      let stop = stops[index]
      try body(Int64(index), Day(number: Int(starts[index])), stop == CohortDays.running ? nil : Day(number: Int(stop)))
    }
    for id in above.keys.sorted() {
      if let days = above[id] {
        try body(id, Day(number: Int(days.start)), days.stop == CohortDays.running ? nil : Day(number: Int(days.stop)))
      }
    }
  }
}

/// A date column read in place; nil for NULL.
/// - Throws: `RegistryError` when the stored text is not a date.
private func storedDay(_ row: StatementRow, _ index: Int32, _ what: @autoclosure () -> String) throws -> Day? {
  let parsed: Day?? = try row.withUTF8(at: index) { bytes in bytes.map { Day(isoBytes: $0) } }
  if case .some(.none) = parsed {
    throw RegistryError(.failure, "\(what()) has a date that is not YYYY-MM-DD; run 'adreg check'")
  }
  return parsed ?? nil
}

extension Registry {
  /// The patients of `site` (every site when nil) who started treatment by `asOf`, with their treatment days.
  ///
  /// Without a site the (start, stop) index covers the query, read once in order; with one, the (site, code) index
  /// finds the site's patients.
  func cohortDays(asOf: Day, site: String?) throws -> CohortDays {
    let largest = try db.scalar(Int64.self, "SELECT max(id) FROM patient") ?? 0
    var cohort = CohortDays(bound: largest < 1 << 26 ? largest + 1 : 0)
    let statement = try db.cachedStatement(
      site == nil
        ? "SELECT id, start_date, stop_date FROM patient INDEXED BY patient_by_start WHERE start_date <= ?1"
        : "SELECT id, start_date, stop_date FROM patient WHERE site = ?2 AND start_date <= ?1")
    try statement.forEachRow([.text(asOf.iso)] + (site.map { [.text($0)] } ?? [])) { row in
      let id = try row.integer(at: 0)
      guard let start = try storedDay(row, 1, "patient \(id)") else {
        throw RegistryError(.failure, "patient \(id) has no start date; run 'adreg check'")
      }
      cohort.insert(id, start: start, stop: try storedDay(row, 2, "patient \(id)"))
    }
    return cohort
  }

  /// Per category (and `any`), each cohort patient's first non-withdrawn case, whenever it began.
  ///
  /// One pass over each category's cases in onset order through the (category, onset, patient) index, which covers
  /// the query; the first case seen of a patient is its earliest.
  func firstCases(_ cohort: CohortDays) throws -> [String: [FirstCase]] {
    let withdrawn = try withdrawnCaseIDs()
    let largest = try db.scalar(Int64.self, "SELECT max(id) FROM patient") ?? 0
    let bound = largest < 1 << 26 ? largest + 1 : 0
    let statement = try db.cachedStatement(
      "SELECT id, patient_id, onset_date FROM case_report WHERE category = ?1 ORDER BY onset_date")
    var result: [String: [FirstCase]] = [:]
    // The first case of any category is each patient's earliest over the categories: an index into `all` per
    // patient id below the bound, hashed above it.
    var all: [FirstCase] = []
    var earliest = [Int32](repeating: -1, count: Int(bound))
    var earliestAbove: [Int64: Int] = [:]
    for category in Vocabulary.category.codes {
      var seen = PatientIDSet(bound: bound)
      var cases: [FirstCase] = []
      try statement.forEachRow([.text(category)]) { row in
        let caseID = try row.integer(at: 0)
        let patientID = try row.integer(at: 1)
        guard !seen.contains(patientID), !withdrawn.contains(caseID), let days = cohort[patientID] else { return }
        seen.insert(patientID)
        guard let onset = try storedDay(row, 2, "case \(caseID)") else {
          throw RegistryError(.failure, "case \(caseID) has no onset date; run 'adreg check'")
        }
        let first = FirstCase(patientID: patientID, start: days.start, stop: days.stop, onset: onset)
        cases.append(first)
        let below = patientID >= 0 && patientID < bound
        let known = below ? Int(earliest[Int(patientID)]) : earliestAbove[patientID] ?? -1
        guard known < 0 || onset < all[known].onset else { return }
        if below {
          earliest[Int(patientID)] = Int32(all.count)
        } else {
          earliestAbove[patientID] = all.count
        }
        all.append(first)
      }
      if !cases.isEmpty { result[category] = cases }
    }
    var any = earliest.compactMap { $0 < 0 ? nil : all[Int($0)] }
    any += earliestAbove.keys.sorted().compactMap { earliestAbove[$0].map { all[$0] } }
    result["any"] = any
    return result
  }

  /// Each cohort patient's end day under `last-contact`: days from start to the earlier of the stop date and the
  /// latest contact on or before as-of — start, doses, visits, onset and reported dates of non-withdrawn cases, and
  /// the dates their follow-ups were entered and their outcomes.
  private func lastContactEndDays(_ cohort: CohortDays, asOf: Day) throws -> [Int64: Int] {
    var latest: [Int64: Day] = [:]
    latest.reserveCapacity(cohort.count)
    cohort.forEach { id, start, _ in latest[id] = start }
    func contact(_ id: Int64, _ day: Day?) {
      guard let day, day <= asOf, let known = latest[id], day > known else { return }
      latest[id] = day
    }
    let limit: [DatabaseValue] = [.text(asOf.iso)]
    for sql in [
      "SELECT patient_id, max(dose_date) FROM dose WHERE dose_date <= ?1 GROUP BY patient_id",
      "SELECT patient_id, max(visit_date) FROM visit WHERE visit_date <= ?1 GROUP BY patient_id",
    ] {
      try db.cachedStatement(sql).forEachRow(limit) { row in
        let id = try row.integer(at: 0)
        contact(id, try storedDay(row, 1, "a dose or visit of patient \(id)"))
      }
    }
    let withdrawn = try withdrawnCaseIDs()
    try db.cachedStatement("SELECT id, patient_id, onset_date, reported_date FROM case_report").forEachRow { row in
      let caseID = try row.integer(at: 0)
      guard !withdrawn.contains(caseID) else { return }
      let id = try row.integer(at: 1)
      contact(id, try storedDay(row, 2, "case \(caseID)"))
      contact(id, try storedDay(row, 3, "case \(caseID)"))
    }
    try db.cachedStatement(
      """
      SELECT c.id, c.patient_id, substr(f.recorded_at, 1, 10), f.outcome_date
      FROM follow_up f JOIN case_report c ON c.id = f.case_id
      """
    ).forEachRow { row in
      let caseID = try row.integer(at: 0)
      guard !withdrawn.contains(caseID) else { return }
      let id = try row.integer(at: 1)
      contact(id, try storedDay(row, 2, "a follow-up of case \(caseID)"))
      contact(id, try storedDay(row, 3, "a follow-up of case \(caseID)"))
    }
    var ends: [Int64: Int] = [:]
    ends.reserveCapacity(cohort.count)
    cohort.forEach { id, start, stop in
      let last = latest[id] ?? start
      ends[id] = min(stop ?? last, last).days(since: start)
    }
    return ends
  }

  /// The time-on-treatment aggregates as of `asOf` for `site` (every site when nil).
  ///
  /// A patient whose first case of a category began on day e ≤ E (the end day) has an event at e; every other
  /// cohort patient is censored at E. A first case after the stop date is off treatment and not an event.
  /// - Parameter gathered: the cohort and its first cases, when the caller has read them already.
  func timeOnTreatment(
    asOf: Day, site: String?, censor: CensorRule,
    gathered: (cohort: CohortDays, firsts: [String: [FirstCase]])? = nil
  ) throws -> TimeOnTreatment {
    let cohort = try gathered?.cohort ?? cohortDays(asOf: asOf, site: site)
    let firsts = try gathered?.firsts ?? firstCases(cohort)
    let contactEnds = censor == .lastContact ? try lastContactEndDays(cohort, asOf: asOf) : [:]
    func endDay(_ id: Int64, _ start: Day, _ stop: Day?) -> Int {
      censor == .asOf ? min(stop ?? asOf, asOf).days(since: start) : contactEnds[id] ?? 0
    }
    var counts: [Int: Int] = [:]
    cohort.forEach { id, start, stop in counts[endDay(id, start, stop), default: 0] += 1 }
    var tables: [String: LifeTable] = [:]
    var withCase: [String: Int] = [:]
    do {
      for (category, cases) in firsts {
        var censored = counts
        var events: [Int: Int] = [:]
        var x = 0
        for first in cases {
          if first.onset <= asOf { x += 1 }
          let onsetDay = first.onset.days(since: first.start)
          let end = endDay(first.patientID, first.start, first.stop)
          guard onsetDay <= end else { continue }
          censored[end, default: 0] -= 1
          events[onsetDay, default: 0] += 1
        }
        let times = Set(censored.keys).union(events.keys).sorted()
        tables[category] = try LifeTable(
          rows: times.map { LifeTableRow(time: $0, events: events[$0] ?? 0, censored: censored[$0] ?? 0) })
        withCase[category] = x
      }
      let nobody = try LifeTable(
        rows: counts.keys.sorted().map { LifeTableRow(time: $0, events: 0, censored: counts[$0] ?? 0) })
      return TimeOnTreatment(patients: cohort.count, tables: tables, withoutEvents: nobody, patientsWithCase: withCase)
    } catch let error as StatisticsError {
      throw RegistryError(.failure, "could not build the time-on-treatment table: \(error); run 'adreg check'")
    }
  }
}
