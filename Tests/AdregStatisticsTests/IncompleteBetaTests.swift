import AdregStatistics
import Foundation
import Testing

@Suite("Regularized incomplete beta function")
struct IncompleteBetaTests {
  @Test("equals 1 - (1 - x)^b when a = 1", arguments: [(0.01, 3.0), (0.3, 10.0), (2.5e-7, 100_000.0), (0.9, 0.5)])
  func firstShapeOne(x: Double, b: Double) {
    #expect(isClose(Distributions.regularizedIncompleteBeta(x, a: 1, b: b), -expm1(b * log1p(-x))))
  }

  @Test("equals x^a when b = 1", arguments: [(0.01, 3.0), (0.3, 0.2), (0.99, 500.0)])
  func secondShapeOne(x: Double, a: Double) {
    #expect(isClose(Distributions.regularizedIncompleteBeta(x, a: a, b: 1), pow(x, a)))
  }

  @Test("equals 3x^2 - 2x^3 for a = b = 2", arguments: [0.1, 0.25, 0.5, 0.8])
  func bothShapesTwo(x: Double) {
    #expect(isClose(Distributions.regularizedIncompleteBeta(x, a: 2, b: 2), 3 * x * x - 2 * x * x * x))
  }

  @Test("is one half at the centre of a symmetric beta", arguments: [0.5, 3.0, 40.0, 50_000.0])
  func symmetricCentre(a: Double) {
    #expect(isClose(Distributions.regularizedIncompleteBeta(0.5, a: a, b: a), 0.5, relative: 1e-13))
  }

  @Test("satisfies I_x(a, b) = 1 - I_(1-x)(b, a)", arguments: [(0.25, 3.0, 7.0), (0.75, 0.4, 2.5), (0.5, 20.0, 20.0)])
  func reflection(x: Double, a: Double, b: Double) {
    let direct = Distributions.regularizedIncompleteBeta(x, a: a, b: b)
    let reflected = Distributions.regularizedIncompleteBeta(1 - x, a: b, b: a)
    #expect(isClose(direct, 1 - reflected, relative: 1e-13))
  }

  @Test(
    "matches scipy, including large shapes",
    arguments: [
      Reference([0.3, 2, 5], 0.5798250000000003, "scipy.special.betainc(2, 5, 0.3)"),
      Reference([0.01, 0.5, 0.5], 0.06376856085851985, "scipy.special.betainc(0.5, 0.5, 0.01)"),
      Reference([0.9, 0.1, 3], 0.99995868638029, "scipy.special.betainc(0.1, 3, 0.9)"),
      Reference([0.5, 10.5, 3.25], 0.018940376854767984, "scipy.special.betainc(10.5, 3.25, 0.5)"),
      Reference([1e-5, 3, 99998], 0.0803004773643606, "scipy.special.betainc(3, 99998, 1e-05)"),
      Reference([4.5e-5, 2, 99999], 0.9389044557890264, "scipy.special.betainc(2, 99999, 4.5e-05)"),
      Reference([0.48, 1000, 1000], 0.03677948327863959, "scipy.special.betainc(1000, 1000, 0.48)"),
      Reference([0.9, 50, 3], 0.09663328513725222, "scipy.special.betainc(50, 3, 0.9)"),
    ]
  )
  func scipyGrid(reference: Reference) {
    let args = reference.arguments
    #expect(isClose(Distributions.regularizedIncompleteBeta(args[0], a: args[1], b: args[2]), reference.expected))
  }

  @Test("clamps outside (0, 1) and rejects invalid shapes with NaN")
  func domain() {
    #expect(Distributions.regularizedIncompleteBeta(0, a: 2, b: 3) == 0)
    #expect(Distributions.regularizedIncompleteBeta(-1, a: 2, b: 3) == 0)
    #expect(Distributions.regularizedIncompleteBeta(1, a: 2, b: 3) == 1)
    #expect(Distributions.regularizedIncompleteBeta(0.5, a: 0, b: 3).isNaN)
    #expect(Distributions.regularizedIncompleteBeta(0.5, a: 2, b: -1).isNaN)
    #expect(Distributions.regularizedIncompleteBeta(.nan, a: 2, b: 3).isNaN)
  }
}
