import AdregStatistics
import Foundation
import Testing

@Suite("Clopper-Pearson exact interval")
struct ClopperPearsonTests {
  struct Case: Sendable, CustomStringConvertible {
    var x: Int
    var n: Int
    var level: Double
    var lower: Double
    var upper: Double
    var description: String { "\(x) of \(n) at \(level)" }
  }

  @Test(
    "matches scipy beta quantiles",
    arguments: [
      // scipy.stats.beta.ppf(0.025, 3, 8), scipy.stats.beta.ppf(0.975, 4, 7)
      Case(x: 3, n: 10, level: 0.95, lower: 0.06673951117773447, upper: 0.6524528500599973),
      // scipy.stats.beta.ppf(0.05, 5, 96), scipy.stats.beta.ppf(0.95, 6, 95)
      Case(x: 5, n: 100, level: 0.90, lower: 0.019905563662171832, upper: 0.1022533776432745),
      // scipy.stats.beta.ppf(0.025, 5, 96), scipy.stats.beta.ppf(0.975, 6, 95)
      Case(x: 5, n: 100, level: 0.95, lower: 0.016431879182052155, upper: 0.11283491110546275),
      // scipy.stats.beta.ppf(0.005, 5, 96), scipy.stats.beta.ppf(0.995, 6, 95)
      Case(x: 5, n: 100, level: 0.99, lower: 0.01094033358479003, upper: 0.1351446825356235),
      // scipy.stats.beta.ppf(0.025, 1, 100000), scipy.stats.beta.ppf(0.975, 2, 99999)
      Case(x: 1, n: 100_000, level: 0.95, lower: 2.531780477933314e-07, upper: 5.571516034774275e-05),
      // scipy.stats.beta.ppf(0.025, 2, 99999), scipy.stats.beta.ppf(0.975, 3, 99998)
      Case(x: 2, n: 100_000, level: 0.95, lower: 2.422101962703155e-06, upper: 7.22449893650479e-05),
      // scipy.stats.beta.ppf(0.025, 50000, 50001), scipy.stats.beta.ppf(0.975, 50001, 50000)
      Case(x: 50_000, n: 100_000, level: 0.95, lower: 0.4968960624918004, upper: 0.5031039375081996),
      // scipy.stats.beta.ppf(0.005, 99999, 2), scipy.stats.beta.ppf(0.995, 100000, 1)
      Case(x: 99_999, n: 100_000, level: 0.99, lower: 0.9999257010937861, upper: 0.9999999498745831),
      // scipy.stats.beta.ppf(0.025, 17, 7), scipy.stats.beta.ppf(0.975, 18, 6)
      Case(x: 17, n: 23, level: 0.95, lower: 0.5159480295975618, upper: 0.8977138660846415),
    ]
  )
  func scipyGrid(c: Case) throws {
    let interval = try Proportion.clopperPearson(successes: c.x, trials: c.n, level: c.level)
    #expect(isClose(interval.lower, c.lower))
    #expect(isClose(interval.upper, c.upper))
  }

  @Test(
    "has closed forms at x = 0 and x = n",
    arguments: [(10, 0.95), (1, 0.95), (100_000, 0.95), (25, 0.90), (25, 0.99)]
  )
  func closedFormsAtTheEdges(n: Int, level: Double) throws {
    let halfAlpha = (1 - level) / 2
    let none = try Proportion.clopperPearson(successes: 0, trials: n, level: level)
    #expect(none.lower == 0)
    // Upper bound u solves (1 - u)^n = alpha/2.
    #expect(isClose(none.upper, -expm1(log(halfAlpha) / Double(n))))
    let all = try Proportion.clopperPearson(successes: n, trials: n, level: level)
    #expect(all.upper == 1)
    // Lower bound l solves l^n = alpha/2.
    #expect(isClose(all.lower, pow(halfAlpha, 1 / Double(n))))
  }

  @Test("gives 1 - (alpha/2)^(1/10) for 0 of 10 at 95%")
  func zeroOfTen() throws {
    let interval = try Proportion.clopperPearson(successes: 0, trials: 10, level: 0.95)
    #expect(isClose(interval.upper, 1 - pow(0.025, 1.0 / 10)))
  }

  @Test("reduces to [alpha/2, 1] and [0, 1 - alpha/2] for a single trial")
  func singleTrial() throws {
    let success = try Proportion.clopperPearson(successes: 1, trials: 1, level: 0.95)
    #expect(isClose(success.lower, 0.025) && success.upper == 1)
    let failure = try Proportion.clopperPearson(successes: 0, trials: 1, level: 0.95)
    #expect(failure.lower == 0 && isClose(failure.upper, 0.975))
  }

  @Test("converges to Wilson for n = 100000")
  func convergesToWilson() throws {
    // Both intervals approach p +/- z sqrt(p(1 - p)/n); at n = 100000 their bounds differ by
    // about 5e-6 while the half-width is about 3.1e-3, so 1e-5 separates agreement from
    // a wrong formula.
    for x in [20_000, 50_000, 90_000] {
      let exact = try Proportion.clopperPearson(successes: x, trials: 100_000, level: 0.95)
      let score = try Proportion.wilson(successes: x, trials: 100_000, level: 0.95)
      #expect(abs(exact.lower - score.lower) < 1e-5)
      #expect(abs(exact.upper - score.upper) < 1e-5)
      #expect(exact.lower <= score.lower && score.upper <= exact.upper)
    }
    // For contrast, at n = 10 the two differ in the second digit.
    let exactSmall = try Proportion.clopperPearson(successes: 0, trials: 10, level: 0.95)
    let scoreSmall = try Proportion.wilson(successes: 0, trials: 10, level: 0.95)
    #expect(exactSmall.upper - scoreSmall.upper > 0.03)
  }

  @Test("throws for no trials, impossible counts and invalid levels")
  func invalidArguments() {
    #expect(throws: StatisticsError.self) { try Proportion.clopperPearson(successes: 0, trials: 0, level: 0.95) }
    #expect(throws: StatisticsError.self) { try Proportion.clopperPearson(successes: 11, trials: 10, level: 0.95) }
    #expect(throws: StatisticsError.self) { try Proportion.clopperPearson(successes: -1, trials: 10, level: 0.95) }
    #expect(throws: StatisticsError.self) { try Proportion.clopperPearson(successes: 1, trials: 10, level: 1.5) }
  }
}
