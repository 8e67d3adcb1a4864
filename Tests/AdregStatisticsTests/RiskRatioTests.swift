import AdregStatistics
import Foundation
import Testing

/// Expected values are the Katz formula worked in mpmath at 40 digits with
/// z = 1.959963984540054 (R: qnorm(0.975)); the cell arithmetic is spelled out per case.
@Suite("Katz risk ratio")
struct RiskRatioTests {
  @Test("matches a hand computation without empty cells")
  func noCorrection() throws {
    // 10/100 vs 5/100: ratio 2, se = sqrt(1/10 - 1/100 + 1/5 - 1/100) = sqrt(0.28).
    let result = try RiskRatio.katz(exposedEvents: 10, exposed: 100, unexposedEvents: 5, unexposed: 100, level: 0.95)
    #expect(!result.zeroCellCorrection)
    #expect(isClose(result.ratio, 2))
    #expect(isClose(result.lower, 2 * exp(-1.959963984540054 * 0.28.squareRoot())))
    #expect(isClose(result.lower, 0.7089514186183591))
    #expect(isClose(result.upper, 5.642135546883319))
  }

  @Test("matches a second hand computation with a protective effect")
  func protective() throws {
    // 30/200 vs 45/180: ratio 0.15 / 0.25 = 0.6, se = sqrt(1/30 - 1/200 + 1/45 - 1/180) = sqrt(0.045).
    let result = try RiskRatio.katz(exposedEvents: 30, exposed: 200, unexposedEvents: 45, unexposed: 180, level: 0.95)
    #expect(!result.zeroCellCorrection)
    #expect(isClose(result.ratio, 0.6))
    #expect(isClose(result.lower, 0.39589875442104605))
    #expect(isClose(result.upper, 0.9093233963982947))
  }

  struct CorrectedCase: Sendable, CustomStringConvertible {
    var x1: Int
    var n1: Int
    var x2: Int
    var n2: Int
    var ratio: Double
    var lower: Double
    var upper: Double
    var description: String { "\(x1)/\(n1) vs \(x2)/\(n2)" }
  }

  @Test(
    "adds 0.5 to every cell and sets the flag when a cell is empty",
    arguments: [
      // No exposed events: (0.5/21) / (5.5/26) = 26/231, se = sqrt(1/0.5 - 1/21 + 1/5.5 - 1/26).
      CorrectedCase(x1: 0, n1: 20, x2: 5, n2: 25, ratio: 26.0 / 231, lower: 0.006593342173935984, upper: 1.921397057614143),
      // No unexposed events: (4.5/31) / (0.5/31) = 9, se = sqrt(1/4.5 - 1/31 + 1/0.5 - 1/31).
      CorrectedCase(x1: 4, n1: 30, x2: 0, n2: 30, ratio: 9, lower: 0.5057097147907746, upper: 160.17093923835697),
      // Every exposed patient had the event: (7.5/8) / (3.5/13), se = sqrt(1/7.5 - 1/8 + 1/3.5 - 1/13).
      CorrectedCase(x1: 7, n1: 7, x2: 3, n2: 12, ratio: (7.5 / 8) / (3.5 / 13), lower: 1.397061089331524, upper: 8.679161541427534),
    ]
  )
  func zeroCell(c: CorrectedCase) throws {
    let result = try RiskRatio.katz(exposedEvents: c.x1, exposed: c.n1, unexposedEvents: c.x2, unexposed: c.n2, level: 0.95)
    #expect(result.zeroCellCorrection)
    #expect(isClose(result.ratio, c.ratio))
    #expect(isClose(result.lower, c.lower))
    #expect(isClose(result.upper, c.upper))
    #expect(result.lower.isFinite && result.upper.isFinite && result.lower > 0)
  }

  @Test("inverts when the groups are swapped")
  func swapGroups() throws {
    let forward = try RiskRatio.katz(exposedEvents: 12, exposed: 80, unexposedEvents: 7, unexposed: 95, level: 0.90)
    let backward = try RiskRatio.katz(exposedEvents: 7, exposed: 95, unexposedEvents: 12, unexposed: 80, level: 0.90)
    #expect(isClose(forward.ratio, 1 / backward.ratio, relative: 1e-14))
    #expect(isClose(forward.lower, 1 / backward.upper, relative: 1e-14))
    #expect(isClose(forward.upper, 1 / backward.lower, relative: 1e-14))
  }

  @Test("widens with the level")
  func levels() throws {
    let narrow = try RiskRatio.katz(exposedEvents: 12, exposed: 80, unexposedEvents: 7, unexposed: 95, level: 0.90)
    let wide = try RiskRatio.katz(exposedEvents: 12, exposed: 80, unexposedEvents: 7, unexposed: 95, level: 0.99)
    #expect(wide.lower < narrow.lower && narrow.upper < wide.upper)
    #expect(wide.ratio == narrow.ratio)
  }

  @Test("throws for empty groups, impossible counts and invalid levels")
  func invalidArguments() {
    #expect(throws: StatisticsError.self) {
      try RiskRatio.katz(exposedEvents: 0, exposed: 0, unexposedEvents: 1, unexposed: 10, level: 0.95)
    }
    #expect(throws: StatisticsError.self) {
      try RiskRatio.katz(exposedEvents: 1, exposed: 10, unexposedEvents: 0, unexposed: 0, level: 0.95)
    }
    #expect(throws: StatisticsError.self) {
      try RiskRatio.katz(exposedEvents: 11, exposed: 10, unexposedEvents: 1, unexposed: 10, level: 0.95)
    }
    #expect(throws: StatisticsError.self) {
      try RiskRatio.katz(exposedEvents: 1, exposed: 10, unexposedEvents: -1, unexposed: 10, level: 0.95)
    }
    #expect(throws: StatisticsError.self) {
      try RiskRatio.katz(exposedEvents: 1, exposed: 10, unexposedEvents: 1, unexposed: 10, level: 1)
    }
  }
}
