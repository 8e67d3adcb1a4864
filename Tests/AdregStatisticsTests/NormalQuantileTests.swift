import AdregStatistics
import Foundation
import Testing

@Suite("Standard normal quantile")
struct NormalQuantileTests {
  @Test("matches the classic two-sided 95% critical value")
  func criticalValue() {
    // R: qnorm(0.975) prints 1.959963984540054.
    #expect(isClose(Distributions.normalQuantile(0.975), 1.959963984540054, relative: 1e-15))
  }

  @Test(
    "matches scipy across both tails and the centre",
    arguments: [
      Reference([1e-300], -37.0470962993612, "scipy.special.ndtri(1e-300)"),
      Reference([1e-20], -9.262340089798409, "scipy.special.ndtri(1e-20)"),
      Reference([1e-10], -6.361340902404056, "scipy.special.ndtri(1e-10)"),
      Reference([0.001], -3.090232306167813, "scipy.special.ndtri(0.001)"),
      Reference([0.02], -2.053748910631823, "scipy.special.ndtri(0.02)"),
      Reference([0.3], -0.5244005127080409, "scipy.special.ndtri(0.3)"),
      Reference([0.7], 0.5244005127080407, "scipy.special.ndtri(0.7)"),
      Reference([0.9], 1.2815515655446004, "scipy.special.ndtri(0.9)"),
      Reference([0.999999], 4.753424308817087, "scipy.special.ndtri(0.999999)"),
    ]
  )
  func scipyGrid(reference: Reference) {
    #expect(isClose(Distributions.normalQuantile(reference.arguments[0]), reference.expected, relative: 1e-14))
  }

  @Test("is odd around one half", arguments: [0.5, 0.25, 0.125, 0.0625, 1.0 / 1024])
  func symmetry(p: Double) {
    // 1 - p is exact for these dyadic p, so the identity Phi^-1(p) = -Phi^-1(1 - p) is testable.
    #expect(Distributions.normalQuantile(p) == -Distributions.normalQuantile(1 - p))
  }

  @Test("returns infinities at the ends and NaN for NaN")
  func boundaries() {
    #expect(Distributions.normalQuantile(0) == -.infinity)
    #expect(Distributions.normalQuantile(1) == .infinity)
    #expect(Distributions.normalQuantile(-0.5) == -.infinity)
    #expect(Distributions.normalQuantile(.nan).isNaN)
  }
}
