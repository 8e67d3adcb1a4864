import AdregStatistics

/// What the risk report is computed from: the cohort's size and, per risk factor and category, the cells of the
/// 2×2 table — patients with the factor, and patients with a reaction with and without it.
public struct RiskAggregates: Sendable, Equatable {
  /// Cohort patients (N).
  public var patients: Int
  /// Category (or `any`) → cohort patients with a reaction of it in the window.
  public var affected: [ReportCategory: Int]
  /// Risk factor → cohort patients who have it (n1).
  public var withFactor: [String: Int]
  /// Category → risk factor → patients with both the reaction and the factor (x1).
  public var affectedWithFactor: [ReportCategory: [String: Int]]

  public init(
    patients: Int, affected: [ReportCategory: Int], withFactor: [String: Int],
    affectedWithFactor: [ReportCategory: [String: Int]]
  ) {
    self.patients = patients
    self.affected = affected
    self.withFactor = withFactor
    self.affectedWithFactor = affectedWithFactor
  }

  /// The 2×2 table of a factor and category: x1 of n1 with the factor, x2 of n2 without.
  public func stratum(factor: String, category: ReportCategory) -> RiskStratum {
    let n1 = withFactor[factor] ?? 0
    let x1 = affectedWithFactor[category]?[factor] ?? 0
    // The bounds only bind on suppressed bundles read as approximate, where a null cell became 0.
    let n2 = max(0, patients - n1)
    return RiskStratum(
      exposedEvents: min(x1, n1), exposed: n1, unexposedEvents: min(max(0, (affected[category] ?? 0) - x1), n2),
      unexposed: n2)
  }

  /// The categories the report has rows for: those with a reaction, then `any`.
  public var categories: [ReportCategory] {
    Category.allCases.map(ReportCategory.category).filter { (affected[$0] ?? 0) > 0 } + [.any]
  }

  public func merged(with other: RiskAggregates) -> RiskAggregates {
    RiskAggregates(
      patients: patients + other.patients, affected: affected.merging(other.affected, uniquingKeysWith: +),
      withFactor: withFactor.merging(other.withFactor, uniquingKeysWith: +),
      affectedWithFactor: affectedWithFactor.merging(other.affectedWithFactor) { $0.merging($1, uniquingKeysWith: +) })
  }
}

extension RiskReport {
  /// PRODUCT.md §6 "risk" from its aggregates: the same code for one registry and for a pooled network.
  static func make(_ aggregates: RiskAggregates, window: ReportWindow, cohort: Cohort, level: Double) throws -> RiskReport {
    var rows: [RiskRow] = []
    for factor in Vocabulary.riskFactor.codes {
      for category in aggregates.categories {
        let cells = aggregates.stratum(factor: factor, category: category)
        var row = RiskRow(
          factor: factor, category: category, exposedWithReaction: cells.exposedEvents, exposed: cells.exposed,
          unexposedWithReaction: cells.unexposedEvents, unexposed: cells.unexposed, zeroCellCorrection: false)
        if cells.exposed > 0, cells.unexposed > 0 {
          do {
            let ratio = try RiskRatio.katz(
              exposedEvents: cells.exposedEvents, exposed: cells.exposed, unexposedEvents: cells.unexposedEvents,
              unexposed: cells.unexposed, level: level)
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
    return RiskReport(window: window, level: level, cohort: cohort, rows: rows)
  }
}
