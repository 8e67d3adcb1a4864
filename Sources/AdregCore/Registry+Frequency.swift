extension Registry {
  /// PRODUCT.md §6 "frequency": per category the share of the cohort with a reaction, its CI, the episode rate, the
  /// first-event rate, and every trial reference compared time-matched or crude.
  public func frequencyReport(_ options: ReportOptions) throws -> FrequencyReport {
    let definition = try cohortDefinition(options)
    try mapForScans()
    return try read {
      try FrequencyReport.make(
        try frequencyAggregates(definition), window: definition.window, references: try references(), options: options)
    }
  }

  /// The frequency report's aggregates for a cohort; call inside a read.
  ///
  /// One read of the patients who started by as-of and one pass over the cases give every figure: the window's
  /// cohort and exposure, its cases, and the first cases and life tables.
  func frequencyAggregates(_ definition: CohortDefinition) throws -> FrequencyAggregates {
    try gatherFrequency(definition).aggregates
  }

  /// The frequency aggregates with the cohort's treatment days and first cases they came from, which the
  /// time-on-treatment tables under `last-contact` are built from too.
  /// - Parameter read: the cohort's treatment days and every non-withdrawn case, when read already.
  func gatherFrequency(
    _ definition: CohortDefinition, read: (cohort: CohortDays, cases: [CaseOnset])? = nil
  ) throws -> (aggregates: FrequencyAggregates, gathered: (cohort: CohortDays, firsts: [ReportCategory: [FirstCase]])) {
    let window = definition.window
    let (started, onsets) = try read ?? cohortAndCases(asOf: window.asOf, site: definition.site)
    let cohort = definition.cohort(started)
    var patients = Array(repeating: 0, count: ReportCategory.all.count)
    var episodes = patients
    var current = Int64.min
    var seen = 0
    let firsts = try firstCases(started, cases: onsets) { category, patientID, onset, days in
      guard definition.contains(start: days.start, stop: days.stop), onset <= window.end, onset >= window.from ?? onset
      else { return }
      if patientID != current {
        current = patientID
        seen = 0
      }
      // The last slot counts `any`.
      let any = patients.count - 1
      episodes[category] += 1
      episodes[any] += 1
      if seen & 1 << category == 0 { patients[category] += 1 }
      if seen & 1 << any == 0 { patients[any] += 1 }
      seen |= 1 << category | 1 << any
    }
    var categories: [ReportCategory: CategoryCounts] = [:]
    for (index, category) in ReportCategory.all.enumerated() where episodes[index] > 0 || firsts[category] != nil {
      let first = firstEvents(firsts[category] ?? [], definition, cohort: cohort)
      categories[category] = CategoryCounts(
        patients: patients[index], episodes: episodes[index], firstEventPatients: first.patients,
        firstEventDays: first.days)
    }
    // Time-matched comparisons count from each patient's start as of as-of, whatever the window.
    let time = try timeOnTreatment(asOf: window.asOf, site: definition.site, censor: .asOf, gathered: (started, firsts))
    return (FrequencyAggregates(cohort: cohort, categories: categories, time: time), (started, firsts))
  }

  /// The first-event counts of PRODUCT.md §6: patients whose first case began in the window on treatment, and the
  /// days at risk — the cohort's exposure less, for each patient with a first case, the days of the window after it.
  private func firstEvents(
    _ firsts: [FirstCase], _ definition: CohortDefinition, cohort: Cohort
  ) -> (patients: Int, days: Int) {
    let end = definition.window.end
    let from = definition.window.from
    var patients = 0
    var daysAfterFirstOnset = 0
    for first in firsts {
      guard definition.contains(start: first.start, stop: first.stop) else { continue }
      let firstDay = max(first.start, from ?? first.start)
      let lastDay = min(first.stop ?? end, end)
      let exposed = max(0, lastDay.days(since: firstDay) + 1)
      let atRisk = max(0, min(lastDay, first.onset).days(since: firstDay) + 1)
      daysAfterFirstOnset += exposed - atRisk
      let onTreatment = first.stop.map { first.onset <= $0 } ?? true
      if onTreatment, first.onset <= end, from.map({ first.onset >= $0 }) ?? true { patients += 1 }
    }
    return (patients, cohort.exposureDays - daysAfterFirstOnset)
  }
}
