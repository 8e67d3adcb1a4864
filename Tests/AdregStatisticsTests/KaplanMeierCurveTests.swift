import AdregStatistics
import Testing

/// Six subjects: events at 2, 5, 5 and 9, censored at 3 and 7.
///
/// By hand: at 2, R = 6, D = 1, Ŝ = 5/6, σ² = 1/(6·5) = 1/30; at 5, R = 4 (5, 5, 7, 9), D = 2, Ŝ = 5/6 · 2/4 = 5/12,
/// σ² = 1/30 + 2/(4·2) = 17/60; at 9, R = 1, D = 1, Ŝ = 0 and no interval. The bounds are R's
/// `1 - summary(survfit(Surv(c(2,3,5,5,7,9), c(1,0,1,1,0,1)) ~ 1, conf.type = "log-log"))$upper` (and `$lower`),
/// printed with `sprintf("%.17g", …)`.
@Suite("Kaplan–Meier curve")
struct KaplanMeierCurveTests {
  let table: LifeTable

  init() throws {
    table = try LifeTable(rows: [
      LifeTableRow(time: 2, events: 1, censored: 0), LifeTableRow(time: 3, events: 0, censored: 1),
      LifeTableRow(time: 5, events: 2, censored: 0), LifeTableRow(time: 7, events: 0, censored: 1),
      LifeTableRow(time: 9, events: 1, censored: 0),
    ])
  }

  @Test("one step per event time with the estimate, at-risk count and log(−log) bounds worked by hand")
  func handWorked() throws {
    let curve = try KaplanMeierCurve(table, level: 0.95)
    #expect(curve.steps.map(\.time) == [2, 5, 9])
    #expect(curve.steps.map(\.atRisk) == [6, 4, 1])
    #expect(curve.steps.map(\.events) == [1, 2, 1])
    #expect(curve.subjects == 6)
    #expect(curve.end == 9)
    #expect(isClose(curve.steps[0].estimate, 1.0 / 6))
    #expect(isClose(curve.steps[1].estimate, 7.0 / 12))
    #expect(curve.steps[2].estimate == 1)
    #expect(isClose(try #require(curve.steps[0].lower), 0.02528757330910647, relative: 1e-12))
    #expect(isClose(try #require(curve.steps[0].upper), 0.726877150071644, relative: 1e-12))
    #expect(isClose(try #require(curve.steps[1].lower), 0.23347778044941991, relative: 1e-12))
    #expect(isClose(try #require(curve.steps[1].upper), 0.94400813514794712, relative: 1e-12))
    #expect(curve.steps[2].lower == nil && curve.steps[2].upper == nil)
  }

  @Test("the level reaches the bounds (R: the same call with conf.int = 0.9)")
  func level() throws {
    let curve = try KaplanMeierCurve(table, level: 0.9)
    #expect(isClose(try #require(curve.steps[0].lower), 0.034505986756202978, relative: 1e-12))
    #expect(isClose(try #require(curve.steps[0].upper), 0.61195213436534435, relative: 1e-12))
    #expect(isClose(try #require(curve.steps[1].lower), 0.2753312757037748, relative: 1e-12))
    #expect(isClose(try #require(curve.steps[1].upper), 0.90744618585835524, relative: 1e-12))
  }

  @Test("every step equals CumulativeIncidence.kaplanMeier at its time, and the step in force between them")
  func agreesWithHorizon() throws {
    // A larger table with ties, censoring on event days and a long tail.
    var rows: [LifeTableRow] = []
    for time in 0..<400 where time % 3 != 1 {
      rows.append(LifeTableRow(time: time, events: (time * 7) % 5 == 0 ? 1 + time % 3 : 0, censored: (time * 11) % 4))
    }
    let big = try LifeTable(rows: rows)
    let curve = try KaplanMeierCurve(big, level: 0.95)
    #expect(curve.steps.count == big.rows.filter { $0.events > 0 }.count)
    for time in [0, 1, 5, 17, 100, 250, 398, 399] {
      let horizon = try CumulativeIncidence.kaplanMeier(big, horizon: time, level: 0.95)
      guard let step = curve.step(at: time) else {
        #expect(horizon.estimate == 0, "before the first event, at \(time)")
        continue
      }
      #expect(isClose(step.estimate, try #require(horizon.estimate), relative: 1e-12), "\(time)")
      #expect(isClose(try #require(step.lower), try #require(horizon.lower), relative: 1e-12), "\(time)")
      #expect(isClose(try #require(step.upper), try #require(horizon.upper), relative: 1e-12), "\(time)")
      if step.time == time { #expect(step.atRisk == horizon.atRisk, "\(time)") }
    }
  }

  @Test("a table without events has no step; an empty one has no end")
  func noEvents() throws {
    let censored = try KaplanMeierCurve(try LifeTable(rows: [LifeTableRow(time: 4, events: 0, censored: 3)]), level: 0.95)
    #expect(censored.steps.isEmpty)
    #expect(censored.end == 4)
    #expect(censored.step(at: 10) == nil)
    let empty = try KaplanMeierCurve(try LifeTable(rows: []), level: 0.95)
    #expect(empty.steps.isEmpty && empty.end == nil && empty.subjects == 0)
  }

  @Test("refuses a level outside (0, 1) and a table broken after it was built")
  func refuses() throws {
    #expect(throws: StatisticsError.self) { try KaplanMeierCurve(table, level: 1) }
    var broken = table
    broken.rows.append(LifeTableRow(time: 1, events: 1, censored: 0))
    #expect(throws: StatisticsError.self) { try KaplanMeierCurve(broken, level: 0.95) }
  }
}
