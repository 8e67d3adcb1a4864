import AdregDatabase
import AdregStatistics

extension Registry {
  /// The report window for these options, with "today" as its cap.
  func window(_ options: ReportOptions) throws -> ReportWindow {
    guard options.level > 0, options.level < 1, options.level.isFinite else {
      throw RegistryError.invalid("level: \(options.level) is not a confidence level; give one between 0 and 1, e.g. 0.95")
    }
    if let from = options.from, let to = options.to, from > to {
      throw RegistryError.invalid("from: \(from.iso) is after --to \(to.iso); the window would be empty")
    }
    if let site = options.site { _ = try Validate.site(site, field: "site") }
    return ReportWindow(asOf: today, from: options.from, to: options.to)
  }

  /// The bound values every cohort query takes: ?1 from, ?2 end, ?3 site.
  private func cohortArguments(_ window: ReportWindow, _ options: ReportOptions) -> [DatabaseValue] {
    // An open start is the earliest date that sorts as text: '0001-01-01'.
    [.text(window.from?.iso ?? "0001-01-01"), .text(window.end.iso), options.site.map { .text($0) } ?? .null]
  }

  /// The cohort condition on `p`, shared by every report query.
  private static let cohortCondition = """
    p.start_date <= ?2 AND (p.stop_date IS NULL OR p.stop_date >= ?1) AND (?3 IS NULL OR p.site = ?3)
    """

  /// The cohort's size and exposure, and whether it is every patient of the registry.
  ///
  /// Exposure is the sum over cohort patients of `last − first + 1` days, where first is the later of start and
  /// `from`, and last the earlier of stop (or the end) and the end. The sum splits into a part per start date and
  /// a part per stop date, so the queries read counts per date — a few thousand rows through the start and stop
  /// indexes — instead of one row per patient:
  /// - S, patients who started by the end, counted per start date;
  /// - X, patients of S who stopped before `from`: S without X is the cohort;
  /// - Y, patients who stopped within the window before its end: their last day is the stop, everyone else's the end.
  func cohortTotals(_ window: ReportWindow, _ options: ReportOptions) throws -> (cohort: Cohort, isWholeRegistry: Bool) {
    let end = window.end
    let site = options.site.map { DatabaseValue.text($0) }
    let siteCondition = site == nil ? "" : " AND site = ?2"
    var registryPatients = 0
    var started = 0
    var firstDays = 0
    for row in try db.rows(
      "SELECT start_date, count(*) AS n FROM patient WHERE 1\(siteCondition) GROUP BY start_date",
      site.map { [.null, $0] } ?? [])
    {
      let n = try row.decode(Int.self, column: "n")
      let start = try day(row, "start_date")
      registryPatients += n
      guard start <= end else { continue }
      started += n
      firstDays += n * max(start, window.from ?? start).number
    }
    var stoppedBefore = 0
    if let from = window.from {
      // Those who started after the end are not in S, when an early --as-of ends the window before `from`.
      stoppedBefore = try db.scalar(
        Int.self,
        "SELECT count(*) FROM patient WHERE stop_date IS NOT NULL AND stop_date < ?1 AND start_date <= ?3\(siteCondition)",
        [.text(from.iso), site ?? .null, .text(end.iso)]) ?? 0
      firstDays -= stoppedBefore * from.number
    }
    let patients = started - stoppedBefore
    var stoppedWithin = 0
    var lastDays = 0
    for row in try db.rows(
      """
      SELECT stop_date, count(*) AS n FROM patient
      WHERE stop_date IS NOT NULL AND stop_date >= ?1 AND stop_date < ?3\(siteCondition) GROUP BY stop_date
      """, [.text(window.from?.iso ?? "0001-01-01"), site ?? .null, .text(end.iso)])
    {
      let n = try row.decode(Int.self, column: "n")
      stoppedWithin += n
      lastDays += n * (try day(row, "stop_date")).number
    }
    lastDays += (patients - stoppedWithin) * end.number
    // Every patient's overlap is empty when the window starts after its end (a --from later than --as-of);
    // otherwise no patient's term is negative, so the sums need no clamping.
    let empty = window.from.map { $0 > end } ?? false
    let cohort = Cohort(patients: patients, exposureDays: empty ? 0 : lastDays - firstDays + patients)
    return (cohort, site == nil && patients == registryPatients)
  }

