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

extension Registry {
  /// Per category (and `any`), each cohort patient's first non-withdrawn case, whenever it began: the cohort is the
  /// patients of `site` (every site when nil) who started treatment by `asOf`.
  ///
  /// One pass over each category's cases in onset order, from the (category, onset, patient) index, each case's
  /// patient looked up by id; the first case seen of a patient is its earliest.
  func firstCases(asOf: Day, site: String?) throws -> [String: [FirstCase]] {
    let withdrawn = try withdrawnCaseIDs()
    let largest = try db.scalar(Int64.self, "SELECT max(id) FROM patient") ?? 0
    let bound = largest < 1 << 26 ? largest + 1 : 0
    // Every site: the category's cases in onset order from the index, each patient by id. One site: that site's
    // patients from the (site, code) index, their cases from the (patient, onset) index, sorted — a site is often a
    // small part of a registry, and reading every case to keep a few would cost more.
    let statement = try db.cachedStatement(
      site == nil
        ? """
          SELECT c.id, c.patient_id, c.onset_date, p.start_date, p.stop_date
          FROM case_report c CROSS JOIN patient p ON p.id = c.patient_id
          WHERE c.category = ?1 AND p.start_date <= ?2 ORDER BY c.onset_date
          """
        : """
          SELECT c.id, c.patient_id, c.onset_date, p.start_date, p.stop_date
          FROM patient p CROSS JOIN case_report c INDEXED BY case_by_patient ON c.patient_id = p.id
          WHERE p.site = ?3 AND p.start_date <= ?2 AND c.category = ?1 ORDER BY c.onset_date, c.id
          """)
    var result: [String: [FirstCase]] = [:]
    var earliest: [Int64: FirstCase] = [:]
    for category in Vocabulary.category.codes {
      var seen = PatientIDSet(bound: bound)
      var cases: [FirstCase] = []
      let arguments: [DatabaseValue] = [.text(category), .text(asOf.iso)] + (site.map { [.text($0)] } ?? [])
      try statement.forEachRow(arguments) { row in
        let caseID = try row.integer(at: 0)
        let patientID = try row.integer(at: 1)
        guard !withdrawn.contains(caseID), !seen.contains(patientID) else { return }
        seen.insert(patientID)
        guard let onset = Day(iso: try row.text(at: 2)), let start = Day(iso: try row.text(at: 3)) else {
          throw RegistryError(.failure, "case \(caseID) or its patient has a date that is not YYYY-MM-DD; run 'adreg check'")
        }
        var stop: Day?
        if let text = try row.optionalText(at: 4) {
          guard let day = Day(iso: text) else {
            throw RegistryError(.failure, "the patient of case \(caseID) has a stop date that is not YYYY-MM-DD; run 'adreg check'")
          }
          stop = day
        }
        let first = FirstCase(patientID: patientID, start: start, stop: stop, onset: onset)
        cases.append(first)
        if let known = earliest[patientID], known.onset <= onset { return }
        earliest[patientID] = first
      }
      if !cases.isEmpty { result[category] = cases }
    }
    result["any"] = earliest.values.sorted { $0.patientID < $1.patientID }
    return result
  }

  /// The end day of each cohort patient's follow-up under `censor`, counted per end day, and a lookup of one
  /// patient's end day. With `as-of` the counts come from the (start, stop) index, grouped; with `last-contact`
  /// every patient's latest contact on or before as-of is gathered first.
  private func endDays(
    asOf: Day, site: String?, censor: CensorRule
  ) throws -> (counts: [Int: Int], endDay: (FirstCase) -> Int) {
    let siteValue = site.map { DatabaseValue.text($0) } ?? .null
    var counts: [Int: Int] = [:]
    switch censor {
    case .asOf:
      // Without a site the (start, stop) index covers the query; with one, the (site, code) index finds its patients.
      for row in try db.rows(
        """
        SELECT start_date, stop_date, count(*) AS n FROM patient
        WHERE start_date <= ?1\(site == nil ? "" : " AND site = ?2") GROUP BY start_date, stop_date
        """, site == nil ? [.text(asOf.iso)] : [.text(asOf.iso), siteValue])
      {
        let start = try day(row, "start_date")
        let last = min(try optionalDay(row, "stop_date") ?? asOf, asOf)
        counts[last.days(since: start), default: 0] += try row.decode(Int.self, column: "n")
      }
      return (counts, { min($0.stop ?? asOf, asOf).days(since: $0.start) })
    case .lastContact:
      let ends = try lastContactEndDays(asOf: asOf, site: siteValue)
      for end in ends.values { counts[end, default: 0] += 1 }
      return (counts, { ends[$0.patientID] ?? 0 })
    }
  }

