import AdregStatistics
import Foundation
import Testing

@Suite("Chi-square quantile")
struct ChiSquareQuantileTests {
  @Test("equals -2 ln(1 - p) with 2 degrees of freedom", arguments: [0.001, 0.025, 0.5, 0.95, 0.975, 0.999999])
  func twoDegrees(p: Double) throws {
    #expect(isClose(try Distributions.chiSquareQuantile(p, degreesOfFreedom: 2), -2 * log1p(-p)))
  }

  @Test(
    "matches scipy for small, fractional and large degrees of freedom",
    arguments: [
      Reference([0.025, 1], 0.0009820691171752555, "scipy.stats.chi2.ppf(0.025, 1)"),
      Reference([0.975, 1], 5.023886187314888, "scipy.stats.chi2.ppf(0.975, 1)"),
      Reference([0.025, 20], 9.590777392264867, "scipy.stats.chi2.ppf(0.025, 20)"),
      Reference([0.975, 22], 36.78071208403556, "scipy.stats.chi2.ppf(0.975, 22)"),
      Reference([0.5, 0.3], 0.012469611517980431, "scipy.stats.chi2.ppf(0.5, 0.3)"),
      Reference([1e-8, 4], 0.00028285604667225797, "scipy.stats.chi2.ppf(1e-08, 4)"),
      Reference([0.99, 1000], 1106.9689943522174, "scipy.stats.chi2.ppf(0.99, 1000)"),
    ]
  )
  func scipyGrid(reference: Reference) throws {
    let args = reference.arguments
    #expect(isClose(try Distributions.chiSquareQuantile(args[0], degreesOfFreedom: args[1]), reference.expected))
  }

  @Test("returns 0 for p = 0 and infinity for p = 1")
  func ends() throws {
    #expect(try Distributions.chiSquareQuantile(0, degreesOfFreedom: 3) == 0)
    #expect(try Distributions.chiSquareQuantile(1, degreesOfFreedom: 3) == .infinity)
  }

  @Test("throws for an invalid probability or degrees of freedom")
  func invalidArguments() {
    #expect(throws: StatisticsError.self) { try Distributions.chiSquareQuantile(-0.01, degreesOfFreedom: 3) }
    #expect(throws: StatisticsError.self) { try Distributions.chiSquareQuantile(0.5, degreesOfFreedom: 0) }
    #expect(throws: StatisticsError.self) { try Distributions.chiSquareQuantile(0.5, degreesOfFreedom: -2) }
    #expect(throws: StatisticsError.self) { try Distributions.chiSquareQuantile(0.5, degreesOfFreedom: .nan) }
  }
}
