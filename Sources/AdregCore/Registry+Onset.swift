import AdregDatabase

extension Registry {
  /// PRODUCT.md §6 "onset": when reactions begin, per category.
  public func onsetReport(_ options: ReportOptions) throws -> OnsetReport {
    let definition = try cohortDefinition(options)
    return try read {
      try OnsetReport.make(try onsetAggregates(definition), window: definition.window, level: options.level)
    }
  }

  /// The onset report's aggregates for a cohort; call inside a read.
  ///
  /// Each category's cases come from the (category, onset, patient) index, their patient by id; the days are counted
  /// in Swift, as the rest of adreg counts them.
  func onsetAggregates(_ definition: CohortDefinition) throws -> OnsetAggregates {
    let (cohort, wholeRegistry) = try cohortTotals(definition)
    let withdrawn = try withdrawnCaseIDs()
    let statement = try db.cachedStatement(
      """
      SELECT c.id, c.onset_date, p.start_date,
        (SELECT max(d.dose_date) FROM dose d WHERE d.patient_id = c.patient_id AND d.dose_date <= c.onset_date)
      FROM case_report c CROSS JOIN patient p ON p.id = c.patient_id
      WHERE c.category = :category AND c.onset_date >= :from AND c.onset_date <= :end
      \(wholeRegistry ? "" : "AND " + CohortDefinition.condition)
      """)
    let arguments = wholeRegistry ? definition.windowArguments : definition.arguments
    var days: [Category: DayCounts] = [:]
    var sinceDose: [Category: DayCounts] = [:]
    for category in Category.allCases {
      var onsets: [Int] = []
      var sinceLast: [Int] = []
      try statement.forEachRow(arguments + ["category": category]) { row in
        let caseID = try row.integer(at: 0)
        guard !withdrawn.contains(caseID) else { return }
        guard let onset = Day(iso: try row.text(at: 1)), let start = Day(iso: try row.text(at: 2)) else {
          throw RegistryError(
            .failure, field: nil, "case \(caseID) or its patient has a date that is not YYYY-MM-DD",
            fix: "run \(task: .check)")
        }
        onsets.append(onset.days(since: start))
        if let dose = try row.optionalText(at: 3) {
          guard let last = Day(iso: dose) else {
            throw RegistryError(.failure, "a dose of case \(caseID)'s patient has a date that is not YYYY-MM-DD")
          }
          sinceLast.append(onset.days(since: last))
        }
      }
      if !onsets.isEmpty { days[category] = DayCounts(days: onsets) }
      if !sinceLast.isEmpty { sinceDose[category] = DayCounts(days: sinceLast) }
    }
    return OnsetAggregates(cohort: cohort, onsetDays: days, daysSinceLastDose: sinceDose)
  }
}
