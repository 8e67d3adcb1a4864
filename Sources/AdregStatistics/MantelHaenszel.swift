import Foundation

/// One stratum's 2×2 table for a risk ratio: events and size of the exposed and the unexposed group.
public struct RiskStratum: Sendable, Equatable {
  public var exposedEvents: Int
  public var exposed: Int
  public var unexposedEvents: Int
  public var unexposed: Int

  /// Creates a stratum; `MantelHaenszel.riskRatio` checks it.
  public init(exposedEvents: Int, exposed: Int, unexposedEvents: Int, unexposed: Int) {
    self.exposedEvents = exposedEvents
    self.exposed = exposed
    self.unexposedEvents = unexposedEvents
    self.unexposed = unexposed
  }
}

/// Risk ratios summarised over strata (sites of a network), as Mantel and Haenszel weighted them.
public enum MantelHaenszel {
  /// The Mantel–Haenszel risk ratio Σ a·n0/N ÷ Σ c·n1/N with the log interval of Greenland and Robins
  /// (Biometrics 1985; 41:55–68, the variance "Robins–Breslow–Greenland" estimators use):
  /// Var(ln RR) = Σ (n1·n0·(a + c) − a·c·N)/N² ÷ (Σ a·n0/N · Σ c·n1/N),
  /// with a, c the events and n1, n0 the sizes of the exposed and unexposed groups of each stratum, N = n1 + n0.
  ///
  /// A stratum with an empty group adds nothing to either sum. No cell is corrected: the estimate is nil when
  /// either sum is zero (no events on one side in every stratum that has both groups).
  /// - Throws: `StatisticsError` for a negative count, events above a group's size, or a level outside (0, 1).
  public static func riskRatio(_ strata: [RiskStratum], level: Double) throws -> RiskRatio? {
    let alpha = try Validate.alpha(forLevel: level)
    var numerator = 0.0
    var denominator = 0.0
    var variance = 0.0
    for stratum in strata {
      guard stratum.exposed > 0, stratum.unexposed > 0 else {
        let counts = [stratum.exposedEvents, stratum.exposed, stratum.unexposedEvents, stratum.unexposed]
        guard counts.allSatisfy({ $0 >= 0 }), stratum.exposedEvents <= stratum.exposed,
          stratum.unexposedEvents <= stratum.unexposed
        else { throw StatisticsError.invalid("stratum counts must not be negative, and events not above their group") }
        continue
      }
      try Validate.counts(successes: stratum.exposedEvents, trials: stratum.exposed)
      try Validate.counts(successes: stratum.unexposedEvents, trials: stratum.unexposed)
      let a = Double(stratum.exposedEvents)
      let c = Double(stratum.unexposedEvents)
      let n1 = Double(stratum.exposed)
      let n0 = Double(stratum.unexposed)
      let total = n1 + n0
      numerator += a * n0 / total
      denominator += c * n1 / total
      variance += (n1 * n0 * (a + c) - a * c * total) / (total * total)
    }
    guard numerator > 0, denominator > 0 else { return nil }
    let ratio = numerator / denominator
    let se = (variance / (numerator * denominator)).squareRoot()
    let z = -Distributions.normalQuantile(alpha / 2)
    return RiskRatio(
      ratio: ratio, lower: exp(log(ratio) - z * se), upper: exp(log(ratio) + z * se), zeroCellCorrection: false)
  }
}
