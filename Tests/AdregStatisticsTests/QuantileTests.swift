import AdregStatistics
import Foundation
import Testing

@Suite("Type 7 sample quantile")
struct QuantileTests {
  @Test("reproduces R's quantile(1:10, c(.25, .5, .75))")
  func rExample() throws {
    let values = (1...10).map(Double.init)
    #expect(try Quantile.type7(sorted: values, probability: 0.25) == 3.25)
    #expect(try Quantile.type7(sorted: values, probability: 0.5) == 5.5)
    #expect(try Quantile.type7(sorted: values, probability: 0.75) == 7.75)
  }

  @Test(
    "matches numpy.quantile's default linear method",
    arguments: [
      Reference([0.1], 0.92, "numpy.quantile([0.5, 1.2, 3.3, 3.3, 7.9, 10.0, 15.25], 0.1)"),
      Reference([0.33], 3.258, "numpy.quantile([0.5, 1.2, 3.3, 3.3, 7.9, 10.0, 15.25], 0.33)"),
      Reference([0.5], 3.3, "numpy.quantile([0.5, 1.2, 3.3, 3.3, 7.9, 10.0, 15.25], 0.5)"),
      Reference([0.9], 12.100000000000001, "numpy.quantile([0.5, 1.2, 3.3, 3.3, 7.9, 10.0, 15.25], 0.9)"),
    ]
  )
  func numpyGrid(reference: Reference) throws {
    let values = [0.5, 1.2, 3.3, 3.3, 7.9, 10.0, 15.25]
    #expect(isClose(try Quantile.type7(sorted: values, probability: reference.arguments[0]), reference.expected, relative: 1e-14))
  }

  @Test("returns the extremes at p = 0 and p = 1 and the only value of a singleton")
  func ends() throws {
    let values = [-4.0, 0.0, 2.5, 9.0]
    #expect(try Quantile.type7(sorted: values, probability: 0) == -4)
    #expect(try Quantile.type7(sorted: values, probability: 1) == 9)
    for p in [0.0, 0.3, 1.0] {
      #expect(try Quantile.type7(sorted: [42], probability: p) == 42)
    }
  }

  @Test("returns tied neighbours exactly instead of re-rounding them")
  func ties() throws {
    // (1 - h) * 0.1 + h * 0.1 need not round back to 0.1; R skips interpolation between
    // equal neighbours, and so does this function.
    for p in [0.1, 0.37, 0.5, 0.83] {
      #expect(try Quantile.type7(sorted: [0.1, 0.1, 0.1], probability: p) == 0.1)
    }
    #expect(try Quantile.type7(sorted: [1, .infinity, .infinity], probability: 0.75) == .infinity)
  }

  @Test("throws for empty, unsorted or NaN input and probabilities outside [0, 1]")
  func invalidArguments() {
    #expect(throws: StatisticsError.self) { try Quantile.type7(sorted: [], probability: 0.5) }
    #expect(throws: StatisticsError.self) { try Quantile.type7(sorted: [3, 1, 2], probability: 0.5) }
    #expect(throws: StatisticsError.self) { try Quantile.type7(sorted: [1, .nan, 2], probability: 0.5) }
    #expect(throws: StatisticsError.self) { try Quantile.type7(sorted: [1, 2], probability: -0.01) }
    #expect(throws: StatisticsError.self) { try Quantile.type7(sorted: [1, 2], probability: 1.01) }
    #expect(throws: StatisticsError.self) { try Quantile.type7(sorted: [1, 2], probability: .nan) }
  }
}
