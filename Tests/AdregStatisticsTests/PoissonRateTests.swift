import AdregStatistics
import Foundation
import Testing

@Suite("Exact Poisson count interval")
struct PoissonRateTests {
  @Test("has upper bound -ln(alpha/2) and lower bound 0 for no events", arguments: [(0.90, 0.05), (0.95, 0.025), (0.99, 0.005)])
  func noEvents(level: Double, halfAlpha: Double) throws {
    let interval = try PoissonRate.countInterval(events: 0, level: level)
    #expect(interval.lower == 0)
    #expect(isClose(interval.upper, -log(halfAlpha)))
  }

  @Test("gives 3.688879454113936 as the 95% upper bound for no events")
  func ruleOfThreeAndAHalf() throws {
    // -ln(0.025), the exact form of the familiar "rule of 3.7".
    #expect(isClose(try PoissonRate.countInterval(events: 0, level: 0.95).upper, 3.688879454113936))
  }

  @Test("has lower bound -ln(1 - alpha/2) for one event")
  func oneEventLower() throws {
    // chi2(alpha/2; 2)/2 = -ln(1 - alpha/2) because chi-square with 2 df is exponential.
    #expect(isClose(try PoissonRate.countInterval(events: 1, level: 0.95).lower, -log(0.975)))
  }

  struct Case: Sendable, CustomStringConvertible {
    var k: Int
    var level: Double
    var lower: Double
    var upper: Double
    var description: String { "\(k) events at \(level)" }
  }

  @Test(
    "matches scipy chi-square quantiles",
    arguments: [
      // scipy.stats.chi2.ppf(0.025, 2)/2, scipy.stats.chi2.ppf(0.975, 4)/2
      Case(k: 1, level: 0.95, lower: 0.025317807984289876, upper: 5.571643390938898),
      // scipy.stats.chi2.ppf(0.025, 10)/2, scipy.stats.chi2.ppf(0.975, 12)/2
      Case(k: 5, level: 0.95, lower: 1.6234863901184207, upper: 11.66833207932267),
      // scipy.stats.chi2.ppf(0.05, 10)/2, scipy.stats.chi2.ppf(0.95, 12)/2
      Case(k: 5, level: 0.90, lower: 1.9701495680595302, upper: 10.513034908741535),
      // scipy.stats.chi2.ppf(0.005, 10)/2, scipy.stats.chi2.ppf(0.995, 12)/2
      Case(k: 5, level: 0.99, lower: 1.0779282406523194, upper: 14.149759411023012),
      // scipy.stats.chi2.ppf(0.025, 200)/2, scipy.stats.chi2.ppf(0.975, 202)/2
      Case(k: 100, level: 0.95, lower: 81.36399125092314, upper: 121.62679379242638),
      // scipy.stats.chi2.ppf(0.025, 200000)/2, scipy.stats.chi2.ppf(0.975, 200002)/2
      Case(k: 100_000, level: 0.95, lower: 99381.15266374472, upper: 100621.74473974388),
    ]
  )
  func scipyGrid(c: Case) throws {
    let interval = try PoissonRate.countInterval(events: c.k, level: c.level)
    #expect(isClose(interval.lower, c.lower))
    #expect(isClose(interval.upper, c.upper))
  }

  @Test("contains the observed count", arguments: [0, 1, 2, 17, 1000])
  func containsCount(k: Int) throws {
    let interval = try PoissonRate.countInterval(events: k, level: 0.95)
    #expect(interval.lower <= Double(k) && Double(k) <= interval.upper)
  }

  @Test("throws for negative counts and invalid levels")
  func invalidArguments() {
    #expect(throws: StatisticsError.self) { try PoissonRate.countInterval(events: -1, level: 0.95) }
    #expect(throws: StatisticsError.self) { try PoissonRate.countInterval(events: 3, level: 0) }
    #expect(throws: StatisticsError.self) { try PoissonRate.countInterval(events: 3, level: 1) }
    #expect(throws: StatisticsError.self) { try PoissonRate.countInterval(events: 3, level: -.infinity) }
  }
}
