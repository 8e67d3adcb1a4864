import AdregDatabase
import AdregStatistics
import Foundation

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
  public var tables: [ReportCategory: LifeTable]
  /// The table of a category nobody had: every patient censored at the end day.
  public var withoutEvents: LifeTable
  /// Category → cohort patients with any non-withdrawn case of it with onset by as-of (x of the crude figure).
  public var patientsWithCase: [ReportCategory: Int]

  /// The life table of a category (or `any`).
  public func table(_ category: ReportCategory) -> LifeTable { tables[category] ?? withoutEvents }
}

/// A date column read in place through `reader`, which remembers the months it has met; nil for NULL.
/// - Throws: `RegistryError` when the stored text is not a date.
func storedDay(
  _ row: StatementRow, _ index: Int, _ reader: inout ISODayReader, _ what: @autoclosure () -> String
) throws -> Day? {
  guard let bytes = try row.utf8(at: index) else { return nil }
  guard let day = reader.day(bytes) else {
    throw RegistryError(.failure, field: nil, "\(what()) has a date that is not YYYY-MM-DD", fix: "run \(task: .check)")
  }
  return day
}

/// A non-withdrawn case as the time-on-treatment pass needs it: patient, category position, onset day number.
struct CaseOnset: Sendable {
  var patientID: Int64
  var category: Int
  var onset: Day
}

/// A patient's place in the (start, stop) index: start, stop (NULL first) and row id, as SQLite orders them.
private struct CohortKey: Comparable {
  var start: Int
  var stop: Int
  var id: Int64

  init(start: Int, stop: Int, id: Int64) { (self.start, self.stop, self.id) = (start, stop, id) }

  init(_ id: Int64, _ start: Day, _ stop: Day?) { self.init(start: start.number, stop: stop?.number ?? .min, id: id) }

  static let lowest = CohortKey(start: .min, stop: .min, id: .min)
  static let highest = CohortKey(start: .max, stop: .max, id: .max)

  static func < (lhs: CohortKey, rhs: CohortKey) -> Bool {
    (lhs.start, lhs.stop, lhs.id) < (rhs.start, rhs.stop, rhs.id)
  }
}

/// How far two readers of the cohort index have got, one from each end: each stops once it reaches what the other
/// has read, so two threads share the read without knowing beforehand where to split it.
private final class CohortMeeting: @unchecked Sendable {
  /// Rows read between two looks at the other reader: a few hundred rows read twice at most, and few locks.
  static let batch = 256
  private let lock = NSLock()
  /// Every row up to this key has been read from the low end.
  private var low = CohortKey.lowest
  /// Every row from this key on has been read from the high end.
  private var high = CohortKey.highest

  /// Records that every row up to `key` is read from the low end; true when the high end has read the rest.
  func lowRead(upTo key: CohortKey) -> Bool {
    lock.withLock {
      low = key
      return low >= high
    }
  }

  /// Records that every row from `key` on is read from the high end; true when the low end has read the rest.
  func highRead(from key: CohortKey) -> Bool {
    lock.withLock {
      high = key
      return low >= high
    }
  }
}

/// What a thread hands back: its result or its error.
private final class ThreadResult<Value>: @unchecked Sendable {
  var value: Result<Value, any Error>?
}

extension Registry {
  /// The patients of `site` (every site when nil) who started treatment by `asOf`, with their treatment days, read
  /// through `connection` (the registry's own, or a second one on another thread).
  ///
  /// Without a site the (start, stop) index covers the query, read once in order; with one, the (site, code) index
  /// finds the site's patients.
  /// - Parameter meeting: when given (every site only), the read stops where a reader from the other end of the
  ///   index, `cohortHigh`, has got to.
  private static func cohortDays(
    _ connection: Connection, asOf: Day, site: String?, meeting: CohortMeeting?
  ) throws -> CohortDays {
    let largest = try connection.scalar(Int64.self, "SELECT max(id) FROM patient") ?? 0
    var cohort = CohortDays(bound: largest < 1 << 26 ? largest + 1 : 0)
    let statement = try connection.cachedStatement(
      site == nil
        ? "SELECT id, start_date, stop_date FROM patient INDEXED BY patient_by_start WHERE start_date <= ?"
        : "SELECT id, start_date, stop_date FROM patient WHERE start_date <= ? AND site = ?")
    let arguments: StatementArguments = site.map { [asOf, $0] } ?? [asOf]
    var reader = ISODayReader()
    var sinceLook = 0
    try statement.forRows(arguments) { row in
      let id = try row.integer(at: 0)
      guard let start = try storedDay(row, 1, &reader, "patient \(id)") else {
        throw RegistryError(.failure, field: nil, "patient \(id) has no start date", fix: "run \(task: .check)")
      }
      let end = try storedDay(row, 2, &reader, "patient \(id)")
      cohort.insert(id, start: start, stop: end)
      sinceLook += 1
      guard let meeting, sinceLook == CohortMeeting.batch else { return true }
      sinceLook = 0
      return !meeting.lowRead(upTo: CohortKey(id, start, end))
    }
    _ = meeting?.lowRead(upTo: .highest)
    return cohort
  }

