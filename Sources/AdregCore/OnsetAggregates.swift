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
  public var onsetDays: [String: DayCounts]
  public var daysSinceLastDose: [String: DayCounts]

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
    let rows = try Vocabulary.category.codes.compactMap { category -> OnsetRow? in
      let days = aggregates.onsetDays[category]?.sortedDays ?? []
      guard !days.isEmpty else { return nil }
      return try onsetRow(
        category: category, days: days, sinceDose: aggregates.daysSinceLastDose[category]?.sortedDays ?? [],
        level: level)
    }
    return OnsetReport(window: window, level: level, cohort: aggregates.cohort, rows: rows)
  }

  /// One category's row from its onset days and days since the last dose, both ascending.
  private static func onsetRow(category: String, days: [Int], sinceDose: [Int], level: Double) throws -> OnsetRow {
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
        medianDaysSinceLastDose: sinceDose.isEmpty
          ? nil : try Quantile.type7(sorted: sinceDose.map(Double.init), probability: 0.5),
        episodesWithDose: sinceDose.count, weibull: weibull)
    } catch let error as StatisticsError {
      throw RegistryError(.failure, "could not compute the \(category) onset row: \(error)")
    }
  }
}
