import AdregStatistics
import Foundation
import Testing

@Suite("Exact two-sided binomial test")
struct BinomialTestTests {
  struct Case: Sendable, CustomStringConvertible {
    var x: Int
    var n: Int
    var p: Double
    var pValue: Double
    var description: String { "scipy.stats.binomtest(\(x), \(n), \(p)).pvalue" }
  }

  @Test(
    "matches scipy.stats.binomtest",
    arguments: [
      Case(x: 2, n: 10, p: 0.3, pValue: 0.7331720679999996),
      Case(x: 5, n: 10, p: 0.3, pValue: 0.17851585749999993),
      Case(x: 12, n: 40, p: 0.37, pValue: 0.4152663577414488),
      Case(x: 25, n: 40, p: 0.37, pValue: 0.0014888932255590443),
      Case(x: 0, n: 20, p: 0.3, pValue: 0.0010589696700355874),
      Case(x: 50, n: 60, p: 0.99, pValue: 4.779785909281265e-10),
      Case(x: 59, n: 60, p: 0.99, pValue: 0.45284335760923883),
      Case(x: 1, n: 60, p: 0.99, pValue: 5.941000000000311e-117),
      Case(x: 0, n: 100_000, p: 0.001, pValue: 9.137826424441276e-44),
      Case(x: 130, n: 100_000, p: 0.001, pValue: 0.003673783924625221),
      Case(x: 80, n: 100_000, p: 0.001, pValue: 0.04521094319809471),
      Case(x: 300, n: 1_000_000, p: 0.0002, pValue: 4.152173728953219e-11),
      Case(x: 500_500, n: 1_000_000, p: 0.5, pValue: 0.3177946913633297),
      Case(x: 490_000, n: 1_000_000, p: 0.5, pValue: 5.544363287708518e-89),
      Case(x: 7, n: 11, p: 0.5, pValue: 0.548828125),
      Case(x: 1, n: 1, p: 0.2, pValue: 0.2),
    ]
  )
  func scipyGrid(c: Case) throws {
    let value = try Proportion.binomialTestTwoSided(successes: c.x, trials: c.n, probability: c.p)
    #expect(isClose(value, c.pValue))
  }

  @Test("counts the mirror-image tail for symmetric ties")
  func symmetricTies() throws {
    // Under p = 1/2, P(X <= 3) + P(X >= 7) for n = 10 is 2 * (1 + 10 + 45 + 120) / 1024.
    let low = try Proportion.binomialTestTwoSided(successes: 3, trials: 10, probability: 0.5)
    let high = try Proportion.binomialTestTwoSided(successes: 7, trials: 10, probability: 0.5)
    #expect(isClose(low, 352.0 / 1024))
    #expect(isClose(high, 352.0 / 1024))
  }

  @Test("is 2^(1 - n) at the extremes of a fair coin", arguments: [1, 10, 1000])
  func fairCoinExtremes(n: Int) throws {
    let expected = pow(2, Double(1 - n))
    let none = try Proportion.binomialTestTwoSided(successes: 0, trials: n, probability: 0.5)
    let all = try Proportion.binomialTestTwoSided(successes: n, trials: n, probability: 0.5)
    #expect(isClose(none, min(1, expected)))
    #expect(isClose(all, min(1, expected)))
  }

  @Test("is exactly 1 when x equals n * p0", arguments: [(5, 10, 0.5), (15, 40, 0.375), (3, 12, 0.25), (500_000, 1_000_000, 0.5)])
  func observedEqualsExpected(x: Int, n: Int, p: Double) throws {
    #expect(try Proportion.binomialTestTwoSided(successes: x, trials: n, probability: p) == 1)
  }

  @Test("treats p0 = 0 and p0 = 1 as point masses")
  func degenerateNull() throws {
    #expect(try Proportion.binomialTestTwoSided(successes: 0, trials: 10, probability: 0) == 1)
    #expect(try Proportion.binomialTestTwoSided(successes: 1, trials: 10, probability: 0) == 0)
    #expect(try Proportion.binomialTestTwoSided(successes: 10, trials: 10, probability: 1) == 1)
    #expect(try Proportion.binomialTestTwoSided(successes: 9, trials: 10, probability: 1) == 0)
  }

  @Test("never exceeds 1")
  func clamped() throws {
    for n in 1...30 {
      for x in 0...n {
        for p in [0.1, 0.3, 0.5, 0.77] {
          let value = try Proportion.binomialTestTwoSided(successes: x, trials: n, probability: p)
          #expect(value > 0 && value <= 1)
        }
      }
    }
  }

  @Test("takes milliseconds for n = 1000000")
  func largeTrialCount() throws {
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
      for x in stride(from: 498_000, through: 502_000, by: 500) {
        _ = try Proportion.binomialTestTwoSided(successes: x, trials: 1_000_000, probability: 0.5)
      }
    }
    // Summing every term would cost about a second per call in a debug build; the bound
    // leaves room for slow machines while still failing such an implementation.
    #expect(elapsed < .seconds(1))
  }

  @Test("throws for no trials, impossible counts and an invalid null probability")
  func invalidArguments() {
    #expect(throws: StatisticsError.self) { try Proportion.binomialTestTwoSided(successes: 0, trials: 0, probability: 0.5) }
    #expect(throws: StatisticsError.self) { try Proportion.binomialTestTwoSided(successes: 3, trials: 2, probability: 0.5) }
    #expect(throws: StatisticsError.self) { try Proportion.binomialTestTwoSided(successes: -1, trials: 2, probability: 0.5) }
    #expect(throws: StatisticsError.self) { try Proportion.binomialTestTwoSided(successes: 1, trials: 2, probability: -0.1) }
    #expect(throws: StatisticsError.self) { try Proportion.binomialTestTwoSided(successes: 1, trials: 2, probability: 1.5) }
    #expect(throws: StatisticsError.self) { try Proportion.binomialTestTwoSided(successes: 1, trials: 2, probability: .nan) }
  }
}