  static func cohortDays(_ connection: Connection, asOf: Day, site: String?) throws -> CohortDays {
    try cohortDays(connection, asOf: asOf, site: site, meeting: nil)
  }

  /// The cohort of every site read from the high end of the (start, stop) index until it meets the reader from the
  /// low end; some of these patients that reader has read too.
  private func cohortHigh(asOf: Day, meeting: CohortMeeting) throws -> [(id: Int64, start: Day, stop: Day?)] {
    var patients: [(id: Int64, start: Day, stop: Day?)] = []
    guard !meeting.highRead(from: .highest) else { return patients }
    var reader = ISODayReader()
    try db.cachedStatement(
      """
      SELECT id, start_date, stop_date FROM patient INDEXED BY patient_by_start WHERE start_date <= ?
      ORDER BY start_date DESC, stop_date DESC, id DESC
      """
    ).forRows([asOf]) { row in
      let id = try row.integer(at: 0)
      guard let start = try storedDay(row, 1, &reader, "patient \(id)") else {
        throw RegistryError(.failure, field: nil, "patient \(id) has no start date", fix: "run \(task: .check)")
      }
      let end = try storedDay(row, 2, &reader, "patient \(id)")
      patients.append((id, start, end))
      return patients.count % CohortMeeting.batch != 0 || !meeting.highRead(from: CohortKey(id, start, end))
    }
    _ = meeting.highRead(from: .lowest)
    return patients
  }

  func cohortDays(asOf: Day, site: String?) throws -> CohortDays {
    try Registry.cohortDays(db, asOf: asOf, site: site)
  }

  /// Every non-withdrawn case, in patient then onset order, through the (patient, onset, category) index, which
  /// covers the query.
  func caseOnsets() throws -> [CaseOnset] {
    // Withdrawn cases are few; a bit per case id finds them without hashing each case.
    let largest = try db.scalar(Int64.self, "SELECT max(id) FROM case_report") ?? 0
    var withdrawn = PatientIDSet(bound: largest + 1)
    for id in try withdrawnCaseIDs() { withdrawn.insert(id) }
    let codeBytes = Vocabulary.category.codes.map { Array($0.utf8) }
    // The first two letters tell the codes apart; the whole code is still compared, as bytes in memory.
    func position(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
      guard bytes.count >= 2, let base = bytes.baseAddress else { return nil }
      return codeBytes.firstIndex { code in
        code.count == bytes.count && code[0] == bytes[0] && code[1] == bytes[1]
          && code.withUnsafeBufferPointer { $0.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false }
      }
    }
    var onsets: [CaseOnset] = []
    // Row ids are handed out from 1, so the largest is the count of cases when none was deleted.
    onsets.reserveCapacity(Int(clamping: min(largest, 1 << 26)))
    var reader = ISODayReader()
    try db.cachedStatement(
      "SELECT id, patient_id, onset_date, category FROM case_report INDEXED BY case_by_patient ORDER BY patient_id, onset_date"
    ).forEachRow { row in
      let caseID = try row.integer(at: 0)
      guard !withdrawn.contains(caseID) else { return }
      guard let bytes = try row.utf8(at: 3), let category = position(bytes) else {
        throw RegistryError(
          .failure, field: nil, "case \(caseID) has a category that is not a code",
          fix: "run \(task: .check)")
      }
      guard let onset = try storedDay(row, 2, &reader, "case \(caseID)") else {
        throw RegistryError(.failure, field: nil, "case \(caseID) has no onset date", fix: "run \(task: .check)")
      }
      onsets.append(CaseOnset(patientID: try row.integer(at: 1), category: category, onset: onset))
    }
    return onsets
  }

