import AdregStatistics

extension Registry {
  /// PRODUCT.md §6 "Time on treatment": per category (and `any`) the Kaplan–Meier cumulative incidence at each
  /// horizon, the censored Weibull hazard pattern, and the references compared time-matched.
  /// - Throws: `RegistryError.invalidData` for a level outside (0, 1), a week count outside 1…1000 or given twice,
  ///   or a malformed site.
  public func incidenceReport(_ options: IncidenceOptions) throws -> IncidenceReport {
    guard options.level > 0, options.level < 1, options.level.isFinite else {
      throw RegistryError.invalid("level: \(options.level) is not a confidence level; give one between 0 and 1, e.g. 0.95")
    }
    try IncidenceOptions.validate(weeks: options.weeks)
    if let site = options.site { _ = try Validate.site(site, field: "site") }
    try mapForScans()
    return try read {
      let time = try timeOnTreatment(asOf: today, site: options.site, censor: options.censor)
      let references = try self.references()
      return IncidenceReport(
        asOf: today, censor: options.censor, level: options.level, site: options.site, patients: time.patients,
        rows: try IncidenceReport.rows(time, references: references, options: options))
    }
  }
}

extension IncidenceOptions {
  /// Checks the horizons a user asked for.
  /// - Throws: `RegistryError.invalidData` naming the first bad one.
  public static func validate(weeks: [Int]) throws {
    guard !weeks.isEmpty else {
      throw RegistryError.invalid("weeks: give at least one horizon, e.g. 4,16,52,104")
    }
    var seen = Set<Int>()
    for week in weeks {
      guard (1...1000).contains(week) else {
        throw RegistryError.invalid("weeks: \(week) is not a horizon; give whole weeks from 1 to 1000, e.g. 4,16,52,104")
      }
      guard seen.insert(week).inserted else {
        throw RegistryError.invalid("weeks: \(week) is given twice; give each horizon once")
      }
    }
  }
}

extension IncidenceReport {
  /// The report's rows from the time-on-treatment aggregates: the same code whatever produced them.
  static func rows(
    _ time: TimeOnTreatment, references: [TrialReference], options: IncidenceOptions
  ) throws -> [IncidenceRow] {
    let byCategory = Dictionary(grouping: references) { ReportCategory.category($0.category) }
    var rows: [IncidenceRow] = []
    do {
      for category in ReportCategory.all
      where category == .any || time.tables[category] != nil || byCategory[category] != nil {
        let table = time.table(category)
        let categoryReferences = byCategory[category] ?? []
        let weeks = Set(options.weeks + categoryReferences.compactMap(\.weeks)).sorted()
        let horizons = try weeks.map { week -> IncidenceHorizon in
          let incidence = try CumulativeIncidence.kaplanMeier(table, horizon: 7 * week, level: options.level)
          return IncidenceHorizon(
            weeks: week, day: 7 * week, percent: incidence.estimate.map { 100 * $0 },
            ciLow: incidence.lower.map { 100 * $0 }, ciHigh: incidence.upper.map { 100 * $0 }, atRisk: incidence.atRisk)
        }
        var crude: CrudeFigure?
        if time.patients > 0 {
          let x = time.patientsWithCase[category] ?? 0
          let interval = try Proportion.wilson(successes: x, trials: time.patients, level: options.level)
          crude = CrudeFigure(x: x, n: time.patients, ciLow: 100 * interval.lower, ciHigh: 100 * interval.upper)
        }
        rows.append(
          IncidenceRow(
            category: category, events: table.events, horizons: horizons,
            weibull: try cohortWeibull(table, level: options.level),
            references: try categoryReferences.map {
              try ReferenceComparison.compare(
                $0, crude: crude, table: table, level: options.level, includeUnverified: options.includeUnverified)
            },
            curve: options.curves ? try KaplanMeierCurve(table, level: options.level) : nil))
      }
    } catch let error as StatisticsError {
      throw RegistryError(.failure, "could not compute the incidence report: \(error)")
    }
    return rows
  }

  /// The censored Weibull fit to every patient's day of treatment (t + 1, never 0), with 5 or more events.
  static func cohortWeibull(_ table: LifeTable, level: Double) throws -> CohortWeibull? {
    guard table.events >= 5 else { return nil }
    let shifted = try LifeTable(
      rows: table.rows.map { LifeTableRow(time: $0.time + 1, events: $0.events, censored: $0.censored) })
    guard let fit = try CensoredWeibullFit.fit(shifted, level: level) else { return nil }
    let pattern = HazardPattern(shapeLow: fit.shapeLower, shapeHigh: fit.shapeUpper)
    return CohortWeibull(
      shape: fit.shape, shapeLow: fit.shapeLower, shapeHigh: fit.shapeUpper, scale: fit.scale, pattern: pattern)
  }
}
