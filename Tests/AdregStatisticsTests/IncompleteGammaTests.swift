import AdregStatistics
import Foundation
import Testing

@Suite("Regularized lower incomplete gamma function")
struct IncompleteGammaTests {
  @Test("equals 1 - e^-x for shape 1", arguments: [1e-8, 0.5, 3.0, 40.0])
  func exponential(x: Double) {
    #expect(isClose(Distributions.regularizedGammaP(1, x), -expm1(-x)))
  }

  @Test("equals erf(sqrt(x)) for shape 1/2", arguments: [0.01, 0.5, 2.0, 9.0])
  func halfShape(x: Double) {
    #expect(isClose(Distributions.regularizedGammaP(0.5, x), erf(x.squareRoot())))
  }

  @Test("equals the Poisson upper tail for integer shapes", arguments: [(3, 2.0), (7, 7.5), (12, 30.0)])
  func poissonIdentity(k: Int, x: Double) {
    // P(k, x) = 1 - sum_{j < k} e^-x x^j / j!, summed here term by term.
    var term = exp(-x)
    var sum = 0.0
    for j in 0..<k {
      sum += term
      term *= x / Double(j + 1)
    }
    #expect(isClose(Distributions.regularizedGammaP(Double(k), x), 1 - sum, relative: 1e-12))
  }

  @Test(
    "matches scipy on both sides of x = a + 1",
    arguments: [
      Reference([3, 2], 0.32332358381693654, "scipy.special.gammainc(3, 2)"),
      Reference([10, 30], 0.9999928782491372, "scipy.special.gammainc(10, 30)"),
      Reference([100, 95], 0.3173568111698001, "scipy.special.gammainc(100, 95)"),
      Reference([1000, 1100], 0.9989406767460701, "scipy.special.gammainc(1000, 1100)"),
      Reference([0.01, 1e-5], 0.8963367982671969, "scipy.special.gammainc(0.01, 1e-05)"),
      Reference([50.5, 10], 8.213874915059056e-20, "scipy.special.gammainc(50.5, 10)"),
      Reference([2.5, 2.5], 0.584119813004492, "scipy.special.gammainc(2.5, 2.5)"),
    ]
  )
  func scipyGrid(reference: Reference) {
    let args = reference.arguments
    #expect(isClose(Distributions.regularizedGammaP(args[0], args[1]), reference.expected))
  }

  @Test("is 0 at the origin, 1 at infinity and NaN outside its domain")
  func domain() {
    #expect(Distributions.regularizedGammaP(2, 0) == 0)
    #expect(Distributions.regularizedGammaP(2, -3) == 0)
    #expect(Distributions.regularizedGammaP(2, .infinity) == 1)
    #expect(Distributions.regularizedGammaP(0, 1).isNaN)
    #expect(Distributions.regularizedGammaP(2, .nan).isNaN)
  }
}