  /// Per category with cases (and `any`), the cohort patients with a non-withdrawn case with onset in the
  /// window, and the number of such cases.
  private func affectedPatients(
    _ window: ReportWindow, _ options: ReportOptions, wholeRegistry: Bool
  ) throws -> [String: (patients: PatientIDSet, episodes: Int)] {
    var affected: [String: (patients: PatientIDSet, episodes: Int)] = [:]
    // The cases of each category come from the (category, onset, patient) index; their patients are told apart
    // in Swift, which costs less than SQLite's DISTINCT over a temporary b-tree. When every patient is in the
    // cohort no join is needed; otherwise each case's patient is looked up by id, from the case, never the
    // other way round.
    let withdrawn = try withdrawnCaseIDs()
    // A bit per patient id up to the largest; larger bounds (ids written by hand) fall back to hashing.
    let largest = try db.scalar(Int64.self, "SELECT max(id) FROM patient") ?? 0
    let bound = largest < 1 << 26 ? largest + 1 : 0
    let statement = try db.cachedStatement(
      wholeRegistry
        ? "SELECT c.id, c.patient_id FROM case_report c WHERE c.category = ?4 AND c.onset_date >= ?1 AND c.onset_date <= ?2"
        : """
          SELECT c.id, c.patient_id FROM case_report c CROSS JOIN patient p ON p.id = c.patient_id
          WHERE c.category = ?4 AND c.onset_date >= ?1 AND c.onset_date <= ?2 AND \(Registry.cohortCondition)
          """)
    var anyPatients = PatientIDSet(bound: bound)
    var episodes = 0
    for category in Vocabulary.category.codes {
      var patients = PatientIDSet(bound: bound)
      var categoryEpisodes = 0
      try statement.forEachRow(cohortArguments(window, options) + [.text(category)]) { row in
        guard !withdrawn.contains(try row.integer(at: 0)) else { return }
        patients.insert(try row.integer(at: 1))
        categoryEpisodes += 1
      }
      guard categoryEpisodes > 0 else { continue }
      affected[category] = (patients, categoryEpisodes)
      anyPatients.formUnion(patients)
      episodes += categoryEpisodes
    }
    affected["any"] = (anyPatients, episodes)
    return affected
  }

  /// Ids of withdrawn cases. They are few, so the reports leave them out in Swift rather than look each case up
  /// in SQL.
  func withdrawnCaseIDs() throws -> Set<Int64> {
    var withdrawn = Set<Int64>()
    try db.cachedStatement("SELECT case_id FROM case_withdrawal").forEachInteger { withdrawn.insert($0) }
    return withdrawn
  }

  /// Maps the registry file into memory for this connection: a report reads most pages of a large registry, and
  /// mapped pages are read in place instead of being copied through `read(2)` one by one. Listings and exports
  /// stream and keep their memory flat, so only reports ask for it.
  func mapForScans() throws {
    try translatingErrors { try db.execute(script: "PRAGMA mmap_size = 4294967296") }
  }

