import AdregStatistics
import Foundation
import Testing

@Suite("Standard normal CDF")
struct NormalCDFTests {
  @Test(
    "matches R's pnorm",
    arguments: [
      // R: sprintf("%.17g", pnorm(x)) for each x.
      Reference([-37], 5.7255712225245771e-300, "pnorm(-37)"),
      Reference([-20], 2.7536241186062337e-89, "pnorm(-20)"),
      Reference([-10], 7.6198530241605269e-24, "pnorm(-10)"),
      Reference([-5], 2.8665157187919391e-07, "pnorm(-5)"),
      Reference([-3], 0.0013498980316300946, "pnorm(-3)"),
      Reference([-1.959963984540054], 0.025000000000000012, "pnorm(-1.959963984540054)"),
      Reference([-1], 0.15865525393145705, "pnorm(-1)"),
      Reference([-1e-8], 0.49999999601057721, "pnorm(-1e-8)"),
      Reference([0], 0.5, "pnorm(0)"),
      Reference([0.5], 0.69146246127401301, "pnorm(0.5)"),
      Reference([3], 0.9986501019683699, "pnorm(3)"),
    ]
  )
  func pnorm(reference: Reference) {
    // Without the correction for the rounding of −x/√2 the far tail would be off by ~x² ulps.
    #expect(isClose(Distributions.normalCDF(reference.arguments[0]), reference.expected, relative: 1e-15))
  }

  @Test("inverts the normal quantile", arguments: [1e-300, 1e-20, 0.001, 0.025, 0.3, 0.5])
  func inverse(p: Double) {
    #expect(isClose(Distributions.normalCDF(Distributions.normalQuantile(p)), p, relative: 1e-12))
  }

  @Test("returns 0, 1 and NaN at the ends of its domain")
  func extremes() {
    #expect(Distributions.normalCDF(-.infinity) == 0)
    #expect(Distributions.normalCDF(.infinity) == 1)
    #expect(Distributions.normalCDF(40) == 1)
    #expect(Distributions.normalCDF(.nan).isNaN)
  }
}