  /// The cohort and every non-withdrawn case, read at once: the cases through this connection, the cohort through a
  /// second one on another thread — and, for every site, the rest of the cohort from the other end of the index here
  /// once the cases are read, until the two readers meet. Both connections read the same snapshot unless a write
  /// committed between their starts — every write adds an audit entry, and a new patient or case a row id — so when
  /// the two disagree on those the cohort is read again here. So is it when either part fails, so that a bad row is
  /// reported as a single read from the low end reports it.
  ///
  /// Inside `onSnapshot` the read is kept for the other reports of the snapshot.
  func cohortAndCases(asOf: Day, site: String?) throws -> (cohort: CohortDays, cases: [CaseOnset]) {
    let key = SnapshotReads.Key(asOf: asOf, site: site)
    if let known = snapshotReads?.cohortAndCases[key] { return known }
    let read = try readCohortAndCases(asOf: asOf, site: site)
    snapshotReads?.cohortAndCases[key] = read
    return read
  }

  private func readCohortAndCases(asOf: Day, site: String?) throws -> (cohort: CohortDays, cases: [CaseOnset]) {
    let result = ThreadResult<(CohortDays, [DatabaseValue])>()
    let done = DispatchSemaphore(value: 0)
    let path = self.path
    let meeting = site == nil ? CohortMeeting() : nil
    Thread.detachNewThread {
      result.value = Result {
        let second = try Connection(path: path, mode: .readOnly)
        try second.execute(script: "PRAGMA mmap_size = 4294967296")
        return try second.read {
          (try Registry.cohortDays(second, asOf: asOf, site: site, meeting: meeting), try Registry.snapshotMark(second))
        }
      }
      done.signal()
    }
    let here = try Registry.snapshotMark(db)
    let cases = try caseOnsets()
    let high = Result { try meeting.map { try cohortHigh(asOf: asOf, meeting: $0) } ?? [] }
    done.wait()
    if case .success(var (cohort, there)) = result.value, there == here, case .success(let patients) = high {
      for patient in patients { cohort.insertIfAbsent(patient.id, start: patient.start, stop: patient.stop) }
      return (cohort, cases)
    }
    return (try cohortDays(asOf: asOf, site: site), cases)
  }

