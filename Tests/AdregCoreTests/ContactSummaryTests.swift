import AdregDatabase
import AdregFormats
import AdregStatistics
import Testing

@testable import AdregCore

/// Each patient's latest dose and visit are kept in `patient_contact` (migration v007) so that last-contact censoring
/// does not read every dose. These tests write doses and visits every way they can arrive — one at a time, imported
/// in files (grouped by patient or not, repeated, refused), and by hand past adreg — and compare each patient's
/// last-contact end day with §6 "Time on treatment" worked out from the logs themselves.
@Suite("latest contacts kept beside the logs")
struct ContactSummaryTests {
  static let today = Day(iso: "2025-06-30")!

  /// §6 from the rows: the days from start to the earlier of the stop date and the latest contact on or before
  /// as-of (start, doses, visits, onset and reported dates of non-withdrawn cases, follow-up dates), by patient id.
  static func expectedEnds(_ db: Connection, asOf: Day) throws -> [Int64: Int] {
    var latest: [Int64: Day] = [:]
    var treatment: [Int64: (start: Day, stop: Day?)] = [:]
    for row in try db.rows("SELECT id, start_date, stop_date FROM patient WHERE start_date <= ?", [asOf]) {
      let id = try row.decode(Int64.self, column: "id")
      let start = try row.decode(Day.self, column: "start_date")
      treatment[id] = (start, try row.decode(Day?.self, column: "stop_date"))
      latest[id] = start
    }
    let contacts = """
      SELECT patient_id, dose_date FROM dose UNION ALL SELECT patient_id, visit_date FROM visit
      UNION ALL SELECT patient_id, onset_date FROM case_report WHERE id NOT IN (SELECT case_id FROM case_withdrawal)
      UNION ALL SELECT patient_id, reported_date FROM case_report WHERE id NOT IN (SELECT case_id FROM case_withdrawal)
      UNION ALL SELECT c.patient_id, substr(f.recorded_at, 1, 10) FROM follow_up f JOIN case_report c ON c.id = f.case_id
      UNION ALL SELECT c.patient_id, f.outcome_date FROM follow_up f JOIN case_report c ON c.id = f.case_id
        WHERE f.outcome_date IS NOT NULL
      """
    for row in try db.rows(contacts) {
      let id = try row.decode(Int64.self, at: 0)
      let day = try row.decode(Day.self, at: 1)
      if let known = latest[id], day <= asOf, day > known { latest[id] = day }
    }
    var ends: [Int64: Int] = [:]
    for (id, (start, stop)) in treatment {
      let last = latest[id] ?? start
      ends[id] = min(stop ?? last, last).days(since: start)
    }
    return ends
  }

  /// adreg's end days for the same cohort, through the summary.
  static func ends(_ registry: Registry, asOf: Day) throws -> [Int64: Int] {
    let cohort = try registry.cohortDays(asOf: asOf, site: nil)
    let table = try registry.lastContactEndDays(cohort, asOf: asOf)
    var ends: [Int64: Int] = [:]
    cohort.forEach { id, _, _ in ends[id] = table[id] }
    return ends
  }

  static func importText(_ registry: Registry, _ kind: RecordKind, _ lines: [String]) throws -> ImportSummary {
    let bytes = Array(lines.joined(separator: "\n").utf8)
    return try registry.importRecords(
      kind, from: CSVReader(bytes: bytes), source: ImportSource(name: "\(kind.rawValue).csv", bytes: bytes.count))
  }

  /// `check`'s damage lines about the summary.
  static func summaryDamage(_ f: ReportFixture) throws -> [String] {
    try Registry.check(at: f.folder.path("r.sqlite")).damage.filter { $0.contains("patient_contact") }
  }

