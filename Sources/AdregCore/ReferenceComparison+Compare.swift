import AdregStatistics

/// The registry's crude figure of a category: x of N patients, with its CI in percent.
struct CrudeFigure: Sendable {
  var x: Int
  var n: Int
  var ciLow: Double
  var ciHigh: Double
}

extension ReferenceComparison {
  /// PRODUCT.md §6 "Comparison with a reference": a reference with `weeks` is set beside the cohort's cumulative
  /// incidence at 7 · weeks days, one without beside x/N; with the arm's size the comparison is two-sample,
  /// otherwise one-sample. Placebo arms are shown, never compared.
  /// - Parameters:
  ///   - crude: x/N of the report, nil when the cohort is empty.
  ///   - table: the category's time-on-treatment life table, censored at as-of.
  static func compare(
    _ reference: TrialReference, crude: CrudeFigure?, table: LifeTable, level: Double, includeUnverified: Bool
  ) throws -> ReferenceComparison {
    var result = ReferenceComparison(reference: reference)
    guard reference.arm == .dupilumab else { return result }
    // The registry figure as a proportion, its variance and CI.
    var estimate: Double?
    var variance: Double?
    var low: Double?
    var high: Double?
    if let weeks = reference.weeks {
      result.comparison = .timeMatched
      let incidence = try CumulativeIncidence.kaplanMeier(table, horizon: 7 * weeks, level: level)
      result.day = 7 * weeks
      result.atRisk = incidence.atRisk
      (estimate, variance, low, high) = (incidence.estimate, incidence.variance, incidence.lower, incidence.upper)
    } else {
      result.comparison = .crude
      if let crude, crude.n > 0 {
        let p = Double(crude.x) / Double(crude.n)
        (estimate, variance, low, high) = (p, p * (1 - p) / Double(crude.n), crude.ciLow / 100, crude.ciHigh / 100)
      }
    }
    result.registryPercent = estimate.map { 100 * $0 }
    result.registryCILow = low.map { 100 * $0 }
    result.registryCIHigh = high.map { 100 * $0 }

    if !reference.verified, !includeUnverified {
      result.verdict = .unverifiedReference
      return result
    }
    if result.comparison == .timeMatched, (result.atRisk ?? 0) < 10 {
      result.verdict = .insufficientFollowUp
      return result
    }
    guard let estimate, let variance else { return result }
    let observed = 100 * estimate
    // The target: the point, or the nearer bound of a range the registry figure lies outside.
    let lowBound = reference.percentLow ?? 0
    let target: Double
    if lowBound == reference.percentHigh {
      target = reference.percentHigh
    } else if observed < lowBound {
      target = lowBound
    } else if observed > reference.percentHigh {
      target = reference.percentHigh
    } else {
      target = observed
    }
    if let size = reference.patients {
      let test = try ReferenceTest.twoSample(
        estimate: estimate, variance: variance, reference: target / 100, referenceSize: size, level: level)
      result.difference = 100 * test.difference
      result.differenceCILow = 100 * test.lower
      result.differenceCIHigh = 100 * test.upper
      result.pValue = test.pValue
      result.verdict = test.lower > 0 ? .above : test.upper < 0 ? .below : .consistent
      return result
    }
    if target == observed, lowBound != reference.percentHigh {
      result.pValue = 1
    } else if result.comparison == .crude, let crude {
      result.pValue = try Proportion.binomialTestTwoSided(successes: crude.x, trials: crude.n, probability: target / 100)
    } else {
      result.pValue = try ReferenceTest.oneSample(estimate: estimate, variance: variance, reference: target / 100)
    }
    guard let low, let high else {
      result.pValue = nil
      return result
    }
    if 100 * low > reference.percentHigh {
      result.verdict = .above
    } else if let referenceLow = reference.percentLow, 100 * high < referenceLow {
      result.verdict = .below
    } else {
      result.verdict = .consistent
    }
    return result
  }
}
