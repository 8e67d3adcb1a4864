import AdregStatistics
import Foundation
import Testing

@Suite("Comparison with a reference proportion")
struct ReferenceTestTests {
  /// R: qnorm(0.975)
  static let z = 1.959963984540054

  @Test("two-sample comparison matches R")
  func twoSampleR() throws {
    // Registry 7.1% with Greenwood variance 1e-4 against 5% in an arm of 300.
    // R: d <- 0.071 - 0.05; se <- sqrt(0.0001 + 0.05 * 0.95 / 300);
    //    2 * (1 - pnorm(abs(d) / se)); d - qnorm(0.975) * se; d + qnorm(0.975) * se
    let result = try ReferenceTest.twoSample(estimate: 0.071, variance: 0.0001, reference: 0.05, referenceSize: 300, level: 0.95)
    #expect(isClose(result.difference, 0.020999999999999991))
    #expect(isClose(result.lower, -0.010502013618380796))
    #expect(isClose(result.upper, 0.052502013618380777))
    #expect(isClose(try #require(result.pValue), 0.19136248288306201))
  }

  @Test("two-sample: a difference of z standard errors has p = 1 − level and lower bound 0")
  func twoSampleClosedForm() throws {
    // p0 = 0.5, n_r = 100, no registry variance: SE = √(0.25/100) = 0.05, and the registry
    // figure sits z·SE = 0.0979982 above p0.
    let estimate = 0.5 + Self.z * 0.05
    let result = try ReferenceTest.twoSample(estimate: estimate, variance: 0, reference: 0.5, referenceSize: 100, level: 0.95)
    #expect(isClose(result.difference, Self.z * 0.05, relative: 1e-14))
    #expect(abs(result.lower) < 1e-15)
    #expect(isClose(result.upper, 2 * Self.z * 0.05, relative: 1e-14))
    #expect(isClose(try #require(result.pValue), 0.05, relative: 1e-13))
    // Symmetric: the same distance below p0.
    let below = try ReferenceTest.twoSample(estimate: 0.5 - Self.z * 0.05, variance: 0, reference: 0.5, referenceSize: 100, level: 0.95)
    #expect(isClose(try #require(below.pValue), 0.05, relative: 1e-13))
    #expect(abs(below.upper) < 1e-15)
  }

  @Test("two-sample: no difference gives p = 1 and an interval ± z·SE")
  func twoSampleNoDifference() throws {
    // SE = √(0.0009 + 0.1·0.9/1000) = √0.00099.
    let result = try ReferenceTest.twoSample(estimate: 0.1, variance: 0.0009, reference: 0.1, referenceSize: 1000, level: 0.95)
    #expect(result.difference == 0)
    #expect(result.pValue == 1)
    #expect(isClose(result.upper, Self.z * 0.00099.squareRoot()))
    #expect(isClose(result.lower, -Self.z * 0.00099.squareRoot()))
  }

  @Test("two-sample: no p-value and a point interval when the standard error is 0")
  func twoSampleZeroStandardError() throws {
    // p0 = 0 contributes no variance, and an estimate of 0 with no events has variance 0.
    let result = try ReferenceTest.twoSample(estimate: 0.02, variance: 0, reference: 0, referenceSize: 50, level: 0.95)
    #expect(result.pValue == nil)
    #expect(result.difference == 0.02 && result.lower == 0.02 && result.upper == 0.02)
    let atOne = try ReferenceTest.twoSample(estimate: 1, variance: 0, reference: 1, referenceSize: 50, level: 0.95)
    #expect(atOne.pValue == nil && atOne.difference == 0)
  }

  @Test("one-sample test matches R, and 2Φ(−1) for a difference of one standard error")
  func oneSample() throws {
    // R: 2 * (1 - pnorm(abs(0.15 - 0.08) / sqrt(0.0004)))
    #expect(isClose(try #require(try ReferenceTest.oneSample(estimate: 0.15, variance: 0.0004, reference: 0.08)), 0.00046525815807108017))
    // |0.3 − 0.2| / √0.01 = 1. R: 2 * pnorm(-1)
    #expect(isClose(try #require(try ReferenceTest.oneSample(estimate: 0.3, variance: 0.01, reference: 0.2)), 0.31731050786291409))
    #expect(try ReferenceTest.oneSample(estimate: 0.3, variance: 0.01, reference: 0.3) == 1)
  }

  @Test("keeps the digits of a tiny p-value")
  func smallPValue() throws {
    // |0.5 − 0.4| / √0.0001 = 10; 1 − Φ(10) would round to 0. R: 2 * pnorm(-10)
    let p = try #require(try ReferenceTest.oneSample(estimate: 0.5, variance: 0.0001, reference: 0.4))
    #expect(isClose(p, 1.5239706048321054e-23, relative: 1e-12))
  }

  @Test("one-sample: no p-value when the variance is 0")
  func oneSampleZeroVariance() throws {
    #expect(try ReferenceTest.oneSample(estimate: 0, variance: 0, reference: 0.05) == nil)
  }

  @Test("throws for proportions outside [0, 1], a negative variance, an empty reference arm and invalid levels")
  func invalidArguments() {
    #expect(throws: StatisticsError.self) { try ReferenceTest.oneSample(estimate: 1.2, variance: 0.01, reference: 0.1) }
    #expect(throws: StatisticsError.self) { try ReferenceTest.oneSample(estimate: 0.2, variance: 0.01, reference: -0.1) }
    #expect(throws: StatisticsError.self) { try ReferenceTest.oneSample(estimate: 0.2, variance: -0.01, reference: 0.1) }
    #expect(throws: StatisticsError.self) { try ReferenceTest.oneSample(estimate: 0.2, variance: .nan, reference: 0.1) }
    #expect(throws: StatisticsError.self) {
      try ReferenceTest.twoSample(estimate: 0.2, variance: 0.01, reference: 0.1, referenceSize: 0, level: 0.95)
    }
    #expect(throws: StatisticsError.self) {
      try ReferenceTest.twoSample(estimate: 0.2, variance: 0.01, reference: 0.1, referenceSize: 100, level: 1)
    }
    #expect(throws: StatisticsError.self) {
      try ReferenceTest.twoSample(estimate: 0.2, variance: .infinity, reference: 0.1, referenceSize: 100, level: 0.95)
    }
    #expect(throws: StatisticsError.self) {
      try ReferenceTest.twoSample(estimate: .nan, variance: 0.01, reference: 0.1, referenceSize: 100, level: 0.95)
    }
  }
}
