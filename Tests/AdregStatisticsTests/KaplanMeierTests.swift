import AdregStatistics
import Foundation
import Testing

/// Expected values come from R 4.2.2 with survival 3.5.3, `options(digits = 17)`. R reports the
/// survival Ŝ and its bounds; the incidence is 1 − Ŝ, its lower bound 1 − (upper Ŝ bound), its
/// upper bound 1 − (lower Ŝ bound), and R's `std.err` of Ŝ is the square root of the Greenwood
/// variance (survfit keeps σ on the cumulative-hazard scale and summary multiplies it by Ŝ).
@Suite("Kaplan–Meier cumulative incidence")
struct KaplanMeierTests {
  /// Sixteen subjects with ties: at day 5 two events and one censoring, at day 10 and 16 as well.
  /// t = c(3, 5, 5, 5, 8, 10, 10, 12, 15, 16, 16, 18, 20, 22, 25, 30)
  /// e = c(1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1)
  static func sixteen() throws -> LifeTable {
    let times = [3, 5, 5, 5, 8, 10, 10, 12, 15, 16, 16, 18, 20, 22, 25, 30]
    let events = [1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1]
    return try LifeTable(observations: zip(times, events).map { (time: $0, event: $1 == 1) })
  }

  struct Case: Sendable, CustomStringConvertible {
    var horizon: Int
    var survival: Double
    var survivalLower: Double
    var survivalUpper: Double
    var atRisk: Int
    var standardError: Double
    var description: String { "horizon \(horizon)" }
  }

  @Test(
    "matches R's survfit with conf.type = \"log-log\" on a table with ties",
    arguments: [
      // R: summary(survfit(Surv(t, e) ~ 1, conf.type = "log-log"), times = 5)
      // A horizon on an event day with an event and a censoring tied on it.
      Case(
        horizon: 5, survival: 0.8125, survivalLower: 0.52460431082664949, survivalUpper: 0.93535225796582944,
        atRisk: 15, standardError: 0.097578093724974974
      ),
      // R: summary(survfit(Surv(t, e) ~ 1, conf.type = "log-log"), times = 16)
      Case(
        horizon: 16, survival: 0.46897546897546899, survivalLower: 0.18669359963323906,
        survivalUpper: 0.7106084933934862, atRisk: 7, standardError: 0.14420193589741337
      ),
      // R: summary(survfit(Surv(t, e) ~ 1, conf.type = "log-log"), times = 17)
      // Between event days: the estimate of day 16, but fewer at risk.
      Case(
        horizon: 17, survival: 0.46897546897546899, survivalLower: 0.18669359963323906,
        survivalUpper: 0.7106084933934862, atRisk: 5, standardError: 0.14420193589741337
      ),
      // R: summary(survfit(Surv(t, e) ~ 1, conf.type = "log-log"), times = 26)
      Case(
        horizon: 26, survival: 0.35173160173160173, survivalLower: 0.099771241359915885,
        survivalUpper: 0.62270235875601343, atRisk: 1, standardError: 0.14834530615354549
      ),
    ]
  )
  func survfitReference(c: Case) throws {
    let result = try CumulativeIncidence.kaplanMeier(Self.sixteen(), horizon: c.horizon, level: 0.95)
    #expect(result.horizon == c.horizon)
    #expect(result.atRisk == c.atRisk)
    #expect(isClose(try #require(result.estimate), 1 - c.survival))
    #expect(isClose(try #require(result.lower), 1 - c.survivalUpper))
    #expect(isClose(try #require(result.upper), 1 - c.survivalLower))
    #expect(isClose(try #require(result.variance), c.standardError * c.standardError))
  }

