import AdregStatistics
import Foundation
import Testing

@Suite("Beta quantile")
struct BetaQuantileTests {
  @Test("inverts I_x(1, b) = 1 - (1 - x)^b in closed form", arguments: [(0.025, 10.0), (0.975, 10.0), (0.5, 100_000.0), (1e-12, 3.0)])
  func firstShapeOne(p: Double, b: Double) throws {
    let expected = -expm1(log1p(-p) / b)
    #expect(isClose(try Distributions.betaQuantile(p, a: 1, b: b), expected))
  }

  @Test("inverts I_x(a, 1) = x^a in closed form", arguments: [(0.025, 10.0), (0.975, 0.3), (0.5, 100_000.0)])
  func secondShapeOne(p: Double, a: Double) throws {
    #expect(isClose(try Distributions.betaQuantile(p, a: a, b: 1), pow(p, 1 / a)))
  }

  @Test(
    "matches scipy, including tiny and large shapes",
    arguments: [
      Reference([0.025, 5, 96], 0.016431879182052155, "scipy.stats.beta.ppf(0.025, 5, 96)"),
      Reference([0.975, 6, 95], 0.11283491110546275, "scipy.stats.beta.ppf(0.975, 6, 95)"),
      Reference([0.5, 0.5, 0.5], 0.4999999999999999, "scipy.stats.beta.ppf(0.5, 0.5, 0.5)"),
      Reference([1e-10, 2, 3], 4.082494015808333e-06, "scipy.stats.beta.ppf(1e-10, 2, 3)"),
      Reference([0.3, 0.05, 7], 3.1201790309159953e-12, "scipy.stats.beta.ppf(0.3, 0.05, 7)"),
      Reference([0.95, 2, 99999], 4.743775717386053e-05, "scipy.stats.beta.ppf(0.95, 2, 99999)"),
      Reference([0.025, 50000, 50001], 0.4968960624918004, "scipy.stats.beta.ppf(0.025, 50000, 50001)"),
      Reference([0.999, 0.1, 0.2], 0.9999999999997877, "scipy.stats.beta.ppf(0.999, 0.1, 0.2)"),
    ]
  )
  func scipyGrid(reference: Reference) throws {
    let args = reference.arguments
    #expect(isClose(try Distributions.betaQuantile(args[0], a: args[1], b: args[2]), reference.expected))
  }

  @Test("round-trips through the incomplete beta function", arguments: [(0.01, 2.0, 30.0), (0.4, 0.7, 0.7), (0.99, 300.0, 12.0)])
  func roundTrip(p: Double, a: Double, b: Double) throws {
    let x = try Distributions.betaQuantile(p, a: a, b: b)
    #expect(isClose(Distributions.regularizedIncompleteBeta(x, a: a, b: b), p, relative: 1e-12))
  }

  @Test("returns the support ends exactly for p = 0 and p = 1")
  func ends() throws {
    #expect(try Distributions.betaQuantile(0, a: 2, b: 3) == 0)
    #expect(try Distributions.betaQuantile(1, a: 2, b: 3) == 1)
  }

  @Test("throws for a probability outside [0, 1] or a non-positive shape")
  func invalidArguments() {
    #expect(throws: StatisticsError.self) { try Distributions.betaQuantile(-0.1, a: 2, b: 3) }
    #expect(throws: StatisticsError.self) { try Distributions.betaQuantile(1.1, a: 2, b: 3) }
    #expect(throws: StatisticsError.self) { try Distributions.betaQuantile(.nan, a: 2, b: 3) }
    #expect(throws: StatisticsError.self) { try Distributions.betaQuantile(0.5, a: 0, b: 3) }
    #expect(throws: StatisticsError.self) { try Distributions.betaQuantile(0.5, a: 2, b: .infinity) }
  }
}
