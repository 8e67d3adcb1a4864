import AdregStatistics

/// How many times each whole number of days occurs: the onset days of a category's cases, or their days since
/// the last dose. Counts of days, not days themselves, so that sites add up and no patient's row is kept.
public struct DayCounts: Sendable, Equatable {
  /// Day → how many; days with none are absent.
  public var counts: [Int: Int]

  public init(_ counts: [Int: Int] = [:]) { self.counts = counts.filter { $0.value != 0 } }

  /// The counts of a list of days.
  init(days: [Int]) {
    var counts: [Int: Int] = [:]
    for day in days { counts[day, default: 0] += 1 }
    self.counts = counts
  }

  public var total: Int { counts.values.reduce(0, +) }

  /// Every day as often as it was counted, ascending.
  public var sortedDays: [Int] {
    counts.keys.sorted().flatMap { day in repeatElement(day, count: max(0, counts[day] ?? 0)) }
  }

  public func merged(with other: DayCounts) -> DayCounts {
    DayCounts(counts.merging(other.counts, uniquingKeysWith: +))
  }
}

/// What the onset report is computed from: the cohort, and per category the onset days of its cases (days since
/// the start) and, for the cases after a logged dose, their days since the last dose.
public struct OnsetAggregates: Sendable, Equatable {
  public var cohort: Cohort
  public var onsetDays: [Category: DayCounts]
  public var daysSinceLastDose: [Category: DayCounts]

  public func merged(with other: OnsetAggregates) -> OnsetAggregates {
    OnsetAggregates(
      cohort: cohort.merged(with: other.cohort),
      onsetDays: onsetDays.merging(other.onsetDays) { $0.merged(with: $1) },
      daysSinceLastDose: daysSinceLastDose.merging(other.daysSinceLastDose) { $0.merged(with: $1) })
  }
}

extension OnsetReport {
  /// PRODUCT.md §6 "onset" from its aggregates: the same code for one registry and for a pooled network.
  static func make(_ aggregates: OnsetAggregates, window: ReportWindow, level: Double) throws -> OnsetReport {
    let rows = try Category.allCases.compactMap { category -> OnsetRow? in
      guard let days = aggregates.onsetDays[category], days.counts.values.contains(where: { $0 > 0 }) else { return nil }
      return try onsetRow(
        category: category, days: days, sinceDose: aggregates.daysSinceLastDose[category] ?? DayCounts(), level: level)
    }
    return OnsetReport(window: window, level: level, cohort: aggregates.cohort, rows: rows)
  }

  /// One category's row from the counts of its onset days and of its days since the last dose: each figure from
  /// the distinct days and how often each occurs, as if from every case's day.
  private static func onsetRow(category: Category, days: DayCounts, sinceDose: DayCounts, level: Double) throws -> OnsetRow {
    let distinct = days.counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }
    let sorted = days.sortedDays.map(Double.init)
    let episodes = sorted.count
    do {
      var bins: [OnsetBin] = []
      if let last = distinct.last?.key {
        var counts = [Int](repeating: 0, count: max(0, last / 28 + 1))
        for (day, count) in distinct where day >= 0 { counts[day / 28] += count }
        bins = counts.enumerated().map { OnsetBin(fromDay: $0 * 28, toDay: $0 * 28 + 27, count: $1) }
      }
      var weibull: OnsetWeibull?
      if episodes >= 5, distinct.count > 1 {
        // Fitted to the day of treatment (days since start + 1) so that onset on the first day is 1, never 0.
        let fit = try WeibullFit.fit(counted: distinct.map { (value: Double($0.key + 1), count: $0.value) }, level: level)
        let pattern = HazardPattern(shapeLow: fit.shapeLower, shapeHigh: fit.shapeUpper)
        weibull = OnsetWeibull(
          shape: fit.shape, shapeLow: fit.shapeLower, shapeHigh: fit.shapeUpper, scale: fit.scale, pattern: pattern)
      }
      let within16Weeks = distinct.reduce(0) { $1.key <= 112 ? $0 + $1.value : $0 }
      let sinceDoseSorted = sinceDose.sortedDays.map(Double.init)
      return OnsetRow(
        category: category, episodes: episodes,
        medianDays: try Quantile.type7(sorted: sorted, probability: 0.5),
        q1Days: try Quantile.type7(sorted: sorted, probability: 0.25),
        q3Days: try Quantile.type7(sorted: sorted, probability: 0.75),
        minDays: distinct[0].key, maxDays: distinct[distinct.count - 1].key,
        within16WeeksPercent: 100 * Double(within16Weeks) / Double(episodes),
        histogram: bins,
        medianDaysSinceLastDose: sinceDoseSorted.isEmpty
          ? nil : try Quantile.type7(sorted: sinceDoseSorted, probability: 0.5),
        episodesWithDose: sinceDoseSorted.count, weibull: weibull)
    } catch let error as StatisticsError {
      throw RegistryError(.failure, "could not compute the \(category) onset row: \(error)")
    }
  }
}
