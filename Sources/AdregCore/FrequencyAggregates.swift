import AdregStatistics

/// The counts of one category (or `any`) that the frequency report's figures come from.
public struct CategoryCounts: Sendable, Equatable {
  /// Cohort patients with a non-withdrawn case of the category with onset in the window (x).
  public var patients: Int
  /// Non-withdrawn cases of the category with onset in the window.
  public var episodes: Int
  /// Cohort patients whose first case of the category began in the window, on treatment.
  public var firstEventPatients: Int
  /// Days at risk of a first event in the window: from start to the first onset, stop or as-of.
  public var firstEventDays: Int

  public init(patients: Int, episodes: Int, firstEventPatients: Int, firstEventDays: Int) {
    self.patients = patients
    self.episodes = episodes
    self.firstEventPatients = firstEventPatients
    self.firstEventDays = firstEventDays
  }
}

/// What the frequency report is computed from, whether read from one registry or added up over sites: the cohort,
/// each category's counts, and the time-on-treatment tables censored at as-of for the time-matched comparisons.
public struct FrequencyAggregates: Sendable {
  public var cohort: Cohort
  /// Category (or `any`) → counts; a category missing here had no case at all.
  public var categories: [ReportCategory: CategoryCounts]
  public var time: TimeOnTreatment

  /// The counts of a category, zero for one nobody had: every exposed day is then at risk.
  public func counts(_ category: ReportCategory) -> CategoryCounts {
    categories[category]
      ?? CategoryCounts(patients: 0, episodes: 0, firstEventPatients: 0, firstEventDays: cohort.exposureDays)
  }

  /// Two sites' aggregates as one: every count and person-day adds up.
  public func merged(with other: FrequencyAggregates) -> FrequencyAggregates {
    var categories: [ReportCategory: CategoryCounts] = [:]
    for category in Set(self.categories.keys).union(other.categories.keys) {
      let a = counts(category)
      let b = other.counts(category)
      categories[category] = CategoryCounts(
        patients: a.patients + b.patients, episodes: a.episodes + b.episodes,
        firstEventPatients: a.firstEventPatients + b.firstEventPatients,
        firstEventDays: a.firstEventDays + b.firstEventDays)
    }
    return FrequencyAggregates(
      cohort: cohort.merged(with: other.cohort), categories: categories, time: time.merged(with: other.time))
  }
}

extension FrequencyReport {
  /// PRODUCT.md §6 "frequency" from its aggregates: the same code for one registry and for a pooled network.
  /// - Parameter window: the window the aggregates were counted in.
  static func make(
    _ aggregates: FrequencyAggregates, window: ReportWindow, references: [TrialReference], options: ReportOptions
  ) throws -> FrequencyReport {
    let byCategory = Dictionary(grouping: references) { ReportCategory.category($0.category) }
    var rows: [FrequencyRow] = []
    for category in ReportCategory.all
    where category == .any || aggregates.counts(category).episodes > 0 || byCategory[category] != nil {
      var row = try frequencyRow(category, aggregates.counts(category), cohort: aggregates.cohort, options: options)
      let crude = row.ciLow.flatMap { low in
        row.ciHigh.map { CrudeFigure(x: row.patientsWithReaction, n: row.patients, ciLow: low, ciHigh: $0) }
      }
      do {
        row.references = try (byCategory[category] ?? []).map {
          try ReferenceComparison.compare(
            $0, crude: crude, table: aggregates.time.table(category), level: options.level,
            includeUnverified: options.includeUnverified)
        }
      } catch let error as StatisticsError {
        throw RegistryError(.failure, "could not compare the \(category) row with its references: \(error)")
      }
      rows.append(row)
    }
    return FrequencyReport(
      window: window, level: options.level, method: options.method, cohort: aggregates.cohort, rows: rows)
  }

  private static func frequencyRow(
    _ category: ReportCategory, _ counts: CategoryCounts, cohort: Cohort, options: ReportOptions
  ) throws -> FrequencyRow {
    let n = cohort.patients
    let x = counts.patients
    var row = FrequencyRow(
      category: category, patientsWithReaction: x, patients: n, episodes: counts.episodes, references: [])
    row.firstEventPatients = counts.firstEventPatients
    row.firstEventDays = counts.firstEventDays
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
        (row.ratePer100PY, row.rateCILow, row.rateCIHigh) = try rate(counts.episodes, years: cohort.patientYears, options.level)
      }
      if row.firstEventDays > 0 {
        (row.firstEventRatePer100PY, row.firstEventRateCILow, row.firstEventRateCIHigh) = try rate(
          row.firstEventPatients, years: row.firstEventYears, options.level)
      }
    } catch let error as StatisticsError {
      throw RegistryError(.failure, "could not compute the \(category) row: \(error)")
    }
    return row
  }

  /// Events per 100 patient-years with the exact Poisson interval.
  private static func rate(_ events: Int, years: Double, _ level: Double) throws -> (Double?, Double?, Double?) {
    let counts = try PoissonRate.countInterval(events: events, level: level)
    return (100 * Double(events) / years, 100 * counts.lower / years, 100 * counts.upper / years)
  }
}
