import Foundation

/// The whole Kaplan–Meier cumulative-incidence curve of a life table: one step per event time, each with the
/// pointwise log(−log) interval, from one walk of the table.
///
/// At every event time d, a step holds what `CumulativeIncidence.kaplanMeier(table, horizon: d, level:)` gives,
/// and the curve stays there until the next step; before the first step the incidence is 0. The curve is drawn
/// to `end`, the longest follow-up, beyond which nobody is at risk and the estimate does not exist.
public struct KaplanMeierCurve: Sendable, Equatable {
  /// The incidence from an event time until the next one.
  public struct Step: Sendable, Equatable {
    /// The event time d.
    public var time: Int
    /// R_d: subjects with t ≥ d, a subject censored at d included.
    public var atRisk: Int
    /// D_d: subjects with the event at d.
    public var events: Int
    /// 1 − Ŝ(d), in [0, 1].
    public var estimate: Double
    /// Bounds of the incidence; nil once Ŝ(d) = 0, where the interval does not exist.
    public var lower: Double?
    public var upper: Double?

    /// Creates a step from already computed values; no consistency check is made.
    public init(time: Int, atRisk: Int, events: Int, estimate: Double, lower: Double?, upper: Double?) {
      self.time = time
      self.atRisk = atRisk
      self.events = events
      self.estimate = estimate
      self.lower = lower
      self.upper = upper
    }
  }

  /// The steps, by ascending time; empty when the table has no event.
  public var steps: [Step]
  /// The largest time of the table (the longest follow-up); nil for a table with no subject.
  public var end: Int?
  /// Subjects at time 0: everyone in the table.
  public var subjects: Int

  /// Walks `table` once, accumulating Ŝ and the Greenwood sum as `CumulativeIncidence.kaplanMeier` does.
  /// - Throws: `StatisticsError` for a level outside (0, 1) or a table whose rows break the `LifeTable` invariants.
  public init(_ table: LifeTable, level: Double) throws {
    let alpha = try Validate.alpha(forLevel: level)
    try LifeTable.validate(table.rows)
    let z = -Distributions.normalQuantile(alpha / 2)
    subjects = table.subjects
    end = table.rows.last?.time
    steps = []
    var atRisk = subjects
    var logSurvival = 0.0
    var sigmaSquared = 0.0
    var survivalIsZero = false
    for row in table.rows {
      if row.events > 0, !survivalIsZero {
        if row.events == atRisk {
          survivalIsZero = true
          steps.append(Step(time: row.time, atRisk: atRisk, events: row.events, estimate: 1, lower: nil, upper: nil))
        } else {
          let d = Double(row.events)
          let r = Double(atRisk)
          logSurvival += log1p(-d / r)
          sigmaSquared += d / (r * (r - d))
          // ln Ŝ < 0 and σ > 0 here; the bounds are those of `CumulativeIncidence.kaplanMeier`.
          let exponent = z * sigmaSquared.squareRoot() / logSurvival
          steps.append(
            Step(
              time: row.time, atRisk: atRisk, events: row.events, estimate: -expm1(logSurvival),
              lower: -expm1(logSurvival * exp(exponent)), upper: -expm1(logSurvival * exp(-exponent))))
        }
      }
      atRisk -= row.events + row.censored
    }
  }

  /// The step in force at `time`: the last one at or before it; nil before the first event.
  public func step(at time: Int) -> Step? {
    var low = 0
    var high = steps.count
    while low < high {
      let middle = (low + high) / 2
      if steps[middle].time <= time { low = middle + 1 } else { high = middle }
    }
    return low == 0 ? nil : steps[low - 1]
  }
}
