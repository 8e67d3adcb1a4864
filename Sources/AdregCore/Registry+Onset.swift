import AdregDatabase

extension Registry {
  /// PRODUCT.md §6 "onset": when reactions begin, per category.
  public func onsetReport(_ options: ReportOptions) throws -> OnsetReport {
    let definition = try cohortDefinition(options)
    try mapForScans()
    return try read {
      try OnsetReport.make(try onsetAggregates(definition), window: definition.window, level: options.level)
    }
  }

  /// The onset report's aggregates for a cohort; call inside a read.
  ///
  /// The patients who started by as-of and every non-withdrawn case are read once, as the frequency report reads
  /// them, with the day of each case's last dose, and counted by `onsetAggregates(_:read:cohort:each:)`.
  func onsetAggregates(_ definition: CohortDefinition) throws -> OnsetAggregates {
    let (started, cases) = try cohortAndCases(asOf: definition.window.asOf, site: definition.site)
    let doses = try lastDoseDays(cases, window: definition.window)
    return try onsetAggregates(definition, read: (started, cases, doses), cohort: definition.cohort(started))
  }

  /// The onset aggregates of the cases in the window of the cohort's patients, for one registry or one site of it.
  /// - Parameters:
  ///   - read: the patients who started by as-of with their treatment days, every non-withdrawn case in patient
  ///     then onset order (`cohortAndCases`), and the day of each one's last dose (`lastDoseDays`). Patients of
  ///     other sites may be among the cases, and are left out.
  ///   - cohort: the totals the report states, counted by the caller from the same patients.
  ///   - each: called with every case counted: its patient and its category's position in `Category.allCases`.
  func onsetAggregates(
    _ definition: CohortDefinition, read: (cohort: CohortDays, cases: [CaseOnset], lastDoses: [Day?]),
    cohort totals: Cohort, each: ((Int64, Int) -> Void)? = nil
  ) throws -> OnsetAggregates {
    let categories = Category.allCases
    var days = Array(repeating: [Int](), count: categories.count)
    var sinceDose = days
    let window = definition.window
    for (index, onset) in read.cases.enumerated() {
      guard let treatment = read.cohort[onset.patientID],
        definition.contains(start: treatment.start, stop: treatment.stop),
        onset.onset <= window.end, onset.onset >= window.from ?? onset.onset
      else { continue }
      days[onset.category].append(onset.onset.days(since: treatment.start))
      each?(onset.patientID, onset.category)
      if let last = read.lastDoses[index] { sinceDose[onset.category].append(onset.onset.days(since: last)) }
    }
    var onsetDays: [Category: DayCounts] = [:]
    var sinceLast: [Category: DayCounts] = [:]
    for (index, category) in categories.enumerated() {
      if !days[index].isEmpty { onsetDays[category] = DayCounts(days: days[index]) }
      if !sinceDose[index].isEmpty { sinceLast[category] = DayCounts(days: sinceDose[index]) }
    }
    return OnsetAggregates(cohort: totals, onsetDays: onsetDays, daysSinceLastDose: sinceLast)
  }

  /// The day of the last dose on or before the onset of each of `cases` with onset in `window`, by position in
  /// `cases`; nil for a case without one, or outside the window.
  ///
  /// One statement walks the cases through the (patient, onset, category) index and looks each one's last dose up
  /// in a subquery, one step back from the onset (`max()` would visit every earlier dose). The lookups come in
  /// (patient, date) order, as the dose index is laid out, so each lands on or next to the page of the one before,
  /// where lookups in category order would each touch a page of their own. The rows meet `cases`, in the same
  /// order, by patient and onset: cases of a patient with one onset share their last dose, and withdrawn cases,
  /// absent from `cases`, are passed over. A registry without doses is not asked.
  /// - Parameter cases: non-withdrawn cases in patient then onset order, as `caseOnsets` reads them.
  func lastDoseDays(_ cases: [CaseOnset], window: ReportWindow) throws -> [Day?] {
    // On one snapshot every report's cases are the same list, every case of the registry.
    if let known = snapshotReads?.lastDoseDays[window], known.count == cases.count { return known }
    let days = try Registry.readLastDoseDays(db, cases, window: window)
    snapshotReads?.lastDoseDays[window] = days
    return days
  }

  /// `lastDoseDays` through a connection: this registry's, or a second one on another thread (`alongside`).
  static func readLastDoseDays(_ db: Connection, _ cases: [CaseOnset], window: ReportWindow) throws -> [Day?] {
    var days = [Day?](repeating: nil, count: cases.count)
    guard try db.scalar(Int.self, "SELECT EXISTS (SELECT 1 FROM dose)") == 1 else { return days }
    let statement = try db.cachedStatement(
      """
      SELECT c.patient_id, c.onset_date,
        (SELECT d.dose_date FROM dose d WHERE d.patient_id = c.patient_id AND d.dose_date <= c.onset_date
          ORDER BY d.dose_date DESC LIMIT 1)
      FROM case_report c INDEXED BY case_by_patient
      WHERE c.onset_date >= :from AND c.onset_date <= :end
      ORDER BY c.patient_id, c.onset_date
      """)
    var next = 0
    try statement.forEachRow(CohortDefinition(window: window).windowArguments) { row in
      let patient = try row.integer(at: 0)
      guard let lastBytes = try row.utf8(at: 2) else { return }
      guard let onsetBytes = try row.utf8(at: 1), let onset = Day(isoBytes: onsetBytes),
        let last = Day(isoBytes: lastBytes)
      else {
        throw RegistryError(
          .failure, field: nil, "a case or a dose of patient \(patient) has a date that is not YYYY-MM-DD",
          fix: "run \(task: .check)")
      }
      while next < cases.count,
        cases[next].patientID < patient || cases[next].patientID == patient && cases[next].onset < onset
      {
        next += 1
      }
      var same = next
      while same < cases.count, cases[same].patientID == patient, cases[same].onset == onset {
        days[same] = last
        same += 1
      }
    }
    return days
  }
}