  @Test("counts a subject censored on an event day as at risk on that day")
  func tiesOfEventsAndCensorings() throws {
    // Day 2: one event and one censoring among 5; day 4: one event among 3; day 6: 2 censored.
    let table = try LifeTable(rows: [
      LifeTableRow(time: 2, events: 1, censored: 1),
      LifeTableRow(time: 4, events: 1, censored: 0),
      LifeTableRow(time: 6, events: 0, censored: 2),
    ])
    // h = 2: Ŝ = 1 − 1/5 = 0.8, σ² = 1/(5·4) = 0.05, variance 0.8²·0.05 = 0.032.
    let day2 = try CumulativeIncidence.kaplanMeier(table, horizon: 2, level: 0.95)
    #expect(isClose(try #require(day2.estimate), 0.2))
    #expect(isClose(try #require(day2.variance), 0.032))
    #expect(day2.atRisk == 5)
    // R: summary(survfit(Surv(c(2,2,4,6,6), c(1,0,1,0,0)) ~ 1, conf.type = "log-log"), times = 2)
    // gives lower 0.20380926326763926, upper 0.96917978886674261; by hand ln 0.8 = −0.2231436,
    // z·σ/ln Ŝ = 1.959964·0.2236068/−0.2231436 = −1.964031, 0.8^exp(−1.964031) = 0.969180.
    #expect(isClose(try #require(day2.lower), 1 - 0.96917978886674261))
    #expect(isClose(try #require(day2.upper), 1 - 0.20380926326763926))
    // h = 4: the subject censored on day 2 has left, so R = 3: Ŝ = 0.8·(1 − 1/3) = 8/15,
    // σ² = 0.05 + 1/(3·2) = 13/60, variance (8/15)²·13/60 = 832/13500.
    let day4 = try CumulativeIncidence.kaplanMeier(table, horizon: 4, level: 0.95)
    #expect(isClose(try #require(day4.estimate), 7.0 / 15))
    #expect(isClose(try #require(day4.variance), 832.0 / 13500))
    #expect(day4.atRisk == 3)
    // R: same call, times = 4: lower 0.068332087847202877, upper 0.86307118273879246.
    #expect(isClose(try #require(day4.lower), 1 - 0.86307118273879246))
    #expect(isClose(try #require(day4.upper), 1 - 0.068332087847202877))
  }

  @Test("handles a single event among ten")
  func fewEvents() throws {
    // One event on day 3 among 10, the other 9 censored on day 20. At h = 10: Ŝ = 9/10,
    // σ² = 1/(10·9) = 1/90, variance 0.81/90 = 0.009, R_h = 9.
    let table = try LifeTable(rows: [LifeTableRow(time: 3, events: 1, censored: 0), LifeTableRow(time: 20, events: 0, censored: 9)])
    let result = try CumulativeIncidence.kaplanMeier(table, horizon: 10, level: 0.95)
    #expect(isClose(try #require(result.estimate), 0.1))
    #expect(isClose(try #require(result.variance), 0.009))
    #expect(result.atRisk == 9)
    // R: summary(survfit(Surv(c(3, rep(20, 9)), c(1, rep(0, 9))) ~ 1, conf.type = "log-log"), times = 10)
    // gives lower 0.47300927136205051, upper 0.98528139336734311.
    #expect(isClose(try #require(result.lower), 1 - 0.98528139336734311))
    #expect(isClose(try #require(result.upper), 1 - 0.47300927136205051))
  }

  @Test("gives 0 with the exact binomial upper bound when no event happened by the horizon")
  func noEvents() throws {
    // Censored on days 3, 5, 7, 9; at h = 6, R_h = 2: upper = 1 − 0.025^(1/2) = 1 − 0.1581139.
    let table = try LifeTable(rows: [3, 5, 7, 9].map { LifeTableRow(time: $0, events: 0, censored: 1) })
    let result = try CumulativeIncidence.kaplanMeier(table, horizon: 6, level: 0.95)
    #expect(result.estimate == 0)
    #expect(result.lower == 0)
    #expect(result.variance == 0)
    #expect(result.atRisk == 2)
    // R: 1 - 0.025^(1/2)
    #expect(isClose(try #require(result.upper), 0.841886116991581))

    // Seven censored on the horizon itself are all at risk: 1 − 0.05^(1/7) at level 0.90.
    let onHorizon = try LifeTable(rows: [LifeTableRow(time: 10, events: 0, censored: 7)])
    let ninety = try CumulativeIncidence.kaplanMeier(onHorizon, horizon: 10, level: 0.90)
    #expect(ninety.atRisk == 7)
    // R: 1 - 0.05^(1/7)
    #expect(isClose(try #require(ninety.upper), 0.34816365513116088))
  }

