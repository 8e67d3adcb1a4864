import AdregDatabase

extension Registry {
  /// Each cohort patient's end day under `last-contact`: days from start to the earlier of the stop date and the
  /// latest contact on or before as-of — start, doses, visits, onset and reported dates of non-withdrawn cases, and
  /// the dates their follow-ups were entered and their outcomes.
  ///
  /// The latest dose and visit come from the summary of each patient's latest contacts (`patient_contact`), with the
  /// rows logged above its mark read from the logs; a patient whose latest one is after as-of has the last one on or
  /// before it looked up through the (patient, date) index.
  func lastContactEndDays(_ cohort: CohortDays, asOf: Day) throws -> PatientDayTable {
    let largest = try db.scalar(Int64.self, "SELECT max(id) FROM patient") ?? 0
    let bound = largest < 1 << 26 ? largest + 1 : 0
    var latest = PatientDayTable(bound: bound)
    cohort.forEach { id, start, _ in latest[id] = start.number }
    func contact(_ id: Int64, _ day: Day?) {
      guard let day, day <= asOf, let known = latest[id], day.number > known else { return }
      latest[id] = day.number
    }
    let store = ContactSummaryStore(db: db)
    var marks: [ContactSummaryStore.Log: Int64] = [:]
    for log in ContactSummaryStore.Log.allCases { marks[log] = try store.mark(log) }
    var afterAsOf: [(ContactSummaryStore.Log, Int64)] = []
    var reader = ISODayReader()
    try db.cachedStatement("SELECT patient_id, last_dose, last_visit FROM patient_contact").forEachRow { row in
      let id = try row.integer(at: 0)
      guard latest[id] != nil else { return }
      for (column, log) in [(1, ContactSummaryStore.Log.dose), (2, .visit)] {
        guard let day = try storedDay(row, column, &reader, "the latest contacts of patient \(id)") else { continue }
        if day <= asOf { contact(id, day) } else { afterAsOf.append((log, id)) }
      }
    }
    for log in ContactSummaryStore.Log.allCases {
      let limit: StatementArguments = [marks[log] ?? 0, asOf]
      // Rows above the mark, by the rowid range: a GROUP BY would have SQLite walk the whole (patient, date) index.
      try db.cachedStatement(
        "SELECT patient_id, \(log.dateColumn) FROM \(log.table) WHERE id > ? AND \(log.dateColumn) <= ?"
      ).forEachRow(limit) { row in
        let id = try row.integer(at: 0)
        contact(id, try storedDay(row, 1, &reader, "a dose or visit of patient \(id)"))
      }
    }
    for (log, id) in afterAsOf {
      try db.cachedStatement(
        "SELECT max(\(log.dateColumn)) FROM \(log.table) WHERE patient_id = ? AND \(log.dateColumn) <= ?"
      ).forEachRow([id, asOf]) { row in
        contact(id, try storedDay(row, 0, &reader, "a dose or visit of patient \(id)"))
      }
    }
    let withdrawn = try withdrawnCaseIDs()
    // Each non-withdrawn case's patient by case id, for its follow-ups (Int64.min for none).
    let largestCase = try db.scalar(Int64.self, "SELECT max(id) FROM case_report") ?? 0
    var owners = [Int64](repeating: .min, count: largestCase < 1 << 26 ? Int(largestCase) + 1 : 0)
    var ownersAbove: [Int64: Int64] = [:]
    try db.cachedStatement("SELECT id, patient_id, onset_date, reported_date FROM case_report").forEachRow { row in
      let caseID = try row.integer(at: 0)
      guard !withdrawn.contains(caseID) else { return }
      let id = try row.integer(at: 1)
      if caseID >= 0, caseID < owners.count { owners[Int(caseID)] = id } else { ownersAbove[caseID] = id }
      contact(id, try storedDay(row, 2, &reader, "case \(caseID)"))
      contact(id, try storedDay(row, 3, &reader, "case \(caseID)"))
    }
    // A follow-up's date entered is the first ten bytes of its recorded_at.
    try db.cachedStatement("SELECT case_id, recorded_at, outcome_date FROM follow_up").forEachRow { row in
      let caseID = try row.integer(at: 0)
      let owner = caseID >= 0 && caseID < owners.count ? owners[Int(caseID)] : ownersAbove[caseID] ?? .min
      guard owner != .min else { return }
      if let recorded = try row.utf8(at: 1) {
        guard let day = reader.day(UnsafeBufferPointer(rebasing: recorded.prefix(10))) else {
          throw RegistryError(
            .failure, field: nil, "a follow-up of case \(caseID) has a date that is not YYYY-MM-DD",
            fix: "run \(task: .check)")
        }
        contact(owner, day)
      }
      contact(owner, try storedDay(row, 2, &reader, "a follow-up of case \(caseID)"))
    }
    var ends = PatientDayTable(bound: bound)
    cohort.forEach { id, start, stop in
      let last = latest[id].map(Day.init(number:)) ?? start
      ends[id] = min(stop ?? last, last).days(since: start)
    }
    return ends
  }
}