  /// Each cohort patient's end day under `last-contact`: days from start to the earlier of the stop date and the
  /// latest contact on or before as-of — start, doses, visits, onset and reported dates of non-withdrawn cases, and
  /// the dates their follow-ups were entered and their outcomes.
  private func lastContactEndDays(asOf: Day, site: DatabaseValue) throws -> [Int64: Int] {
    var patients: [Int64: (start: String, stop: String?)] = [:]
    var latest: [Int64: String] = [:]
    let siteCondition = site == .null ? "" : " AND site = ?2"
    try db.cachedStatement(
      "SELECT id, start_date, stop_date FROM patient WHERE start_date <= ?1\(siteCondition)"
    ).forEachRow(site == .null ? [.text(asOf.iso)] : [.text(asOf.iso), site]) { row in
      let id = try row.integer(at: 0)
      let start = try row.text(at: 1)
      patients[id] = (start, try row.optionalText(at: 2))
      latest[id] = start
    }
    let limit = asOf.iso
    func contact(_ id: Int64, _ date: String?) {
      guard let date, date <= limit, let known = latest[id], date > known else { return }
      latest[id] = date
    }
    let contactQueries = [
      "SELECT patient_id, max(dose_date) FROM dose WHERE dose_date <= ?1 GROUP BY patient_id",
      "SELECT patient_id, max(visit_date) FROM visit WHERE visit_date <= ?1 GROUP BY patient_id",
    ]
    for sql in contactQueries {
      try db.cachedStatement(sql).forEachRow([.text(limit)]) { row in contact(try row.integer(at: 0), try row.optionalText(at: 1)) }
    }
    let withdrawn = try withdrawnCaseIDs()
    try db.cachedStatement("SELECT id, patient_id, onset_date, reported_date FROM case_report").forEachRow { row in
      guard !withdrawn.contains(try row.integer(at: 0)) else { return }
      let id = try row.integer(at: 1)
      contact(id, try row.text(at: 2))
      contact(id, try row.text(at: 3))
    }
    try db.cachedStatement(
      """
      SELECT c.id, c.patient_id, substr(f.recorded_at, 1, 10), f.outcome_date
      FROM follow_up f JOIN case_report c ON c.id = f.case_id
      """
    ).forEachRow { row in
      guard !withdrawn.contains(try row.integer(at: 0)) else { return }
      let id = try row.integer(at: 1)
      contact(id, try row.optionalText(at: 2))
      contact(id, try row.optionalText(at: 3))
    }
    var ends: [Int64: Int] = [:]
    ends.reserveCapacity(patients.count)
    for (id, dates) in patients {
      guard let start = Day(iso: dates.start), let last = latest[id].flatMap(Day.init(iso:)) else {
        throw RegistryError(.failure, "patient \(id) has a date that is not YYYY-MM-DD; run 'adreg check'")
      }
      var end = last
      if let text = dates.stop {
        guard let stop = Day(iso: text) else {
          throw RegistryError(.failure, "patient \(id) has a stop date that is not YYYY-MM-DD; run 'adreg check'")
        }
        end = min(end, stop)
      }
      ends[id] = end.days(since: start)
    }
    return ends
  }

  /// The time-on-treatment aggregates as of `asOf` for `site` (every site when nil).
  ///
  /// A patient whose first case of a category began on day e ≤ E (the end day) has an event at e; every other
  /// cohort patient is censored at E. A first case after the stop date is off treatment and not an event.
  /// - Parameter firsts: the cohort's first cases, when the caller has gathered them already.
  func timeOnTreatment(
    asOf: Day, site: String?, censor: CensorRule, firsts: [String: [FirstCase]]? = nil
  ) throws -> TimeOnTreatment {
    let firsts = try firsts ?? firstCases(asOf: asOf, site: site)
    let (counts, endDay) = try endDays(asOf: asOf, site: site, censor: censor)
    let patients = counts.values.reduce(0, +)
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
          let end = endDay(first)
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
      return TimeOnTreatment(patients: patients, tables: tables, withoutEvents: nobody, patientsWithCase: withCase)
    } catch let error as StatisticsError {
      throw RegistryError(.failure, "could not build the time-on-treatment table: \(error); run 'adreg check'")
    }
  }
}