  /// PRODUCT.md §6 "frequency": per category the share of the cohort with a reaction, its CI, the episode rate, the
  /// first-event rate, and every trial reference compared time-matched or crude.
  public func frequencyReport(_ options: ReportOptions) throws -> FrequencyReport {
    let window = try window(options)
    try mapForScans()
    return try read {
      // One read of the patients who started by as-of and one pass over the cases give every figure: the window's
      // cohort and exposure, its cases, and the first cases and life tables.
      let (started, onsets) = try cohortAndCases(asOf: window.asOf, site: options.site)
      let cohort = Registry.windowCohort(started, window)
      var counts: [String: (patients: Int, episodes: Int)] = [:]
      var patients = Array(repeating: 0, count: Vocabulary.category.codes.count + 1)
      var episodes = patients
      var current = Int64.min
      var seen = 0
      let firsts = try firstCases(started, cases: onsets) { category, patientID, onset, days in
        guard Registry.inWindow(days, window), onset <= window.end, onset >= window.from ?? onset else { return }
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
      for (index, category) in (Vocabulary.category.codes + ["any"]).enumerated() where episodes[index] > 0 || category == "any" {
        counts[category] = (patients[index], episodes[index])
      }
      // Time-matched comparisons count from each patient's start as of as-of, whatever the window.
      let time = try timeOnTreatment(
        asOf: window.asOf, site: options.site, censor: .asOf, gathered: (started, firsts))
      let references = Dictionary(grouping: try self.references(), by: \.category)
      var rows: [FrequencyRow] = []
      for category in Vocabulary.category.codes + ["any"]
      where category == "any" || counts[category] != nil || references[category] != nil {
        let count = counts[category] ?? (0, 0)
        var row = try frequencyRow(
          category: category, x: count.patients, episodes: count.episodes, cohort: cohort, options: options)
        try addFirstEvents(to: &row, firsts: firsts[category] ?? [], window: window, cohort: cohort, level: options.level)
        let crude = row.ciLow.flatMap { low in row.ciHigh.map { CrudeFigure(x: row.patientsWithReaction, n: row.patients, ciLow: low, ciHigh: $0) } }
        do {
          row.references = try (references[category] ?? []).map {
            try ReferenceComparison.compare(
              $0, crude: crude, table: time.table(category), level: options.level,
              includeUnverified: options.includeUnverified)
          }
        } catch let error as StatisticsError {
          throw RegistryError(.failure, "could not compare the \(category) row with its references: \(error)")
        }
        rows.append(row)
      }
      return FrequencyReport(window: window, level: options.level, method: options.method, cohort: cohort, rows: rows)
    }
  }

  private func frequencyRow(
    category: String, x: Int, episodes: Int, cohort: Cohort, options: ReportOptions
  ) throws -> FrequencyRow {
    let n = cohort.patients
    var row = FrequencyRow(
      category: category, patientsWithReaction: x, patients: n, episodes: episodes, references: [])
    do {
      if n > 0 {
        let interval = options.method == .wilson
          ? try Proportion.wilson(successes: x, trials: n, level: options.level)
          : try Proportion.clopperPearson(successes: x, trials: n, level: options.level)
        row.percent = 100 * Double(x) / Double(n)
        row.ciLow = 100 * interval.lower
        row.ciHigh = 100 * interval.upper
      }
      if cohort.exposureDays > 0 {
        let years = cohort.patientYears
        let counts = try PoissonRate.countInterval(events: episodes, level: options.level)
        row.ratePer100PY = 100 * Double(episodes) / years
        row.rateCILow = 100 * counts.lower / years
        row.rateCIHigh = 100 * counts.upper / years
      }
    } catch let error as StatisticsError {
      throw RegistryError(.failure, "could not compute the \(category) row: \(error)")
    }
    return row
  }

  /// Whether a patient with these treatment days is in the window's cohort: started by its end, not stopped before
  /// its start.
  static func inWindow(_ days: (start: Day, stop: Day?), _ window: ReportWindow) -> Bool {
    let stoppedBefore = window.from.flatMap { from in days.stop.map { $0 < from } } ?? false
    return days.start <= window.end && !stoppedBefore
  }

  /// The window's cohort and its exposure: the inclusive overlap of [start, stop or as-of] with the window.
  static func windowCohort(_ started: CohortDays, _ window: ReportWindow) -> Cohort {
    var patients = 0
    var days = 0
    started.forEach { _, start, stop in
      guard inWindow((start, stop), window) else { return }
      patients += 1
      let first = max(start, window.from ?? start)
      let last = min(stop ?? window.end, window.end)
      days += max(0, last.days(since: first) + 1)
    }
    return Cohort(patients: patients, exposureDays: days)
  }

  /// The first-event rate of PRODUCT.md §6: patients whose first case began in the window on treatment, over the
  /// days at risk — the cohort's exposure less, for each patient with a first case, the days of the window after it.
  private func addFirstEvents(
    to row: inout FrequencyRow, firsts: [FirstCase], window: ReportWindow, cohort: Cohort, level: Double
  ) throws {
    let end = window.end
    let from = window.from
    var patients = 0
    var daysAfterFirstOnset = 0
    for first in firsts {
      guard Registry.inWindow((first.start, first.stop), window) else { continue }
      let firstDay = max(first.start, from ?? first.start)
      let lastDay = min(first.stop ?? end, end)
      let exposed = max(0, lastDay.days(since: firstDay) + 1)
      let atRisk = max(0, min(lastDay, first.onset).days(since: firstDay) + 1)
      daysAfterFirstOnset += exposed - atRisk
      let onTreatment = first.stop.map { first.onset <= $0 } ?? true
      if onTreatment, first.onset <= end, from.map({ first.onset >= $0 }) ?? true { patients += 1 }
    }
    row.firstEventPatients = patients
    row.firstEventDays = cohort.exposureDays - daysAfterFirstOnset
    guard row.firstEventDays > 0 else { return }
    do {
      let years = row.firstEventYears
      let counts = try PoissonRate.countInterval(events: patients, level: level)
      row.firstEventRatePer100PY = 100 * Double(patients) / years
      row.firstEventRateCILow = 100 * counts.lower / years
      row.firstEventRateCIHigh = 100 * counts.upper / years
    } catch let error as StatisticsError {
      throw RegistryError(.failure, "could not compute the \(row.category) first-event rate: \(error)")
    }
  }

  /// PRODUCT.md §6 "onset": when reactions begin, per category.
  public func onsetReport(_ options: ReportOptions) throws -> OnsetReport {
    let window = try window(options)
    return try read {
      let (cohort, wholeRegistry) = try cohortTotals(window, options)
      let withdrawn = try withdrawnCaseIDs()
      // Each category's cases from the (category, onset, patient) index, their patient by id; the days are
      // counted in Swift, as the rest of adreg counts them.
      let statement = try db.cachedStatement(
        """
        SELECT c.id, c.onset_date, p.start_date,
          (SELECT max(d.dose_date) FROM dose d WHERE d.patient_id = c.patient_id AND d.dose_date <= c.onset_date)
        FROM case_report c CROSS JOIN patient p ON p.id = c.patient_id
        WHERE c.category = ?4 AND c.onset_date >= ?1 AND c.onset_date <= ?2\(wholeRegistry ? "" : " AND " + Registry.cohortCondition)
        """)
      var days: [String: [Int]] = [:]
      var sinceDose: [String: [Int]] = [:]
      for category in Vocabulary.category.codes {
        try statement.forEachRow(cohortArguments(window, options) + [.text(category)]) { row in
          let caseID = try row.integer(at: 0)
          guard !withdrawn.contains(caseID) else { return }
          guard let onset = Day(iso: try row.text(at: 1)), let start = Day(iso: try row.text(at: 2)) else {
            throw RegistryError(.failure, "case \(caseID) or its patient has a date that is not YYYY-MM-DD; run 'adreg check'")
          }
          days[category, default: []].append(onset.days(since: start))
          if let dose = try row.optionalText(at: 3) {
            guard let last = Day(iso: dose) else {
              throw RegistryError(.failure, "a dose of case \(caseID)'s patient has a date that is not YYYY-MM-DD")
            }
            sinceDose[category, default: []].append(onset.days(since: last))
          }
        }
      }
      days = days.mapValues { $0.sorted() }
      let rows = try Vocabulary.category.codes.compactMap { category -> OnsetRow? in
        guard let values = days[category], !values.isEmpty else { return nil }
        return try onsetRow(category: category, days: values, sinceDose: (sinceDose[category] ?? []).sorted(), level: options.level)
      }
      return OnsetReport(window: window, level: options.level, cohort: cohort, rows: rows)
    }
  }

  private func onsetRow(category: String, days: [Int], sinceDose: [Int], level: Double) throws -> OnsetRow {
    let sorted = days.map(Double.init)
    do {
      var bins: [OnsetBin] = []
      if let last = days.last {
        for bin in 0...(last / 28) {
          let low = bin * 28
          bins.append(OnsetBin(fromDay: low, toDay: low + 27, count: days.filter { $0 >= low && $0 <= low + 27 }.count))
        }
      }
      var weibull: OnsetWeibull?
      if days.count >= 5, Set(days).count > 1 {
        // Fitted to the day of treatment (days since start + 1) so that onset on the first day is 1, never 0.
        let fit = try WeibullFit.fit(days.map { Double($0 + 1) }, level: level)
        let pattern = fit.shapeUpper < 1 ? "early" : fit.shapeLower > 1 ? "late" : "random"
        weibull = OnsetWeibull(
          shape: fit.shape, shapeLow: fit.shapeLower, shapeHigh: fit.shapeUpper, scale: fit.scale, pattern: pattern)
      }
      return OnsetRow(
        category: category, episodes: days.count,
        medianDays: try Quantile.type7(sorted: sorted, probability: 0.5),
        q1Days: try Quantile.type7(sorted: sorted, probability: 0.25),
        q3Days: try Quantile.type7(sorted: sorted, probability: 0.75),
        minDays: days[0], maxDays: days[days.count - 1],
        within16WeeksPercent: 100 * Double(days.filter { $0 <= 112 }.count) / Double(days.count),
        histogram: bins,
        medianDaysSinceLastDose: sinceDose.isEmpty ? nil : try Quantile.type7(sorted: sinceDose.map(Double.init), probability: 0.5),
        episodesWithDose: sinceDose.count, weibull: weibull)
    } catch let error as StatisticsError {
      throw RegistryError(.failure, "could not compute the \(category) onset row: \(error)")
    }
  }

  /// PRODUCT.md §6 "risk": per baseline risk factor and category, the risk ratio with a Katz log CI.
  public func riskReport(_ options: ReportOptions) throws -> RiskReport {
    let window = try window(options)
    return try read {
      let (cohort, wholeRegistry) = try cohortTotals(window, options)
      let hits = try affectedPatients(window, options, wholeRegistry: wholeRegistry)
      let affected = hits.mapValues { $0.patients.count }
      // Each factor's cohort patients, from the (code, patient) index; affected ones are found in the sets above.
      var withFactor: [String: Int] = [:]
      var affectedWithFactor: [String: [String: Int]] = [:]
      let statement = try db.cachedStatement(
        wholeRegistry
          ? "SELECT rf.patient_id FROM patient_risk_factor rf WHERE rf.code = ?4"
          : """
            SELECT rf.patient_id FROM patient_risk_factor rf CROSS JOIN patient p ON p.id = rf.patient_id
            WHERE rf.code = ?4 AND \(Registry.cohortCondition)
            """)
      for factor in Vocabulary.riskFactor.codes {
        try statement.forEachInteger(cohortArguments(window, options) + [.text(factor)]) {
          patientID in
          withFactor[factor, default: 0] += 1
          for (category, hit) in hits where hit.patients.contains(patientID) {
            affectedWithFactor[category, default: [:]][factor, default: 0] += 1
          }
        }
      }
      var rows: [RiskRow] = []
      let categories = Vocabulary.category.codes.filter { (affected[$0] ?? 0) > 0 } + ["any"]
      for factor in Vocabulary.riskFactor.codes {
        for category in categories {
          let n1 = withFactor[factor] ?? 0
          let n2 = cohort.patients - n1
          let x1 = affectedWithFactor[category]?[factor] ?? 0
          let x2 = (affected[category] ?? 0) - x1
          var row = RiskRow(
            factor: factor, category: category, exposedWithReaction: x1, exposed: n1, unexposedWithReaction: x2,
            unexposed: n2, zeroCellCorrection: false)
          if n1 > 0, n2 > 0 {
            do {
              let ratio = try RiskRatio.katz(
                exposedEvents: x1, exposed: n1, unexposedEvents: x2, unexposed: n2, level: options.level)
              row.riskRatio = ratio.ratio
              row.ciLow = ratio.lower
              row.ciHigh = ratio.upper
              row.zeroCellCorrection = ratio.zeroCellCorrection
            } catch let error as StatisticsError {
              throw RegistryError(.failure, "could not compute the risk ratio of \(factor) for \(category): \(error)")
            }
          }
          rows.append(row)
        }
      }
      return RiskReport(window: window, level: options.level, cohort: cohort, rows: rows)
    }
  }
}
