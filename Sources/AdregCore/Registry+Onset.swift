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
  /// them, and counted by `onsetAggregates(_:read:cohort:each:)`.
  func onsetAggregates(_ definition: CohortDefinition) throws -> OnsetAggregates {
    let (started, cases) = try cohortAndCases(asOf: definition.window.asOf, site: definition.site)
    return try onsetAggregates(definition, read: (started, cases), cohort: definition.cohort(started))
  }

  /// The onset aggregates of the cases in the window of the cohort's patients, for one registry or one site of it.
  ///
  /// The cases come in patient then onset order, so the day of each one's last dose on or before its onset is
  /// looked up through the (patient, date) index in that index's own order: each seek lands on or next to the page
  /// of the one before, where seeks in category order would each touch a page of their own. A registry without
  /// doses is not asked at all.
  /// - Parameters:
  ///   - read: the patients who started by as-of with their treatment days, and every non-withdrawn case in patient
  ///     then onset order (`cohortAndCases`); patients of other sites may be among the cases, and are left out.
  ///   - cohort: the totals the report states, counted by the caller from the same patients.
  ///   - each: called with every case counted: its patient and its category's position in `Category.allCases`.
  func onsetAggregates(
    _ definition: CohortDefinition, read: (cohort: CohortDays, cases: [CaseOnset]), cohort totals: Cohort,
    each: ((Int64, Int) -> Void)? = nil
  ) throws -> OnsetAggregates {
    let lastDose = try db.cachedStatement("SELECT max(dose_date) FROM dose WHERE patient_id = ? AND dose_date <= ?")
    let anyDoses = try db.scalar(Int.self, "SELECT EXISTS (SELECT 1 FROM dose)") == 1
    let categories = Category.allCases
    var days = Array(repeating: [Int](), count: categories.count)
    var sinceDose = days
    let window = definition.window
    for onset in read.cases {
      guard let treatment = read.cohort[onset.patientID],
        definition.contains(start: treatment.start, stop: treatment.stop),
        onset.onset <= window.end, onset.onset >= window.from ?? onset.onset
      else { continue }
      days[onset.category].append(onset.onset.days(since: treatment.start))
      each?(onset.patientID, onset.category)
      guard anyDoses else { continue }
      var last: Day?
      try lastDose.forEachRow([onset.patientID, onset.onset]) { row in
        guard let bytes = try row.utf8(at: 0) else { return }
        guard let day = Day(isoBytes: bytes) else {
          throw RegistryError(
            .failure, field: nil, "a dose of patient \(onset.patientID) has a date that is not YYYY-MM-DD",
            fix: "run \(task: .check)")
        }
        last = day
      }
      if let last { sinceDose[onset.category].append(onset.onset.days(since: last)) }
    }
    var onsetDays: [Category: DayCounts] = [:]
    var sinceLast: [Category: DayCounts] = [:]
    for (index, category) in categories.enumerated() {
      if !days[index].isEmpty { onsetDays[category] = DayCounts(days: days[index]) }
      if !sinceDose[index].isEmpty { sinceLast[category] = DayCounts(days: sinceDose[index]) }
    }
    return OnsetAggregates(cohort: totals, onsetDays: onsetDays, daysSinceLastDose: sinceLast)
  }
}