  @Test("doses and visits added one at a time, imported grouped and interleaved, repeated and edited by hand", arguments: [1, 2, 3])
  func everyWay(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    let f = try ReportFixture()
    let first = Day(iso: "2024-01-01")!
    var codes: [String] = []
    for i in 0..<40 {
      let start = first.adding(days: random.below(Self.today.days(since: first) + 1))
      let stop = random.chance(0.3) ? min(start.adding(days: random.below(300)), Self.today) : nil
      codes.append("S-\(i)")
      try f.patient(codes[i], start: start.iso, stop: stop?.iso)
      if random.chance(0.3) { _ = try f.reaction(codes[i], "facial-redness", onset: min(start.adding(days: 20), stop ?? Self.today).iso) }
    }
    let starts = try f.registry.db.rows("SELECT code, start_date, stop_date FROM patient").reduce(into: [String: (Day, Day)]()) {
      $0[try $1.decode(String.self, column: "code")] = (
        try $1.decode(Day.self, column: "start_date"), try $1.decode(Day?.self, column: "stop_date") ?? Self.today
      )
    }
    func someDay(_ code: String) -> Day {
      let (start, end) = starts[code]!
      return start.adding(days: random.below(end.days(since: start) + 1))
    }
    // One at a time, as `dose add` and `visit add` write them.
    for code in codes.prefix(10) {
      for _ in 0..<3 {
        let day = someDay(code)
        if (try? f.registry.addDose(code: code, date: day.iso)) == nil { continue }
      }
      _ = try f.registry.addVisit(code: code, date: someDay(code).iso, note: nil)
    }
    // A file grouped by patient, then one whose patients interleave, and the first again (every row present).
    var grouped = ["site,patient_code,dose_date"]
    for code in codes[10..<25] {
      for day in Set((0..<4).map { _ in someDay(code) }).sorted(by: >) { grouped.append("main,\(code),\(day.iso)") }
    }
    var interleaved = ["site,patient_code,visit_date,note"]
    for _ in 0..<60 {
      let code = codes[random.below(codes.count)]
      interleaved.append("main,\(code),\(someDay(code).iso),")
    }
    interleaved = [interleaved[0]] + Array(Set(interleaved.dropFirst())).sorted { _, _ in random.chance(0.5) }
    #expect(try Self.importText(f.registry, .doses, grouped).written == grouped.count - 1)
    _ = try Self.importText(f.registry, .visits, interleaved)
    #expect(try Self.importText(f.registry, .doses, grouped).alreadyPresent == grouped.count - 1)
    // A file refused for one bad row writes nothing, the summary included.
    let later = codes[30]
    let before = try Self.ends(f.registry, asOf: Self.today)
    #expect(throws: RegistryError.self) {
      try Self.importText(f.registry, .doses, ["site,patient_code,dose_date", "main,\(later),\(Self.today.iso)", "main,nobody,2025-01-01"])
    }
    #expect(try Self.ends(f.registry, asOf: Self.today) == before)
    #expect(try Self.summaryDamage(f).isEmpty)
    // By hand, past adreg: a dose appended, a summarised dose moved, another deleted.
    let db = f.registry.db
    let id = try #require(try db.scalar(Int64.self, "SELECT id FROM patient WHERE code = ?", [later]))
    try db.execute(
      "INSERT INTO dose (patient_id, dose_date, created_at) VALUES (?, ?, 'x')", [id, starts[later]!.1])
    let moved = try #require(try db.scalar(Int64.self, "SELECT id FROM dose WHERE patient_id IN (SELECT id FROM patient WHERE code = 'S-12') ORDER BY dose_date DESC"))
    try db.execute(
      "UPDATE dose SET dose_date = (SELECT stop_date FROM patient WHERE id = dose.patient_id) WHERE id = ? AND (SELECT stop_date FROM patient WHERE id = dose.patient_id) IS NOT NULL", [moved])
    try db.execute("DELETE FROM dose WHERE id = (SELECT max(id) FROM dose WHERE patient_id IN (SELECT id FROM patient WHERE code = 'S-20'))")
    try db.execute("DELETE FROM visit WHERE id = (SELECT min(id) FROM visit)")
    #expect(try Self.summaryDamage(f).isEmpty)
    // As of today the summary answers alone; as of earlier dates many latest doses are later, looked up instead.
    for asOf in [Self.today, Day(iso: "2025-01-15")!, Day(iso: "2024-06-01")!] {
      let expected = try Self.expectedEnds(db, asOf: asOf)
      #expect(!expected.isEmpty)
      #expect(try Self.ends(f.registry, asOf: asOf) == expected, "as of \(asOf.iso)")
    }
    // The next write through adreg folds the hand-added dose in; the figures stay.
    _ = try f.registry.addDose(code: codes[0], date: Self.today.iso)
    #expect(try Self.ends(f.registry, asOf: Self.today) == Self.expectedEnds(db, asOf: Self.today))
    #expect(try db.scalar(Int64.self, "SELECT dose_id FROM contact_mark") == db.scalar(Int64.self, "SELECT max(id) FROM dose"))
    #expect(try Self.summaryDamage(f).isEmpty)
  }

  @Test("a summarised row replaced by hand under its old id is what check reports")
  func checkFindsStaleSummary() throws {
    let f = try ReportFixture()
    try f.patient("P-01", start: "2025-01-01")
    _ = try f.registry.addDose(code: "P-01", date: "2025-02-01")
    _ = try f.registry.addDose(code: "P-01", date: "2025-03-01")
    #expect(try Self.summaryDamage(f).isEmpty)
    let db = f.registry.db
    // Deleting the later dose recomputes the summary (2025-02-01); writing it back under its old id, below the
    // mark, goes around it: the only hand edit the summary cannot see, and `check` names it.
    let last = try #require(try db.scalar(Int64.self, "SELECT max(id) FROM dose"))
    try db.execute("DELETE FROM dose WHERE id = ?", [last])
    #expect(try db.scalar(String.self, "SELECT last_dose FROM patient_contact") == "2025-02-01")
    #expect(try Self.summaryDamage(f).isEmpty)
    try db.execute("INSERT INTO dose (id, patient_id, dose_date, created_at) VALUES (?, 1, '2025-03-01', 'x')", [last])
    #expect(try Self.summaryDamage(f) == [
      "the latest dose or visit of 1 patient(s) in patient_contact disagrees with the dose and visit logs (rows changed past adreg); restore a backup"
    ])
    try db.execute("UPDATE patient_contact SET last_dose = '2025-03-01'")
    #expect(try Self.summaryDamage(f).isEmpty)
    try db.execute("DELETE FROM contact_mark")
    #expect(try Registry.check(at: f.folder.path("r.sqlite")).damage.contains {
      $0.contains("contact_mark") && $0.contains("missing")
    })
  }
}
