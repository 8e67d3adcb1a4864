import AdregStatistics
import Foundation
import Testing

/// Expected bounds below were evaluated from the closed form
/// (x + z^2/2 -/+ z sqrt(x(n - x)/n + z^2/4)) / (n + z^2) in mpmath at 40 digits, with
/// z = -scipy.special.ndtri((1 - level) / 2).
@Suite("Wilson score interval")
struct WilsonIntervalTests {
  struct Case: Sendable, CustomStringConvertible {
    var x: Int
    var n: Int
    var level: Double
    var lower: Double
    var upper: Double
    var description: String { "\(x) of \(n) at \(level)" }
  }

  @Test(
    "matches the closed form",
    arguments: [
      Case(x: 3, n: 10, level: 0.95, lower: 0.10779126740630103, upper: 0.6032218525388546),
      Case(x: 3, n: 10, level: 0.90, lower: 0.12687658390319784, upper: 0.558300204130165),
      Case(x: 3, n: 10, level: 0.99, lower: 0.07956631652306578, upper: 0.6799753207988974),
      Case(x: 1, n: 1, level: 0.95, lower: 0.20654931437723742, upper: 1),
      Case(x: 1, n: 100_000, level: 0.95, lower: 1.7652477303783126e-06, upper: 5.6647096590409656e-05),
      Case(x: 50_000, n: 100_000, level: 0.95, lower: 0.49690108435968966, upper: 0.5030989156403103),
      Case(x: 17, n: 23, level: 0.99, lower: 0.4710327247886102, upper: 0.9001512934347212),
    ]
  )
  func closedForm(c: Case) throws {
    let interval = try Proportion.wilson(successes: c.x, trials: c.n, level: c.level)
    #expect(isClose(interval.lower, c.lower))
    #expect(isClose(interval.upper, c.upper))
  }

  @Test("reduces to z^2 / (n + z^2) for no successes and n / (n + z^2) for all")
  func extremes() throws {
    // With z = 1.959963984540054 (R: qnorm(0.975)), z^2 / (10 + z^2) = 0.2775327998628892.
    let none = try Proportion.wilson(successes: 0, trials: 10, level: 0.95)
    #expect(none.lower == 0)
    #expect(isClose(none.upper, 0.2775327998628892))
    let all = try Proportion.wilson(successes: 10, trials: 10, level: 0.95)
    #expect(all.upper == 1)
    #expect(isClose(all.lower, 1 - 0.2775327998628892))
  }

  @Test("stays inside [0, 1], contains x/n and widens with the level", arguments: [(0, 1), (1, 1), (2, 7), (99, 100), (0, 100_000)])
  func shape(x: Int, n: Int) throws {
    let narrow = try Proportion.wilson(successes: x, trials: n, level: 0.90)
    let wide = try Proportion.wilson(successes: x, trials: n, level: 0.99)
    let estimate = Double(x) / Double(n)
    for interval in [narrow, wide] {
      #expect(interval.lower >= 0 && interval.upper <= 1)
      #expect(interval.lower <= estimate && estimate <= interval.upper)
    }
    #expect(wide.lower <= narrow.lower && narrow.upper <= wide.upper)
  }

  @Test("throws for no trials, impossible counts and invalid levels")
  func invalidArguments() {
    #expect(throws: StatisticsError.self) { try Proportion.wilson(successes: 0, trials: 0, level: 0.95) }
    #expect(throws: StatisticsError.self) { try Proportion.wilson(successes: 4, trials: 3, level: 0.95) }
    #expect(throws: StatisticsError.self) { try Proportion.wilson(successes: -1, trials: 3, level: 0.95) }
    #expect(throws: StatisticsError.self) { try Proportion.wilson(successes: 1, trials: -3, level: 0.95) }
    #expect(throws: StatisticsError.self) { try Proportion.wilson(successes: 1, trials: 3, level: 1) }
    #expect(throws: StatisticsError.self) { try Proportion.wilson(successes: 1, trials: 3, level: 0) }
    #expect(throws: StatisticsError.self) { try Proportion.wilson(successes: 1, trials: 3, level: 95) }
    #expect(throws: StatisticsError.self) { try Proportion.wilson(successes: 1, trials: 3, level: .nan) }
  }
}