  /// Runs `body` on a second read-only connection on another thread while the caller goes on; the function returned
  /// waits for it, and hands back its result when both connections read the same registry (else `body` runs again
  /// on this connection, which also reports its error). Call both inside one read.
  func alongside<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) -> () throws -> T {
    let result = ThreadResult<(T, [DatabaseValue])>()
    let done = DispatchSemaphore(value: 0)
    let path = self.path
    Thread.detachNewThread {
      result.value = Result {
        let second = try Connection(path: path, mode: .readOnly)
        try second.execute(script: "PRAGMA mmap_size = 4294967296")
        return try second.read { (try body(second), try Registry.snapshotMark(second)) }
      }
      done.signal()
    }
    return {
      let here = try Registry.snapshotMark(self.db)
      done.wait()
      if case .success(let (value, there)) = result.value, there == here { return value }
      return try body(self.db)
    }
  }

  /// The newest audit entry, patient and case: two connections that agree on them read the same registry.
  private static func snapshotMark(_ connection: Connection) throws -> [DatabaseValue] {
    try connection.rows(
      "SELECT (SELECT max(id) FROM audit_entry), (SELECT max(id) FROM patient), (SELECT max(id) FROM case_report)"
    ).first?.values ?? []
  }

  /// Per category (and `any`), each cohort patient's first non-withdrawn case, whenever it began.
  ///
  /// The cases come in patient order, so the patients' treatment days are read from `cohort` in order too; a
  /// patient's first case of a category is the first one seen.
  /// - Parameter each: called with every non-withdrawn case of a cohort patient, in patient then onset order: its
  ///   category's position in `Vocabulary.category.codes`, the patient, the onset and the treatment days.
  func firstCases(
    _ cohort: CohortDays, cases: [CaseOnset]? = nil,
    each: (Int, Int64, Day, (start: Day, stop: Day?)) -> Void = { _, _, _, _ in }
  ) throws -> [ReportCategory: [FirstCase]] {
    let categories = Category.allCases
    let onsets = try cases ?? caseOnsets()
    // Room for every case of a category (more than its first cases), so that the lists are not copied as they grow.
    var caseCounts = Array(repeating: 0, count: categories.count)
    for onset in onsets where caseCounts.indices.contains(onset.category) { caseCounts[onset.category] += 1 }
    var lists = caseCounts.map { count in
      var list: [FirstCase] = []
      list.reserveCapacity(count)
      return list
    }
    var any: [FirstCase] = []
    any.reserveCapacity(onsets.count)
    var patient = Int64.min
    var days: (start: Day, stop: Day?)?
    var seen = 0
    for onset in onsets {
      if onset.patientID != patient {
        patient = onset.patientID
        days = cohort[patient]
        seen = 0
      }
      guard let days else { continue }
      each(onset.category, patient, onset.onset, days)
      let first = FirstCase(patientID: patient, start: days.start, stop: days.stop, onset: onset.onset)
      if seen == 0 { any.append(first) }
      guard seen & 1 << onset.category == 0 else { continue }
      seen |= 1 << onset.category
      lists[onset.category].append(first)
    }
    var result: [ReportCategory: [FirstCase]] = [.any: any]
    for (index, list) in lists.enumerated() where !list.isEmpty { result[.category(categories[index])] = list }
    return result
  }

  /// The time-on-treatment aggregates as of `asOf` for `site` (every site when nil).
  ///
  /// A patient whose first case of a category began on day e ≤ E (the end day) has an event at e; every other
  /// cohort patient is censored at E. A first case after the stop date is off treatment and not an event.
  /// - Parameters:
  ///   - gathered: the cohort and its first cases, when the caller has read them already.
  ///   - contactEnds: under `last-contact`, the end days of `lastContactEndDays` when read already (for every site).
  func timeOnTreatment(
    asOf: Day, site: String?, censor: CensorRule,
    gathered: (cohort: CohortDays, firsts: [ReportCategory: [FirstCase]])? = nil, contactEnds ends: PatientDayTable? = nil
  ) throws -> TimeOnTreatment {
    var cohort: CohortDays
    let firsts: [ReportCategory: [FirstCase]]
    if let gathered {
      (cohort, firsts) = gathered
    } else {
      let read = try cohortAndCases(asOf: asOf, site: site)
      cohort = read.cohort
      firsts = try firstCases(cohort, cases: read.cases)
    }
    let contactEnds = censor == .lastContact ? try ends ?? lastContactEndDays(cohort, asOf: asOf) : PatientDayTable(bound: 0)
    func endDay(_ id: Int64, _ start: Day, _ stop: Day?) -> Int {
      censor == .asOf ? min(stop ?? asOf, asOf).days(since: start) : contactEnds[id] ?? 0
    }
    // Patients censored per end day (0 = the first day of treatment), as an array: a few thousand days at most.
    var counts: [Int] = []
    try cohort.forEach { id, start, stop in
      let end = endDay(id, start, stop)
      guard end >= 0 else {
        throw RegistryError(.failure, field: nil, "patient \(id) stopped before the start", fix: "run \(task: .check)")
      }
      if end >= counts.count { counts += repeatElement(0, count: end + 1 - counts.count) }
      counts[end] += 1
    }
    func table(censored: [Int], events: [Int]) throws -> LifeTable {
      try LifeTable(
        rows: censored.indices.compactMap { day in
          let (d, c) = (day < events.count ? events[day] : 0, censored[day])
          return d == 0 && c == 0 ? nil : LifeTableRow(time: day, events: d, censored: c)
        })
    }
    var tables: [ReportCategory: LifeTable] = [:]
    var withCase: [ReportCategory: Int] = [:]
    do {
      for (category, cases) in firsts {
        var censored = counts
        var events = Array(repeating: 0, count: counts.count)
        var x = 0
        for first in cases {
          if first.onset <= asOf { x += 1 }
          let onsetDay = first.onset.days(since: first.start)
          let end = endDay(first.patientID, first.start, first.stop)
          guard onsetDay >= 0 else {
            throw RegistryError(
              .failure, field: nil, "a case of patient \(first.patientID) began before the start",
              fix: "run \(task: .check)")
          }
          guard onsetDay <= end else { continue }
          censored[end] -= 1
          events[onsetDay] += 1
        }
        tables[category] = try table(censored: censored, events: events)
        withCase[category] = x
      }
      let nobody = try table(censored: counts, events: [])
      return TimeOnTreatment(patients: cohort.count, tables: tables, withoutEvents: nobody, patientsWithCase: withCase)
    } catch let error as StatisticsError {
      throw RegistryError(
        .failure, field: nil, "could not build the time-on-treatment table: \(error)",
        fix: "run \(task: .check)")
    }
  }
}