  @Test("gives 0 before the first event of a table that has events")
  func beforeFirstEvent() throws {
    let result = try CumulativeIncidence.kaplanMeier(Self.sixteen(), horizon: 2, level: 0.95)
    #expect(result.estimate == 0 && result.lower == 0 && result.variance == 0)
    #expect(result.atRisk == 16)
    // R: 1 - 0.025^(1/16) (survfit itself reports the degenerate interval [1, 1] for Ŝ here).
    #expect(isClose(try #require(result.upper), 0.20590721420782276))
  }

  @Test("gives 1 without an interval once everyone at risk had the event, whatever R_h")
  func allEvents() throws {
    // Events on days 1, 2, 3. At h = 2: Ŝ = (2/3)(1/2) = 1/3, σ² = 1/(3·2) + 1/(2·1) = 2/3.
    let table = try LifeTable(rows: [1, 2, 3].map { LifeTableRow(time: $0, events: 1, censored: 0) })
    let day2 = try CumulativeIncidence.kaplanMeier(table, horizon: 2, level: 0.95)
    #expect(isClose(try #require(day2.estimate), 2.0 / 3))
    #expect(isClose(try #require(day2.variance), 2.0 / 27))
    // R: summary(survfit(Surv(c(1,2,3), c(1,1,1)) ~ 1, conf.type = "log-log"), times = 2)
    // gives lower 0.0089616283309790837, upper 0.77414865036083258.
    #expect(isClose(try #require(day2.lower), 1 - 0.77414865036083258))
    #expect(isClose(try #require(day2.upper), 1 - 0.0089616283309790837))

    // At h = 3 the last subject at risk has the event: Ŝ = 0, R_h = 1.
    let day3 = try CumulativeIncidence.kaplanMeier(table, horizon: 3, level: 0.95)
    #expect(day3 == CumulativeIncidence(horizon: 3, estimate: 1, lower: nil, upper: nil, atRisk: 1, variance: 0))
    // Past the end nobody is at risk, but Ŝ = 0 comes first.
    let later = try CumulativeIncidence.kaplanMeier(table, horizon: 50, level: 0.95)
    #expect(later == CumulativeIncidence(horizon: 50, estimate: 1, lower: nil, upper: nil, atRisk: 0, variance: 0))
    // The same in the table with ties: the one subject left on day 30 has the event.
    // R: summary(survfit(Surv(t, e) ~ 1, conf.type = "log-log"), times = 30) gives surv 0, lower and upper NA.
    let sixteen = try CumulativeIncidence.kaplanMeier(Self.sixteen(), horizon: 30, level: 0.95)
    #expect(sixteen == CumulativeIncidence(horizon: 30, estimate: 1, lower: nil, upper: nil, atRisk: 1, variance: 0))
  }

