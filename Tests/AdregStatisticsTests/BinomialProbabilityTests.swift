import AdregStatistics
import Foundation
import Testing

@Suite("Binomial probability mass")
struct BinomialProbabilityTests {
  @Test("matches hand-worked small cases")
  func handWorked() {
    // C(10, 3) / 2^10 = 120 / 1024.
    #expect(isClose(Distributions.binomialProbability(3, 10, 0.5), 120.0 / 1024))
    // 0.7^10 and 0.3^10 need no binomial coefficient.
    #expect(isClose(Distributions.binomialProbability(0, 10, 0.3), pow(0.7, 10)))
    #expect(isClose(Distributions.binomialProbability(10, 10, 0.3), pow(0.3, 10)))
    #expect(isClose(Distributions.binomialProbability(1, 1, 0.2), 0.2))
  }

  @Test(
    "matches scipy for large n and skewed p",
    arguments: [
      Reference([500_000, 1_000_000, 0.5], 0.0007978843613317499, "scipy.stats.binom.pmf(500000, 1000000, 0.5)"),
      Reference([12, 100_000, 0.0001], 0.09478412151033962, "scipy.stats.binom.pmf(12, 100000, 0.0001)"),
      Reference([99_990, 100_000, 0.9999], 0.1251162916816938, "scipy.stats.binom.pmf(99990, 100000, 0.9999)"),
      Reference([3, 7, 0.2], 0.11468799999999997, "scipy.stats.binom.pmf(3, 7, 0.2)"),
    ]
  )
  func scipyGrid(reference: Reference) {
    let args = reference.arguments
    let value = Distributions.binomialProbability(Int(args[0]), Int(args[1]), args[2])
    #expect(isClose(value, reference.expected))
  }

  @Test("sums to one over the support", arguments: [(1, 0.5), (50, 0.07), (400, 0.93)])
  func normalization(n: Int, p: Double) {
    var total = 0.0
    for k in 0...n { total += Distributions.binomialProbability(k, n, p) }
    #expect(isClose(total, 1, relative: 1e-13))
  }

  @Test("is an exact point mass when p is 0 or 1")
  func degenerate() {
    #expect(Distributions.binomialProbability(0, 7, 0) == 1)
    #expect(Distributions.binomialProbability(1, 7, 0) == 0)
    #expect(Distributions.binomialProbability(7, 7, 1) == 1)
    #expect(Distributions.binomialProbability(6, 7, 1) == 0)
    #expect(Distributions.binomialProbability(0, 0, 0.4) == 1)
  }

  @Test("is 0 outside the support and NaN for invalid parameters")
  func domain() {
    #expect(Distributions.binomialProbability(-1, 7, 0.3) == 0)
    #expect(Distributions.binomialProbability(8, 7, 0.3) == 0)
    #expect(Distributions.binomialProbability(1, -7, 0.3).isNaN)
    #expect(Distributions.binomialProbability(1, 7, 1.2).isNaN)
  }
}