  @Test("gives no estimate when nobody was followed to the horizon")
  func nobodyFollowed() throws {
    // Event on day 2, censored on days 4 and 5: Ŝ(10) = 2/3 > 0 but R_10 = 0.
    let table = try LifeTable(rows: [
      LifeTableRow(time: 2, events: 1, censored: 0),
      LifeTableRow(time: 4, events: 0, censored: 1),
      LifeTableRow(time: 5, events: 0, censored: 1),
    ])
    let result = try CumulativeIncidence.kaplanMeier(table, horizon: 10, level: 0.95)
    #expect(result == CumulativeIncidence(horizon: 10, estimate: nil, lower: nil, upper: nil, atRisk: 0, variance: nil))
    // Day 5 is still followed: Ŝ = 2/3 with R_5 = 1.
    let day5 = try CumulativeIncidence.kaplanMeier(table, horizon: 5, level: 0.95)
    #expect(isClose(try #require(day5.estimate), 1.0 / 3))
    #expect(day5.atRisk == 1)

    // No event and nobody followed: nil as well, not the zero-event bound.
    let censoredEarly = try LifeTable(rows: [LifeTableRow(time: 1, events: 0, censored: 2)])
    let none = try CumulativeIncidence.kaplanMeier(censoredEarly, horizon: 5, level: 0.95)
    #expect(none == CumulativeIncidence(horizon: 5, estimate: nil, lower: nil, upper: nil, atRisk: 0, variance: nil))
    let empty = try CumulativeIncidence.kaplanMeier(LifeTable(rows: []), horizon: 0, level: 0.95)
    #expect(empty.estimate == nil && empty.atRisk == 0)
  }

  @Test("keeps the relative accuracy of a rare incidence")
  func rareEvent() throws {
    // One event on day 1 among 1,000,000 followed to day 100: 1 − Ŝ = 1e-6 exactly, and
    // σ² = 1/(10⁶ (10⁶ − 1)). Forming 1 − Π(1 − D/R) directly would keep only ~1e-10 of it.
    let table = try LifeTable(rows: [
      LifeTableRow(time: 1, events: 1, censored: 0), LifeTableRow(time: 100, events: 0, censored: 999_999),
    ])
    let result = try CumulativeIncidence.kaplanMeier(table, horizon: 50, level: 0.95)
    #expect(isClose(try #require(result.estimate), 1e-6, relative: 1e-14))
    let sigmaSquared = 1 / (1e6 * (1e6 - 1))
    #expect(isClose(try #require(result.variance), (1 - 1e-6) * (1 - 1e-6) * sigmaSquared, relative: 1e-13))
  }

  @Test("brackets the estimate inside [0, 1] and widens with the level", arguments: [3, 5, 8, 12, 16, 20, 25])
  func intervalShape(horizon: Int) throws {
    let narrow = try CumulativeIncidence.kaplanMeier(Self.sixteen(), horizon: horizon, level: 0.80)
    let wide = try CumulativeIncidence.kaplanMeier(Self.sixteen(), horizon: horizon, level: 0.99)
    let estimate = try #require(narrow.estimate)
    #expect(wide.estimate == narrow.estimate)
    for result in [narrow, wide] {
      let lower = try #require(result.lower)
      let upper = try #require(result.upper)
      #expect(0 < lower && lower < estimate && estimate < upper && upper < 1)
    }
    let wideLower = try #require(wide.lower)
    let wideUpper = try #require(wide.upper)
    #expect(wideLower < (try #require(narrow.lower)))
    #expect(wideUpper > (try #require(narrow.upper)))
  }

  @Test("throws for a negative horizon, an invalid level or rows that break the table's invariants")
  func invalidArguments() throws {
    #expect(throws: StatisticsError.self) { try CumulativeIncidence.kaplanMeier(Self.sixteen(), horizon: -1, level: 0.95) }
    #expect(throws: StatisticsError.self) { try CumulativeIncidence.kaplanMeier(Self.sixteen(), horizon: 5, level: 1) }
    #expect(throws: StatisticsError.self) { try CumulativeIncidence.kaplanMeier(Self.sixteen(), horizon: 5, level: 0) }
    #expect(throws: StatisticsError.self) { try CumulativeIncidence.kaplanMeier(Self.sixteen(), horizon: 5, level: .nan) }
    var unsorted = try Self.sixteen()
    unsorted.rows.reverse()
    #expect(throws: StatisticsError.self) { try CumulativeIncidence.kaplanMeier(unsorted, horizon: 5, level: 0.95) }
    var negative = try Self.sixteen()
    negative.rows[0].events = -1
    #expect(throws: StatisticsError.self) { try CumulativeIncidence.kaplanMeier(negative, horizon: 5, level: 0.95) }
  }
}
