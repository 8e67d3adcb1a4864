import AdregStatistics
import Foundation
import Testing

/// Expected values come from R 4.2.2 with survival 3.5.3, `options(digits = 17)`:
/// `fit <- survreg(Surv(t, e) ~ 1, dist = "weibull")`, printing `coef(fit)` (ln λ), `fit$scale`
/// (1/k) and `sqrt(vcov(fit)["Log(scale)", "Log(scale)"])` (se of ln k). survreg stops when the
/// log-likelihood changes by less than its default rel.tolerance of 1e-9; rerun with 1e-13 its
/// parameters move by up to 6e-11 relative on these data, so 1e-6 is a safe tolerance (the fit
/// agrees with the default run to 1e-10 here).
@Suite("Right-censored Weibull maximum-likelihood fit")
struct CensoredWeibullFitTests {
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var times: [Int]
    var events: [Int]
    var intercept: Double
    var survregScale: Double
    var seLogScale: Double
    var description: String { name }

    func table() throws -> LifeTable {
      try LifeTable(observations: zip(times, events).map { (time: $0, event: $1 == 1) })
    }
  }

  static let cases: [Case] = [
    // R: survreg(Surv(t, e) ~ 1, dist = "weibull") with
    // t = c(3, 5, 5, 5, 8, 10, 10, 12, 15, 16, 16, 18, 20, 22, 25, 30),
    // e = c(1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1): 9 events of 16, with ties.
    Case(
      name: "16 subjects, 7 censored",
      times: [3, 5, 5, 5, 8, 10, 10, 12, 15, 16, 16, 18, 20, 22, 25, 30],
      events: [1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1],
      intercept: 3.0596147756609997, survregScale: 0.59241323539685808, seLogScale: 0.2715115197936479
    ),
    // R: set.seed(11); x <- rweibull(40, 0.8, 200); c <- runif(40, 0, 60);
    // t <- floor(pmin(x, c)) + 1; e <- as.integer(x <= c); then the survreg call above.
    // Heavy censoring: 4 events of 40.
    Case(
      name: "40 subjects, 36 censored",
      times: [
        15, 13, 30, 40, 20, 5, 39, 1, 16, 51, 31, 36, 11, 19, 14, 27, 25, 49, 10, 36,
        9, 46, 11, 35, 46, 11, 4, 30, 12, 38, 42, 26, 26, 13, 28, 33, 17, 20, 22, 14,
      ],
      events: [
        0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0,
      ],
      intercept: 5.1938299212803392, survregScale: 0.85954388784162117, seLogScale: 0.43881182754236969
    ),
    // R: set.seed(5); x <- rweibull(60, 1.5, 80); c <- runif(60, 20, 150);
    // t <- floor(pmin(x, c)) + 1; e <- as.integer(x <= c); then the survreg call above.
    // 38 events of 60, with tied days.
    Case(
      name: "60 subjects, 22 censored",
      times: [
        102, 42, 16, 94, 138, 41, 60, 29, 11, 128, 96, 64, 41, 56, 23, 110, 26, 20, 57, 25,
        20, 39, 48, 32, 82, 27, 71, 9, 63, 11, 70, 64, 45, 72, 62, 65, 51, 52, 76, 76,
        28, 103, 27, 59, 15, 57, 34, 88, 31, 48, 44, 55, 16, 7, 14, 72, 82, 34, 97, 45,
      ],
      events: [
        0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1,
        1, 1, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0,
      ],
      intercept: 4.3451179109801235, survregScale: 0.63753565954556413, seLogScale: 0.1318433959368962
    ),
    // R: survreg(Surv(c(5, 10, 10), c(1, 0, 0)) ~ 1, dist = "weibull"): one event time, but
    // followed by later censorings, so the maximum is finite.
    Case(
      name: "one event before two later censorings",
      times: [5, 10, 10],
      events: [1, 0, 0],
      intercept: 2.8052236478139361, survregScale: 0.59899429185554942, seLogScale: 0.92960534334780842
    ),
  ]

  /// Censored Weibull log-likelihood without the constant −Σ_events ln t.
  static func logLikelihood(_ c: Case, shape k: Double, scale lambda: Double) -> Double {
    zip(c.times, c.events).reduce(0) { sum, observation in
      let u = k * log(Double(observation.0) / lambda)
      return sum + (observation.1 == 1 ? log(k) + u : 0) - exp(u)
    }
  }

  @Test("agrees with R's survreg(dist = \"weibull\")", arguments: cases)
  func survregReference(c: Case) throws {
    let fit = try #require(try CensoredWeibullFit.fit(c.table(), level: 0.95))
    #expect(isClose(fit.shape, 1 / c.survregScale, relative: 1e-6))
    #expect(isClose(fit.scale, exp(c.intercept), relative: 1e-6))
    #expect(isClose(fit.seLogShape, c.seLogScale, relative: 1e-6))
    // exp(ln k ± qnorm(0.975) · se), formed from R's numbers.
    let z = 1.959963984540054
    #expect(isClose(fit.shapeLower, exp(-log(c.survregScale) - z * c.seLogScale), relative: 1e-6))
    #expect(isClose(fit.shapeUpper, exp(-log(c.survregScale) + z * c.seLogScale), relative: 1e-6))
    // And our maximum is at least as likely as survreg's.
    let ours = Self.logLikelihood(c, shape: fit.shape, scale: fit.scale)
    let theirs = Self.logLikelihood(c, shape: 1 / c.survregScale, scale: exp(c.intercept))
    #expect(ours >= theirs - 1e-12 * abs(theirs))
  }

  @Test("is a maximum: moving either parameter lowers the likelihood", arguments: cases)
  func maximum(c: Case) throws {
    let fit = try #require(try CensoredWeibullFit.fit(c.table(), level: 0.95))
    let best = Self.logLikelihood(c, shape: fit.shape, scale: fit.scale)
    for factor in [0.999, 1.001] {
      #expect(Self.logLikelihood(c, shape: fit.shape * factor, scale: fit.scale) < best)
      #expect(Self.logLikelihood(c, shape: fit.shape, scale: fit.scale * factor) < best)
    }
  }

  @Test("equals the uncensored Weibull fit when nobody is censored")
  func uncensored() throws {
    // The twelve onset days of WeibullFitTests; WeibullFit solves the same equations with
    // d = n by its own code, to the mpmath values given there.
    let days = [12, 35, 47, 61, 73, 88, 102, 119, 140, 166, 205, 260]
    let table = try LifeTable(observations: days.map { (time: $0, event: true) })
    let fit = try #require(try CensoredWeibullFit.fit(table, level: 0.95))
    #expect(isClose(fit.shape, 1.5726597242115942722, relative: 1e-12))
    #expect(isClose(fit.scale, 121.34992711386156438, relative: 1e-12))
    #expect(isClose(fit.shapeLower, 1.0031678676680816127))
    #expect(isClose(fit.shapeUpper, 2.4654483939029189583))
  }

  @Test("does not depend on the unit of time")
  func unitInvariance() throws {
    let c = Self.cases[2]
    let days = try #require(try CensoredWeibullFit.fit(c.table(), level: 0.90))
    let hours = try LifeTable(observations: zip(c.times, c.events).map { (time: $0 * 24, event: $1 == 1) })
    let fit = try #require(try CensoredWeibullFit.fit(hours, level: 0.90))
    #expect(isClose(fit.shape, days.shape, relative: 1e-12))
    #expect(isClose(fit.scale, days.scale * 24, relative: 1e-12))
    #expect(isClose(fit.seLogShape, days.seLogShape, relative: 1e-10))
  }

  @Test("returns nil when the likelihood has no finite maximum")
  func noFiniteMaximum() throws {
    // No events: the likelihood only grows as λ → ∞.
    let censored = try LifeTable(rows: [LifeTableRow(time: 3, events: 0, censored: 2), LifeTableRow(time: 8, events: 0, censored: 1)])
    #expect(try CensoredWeibullFit.fit(censored, level: 0.95) == nil)
    // Everyone at one time: k → ∞ concentrates the density there.
    // (R: survreg(Surv(c(5, 5, 5), c(1, 1, 0)) ~ 1, dist = "weibull") does not converge.)
    let oneTime = try LifeTable(rows: [LifeTableRow(time: 5, events: 2, censored: 1)])
    #expect(try CensoredWeibullFit.fit(oneTime, level: 0.95) == nil)
    // Every event at the largest time, censorings only before it: the same limit.
    // (R: survreg(Surv(c(3, 5, 5), c(0, 1, 0)) ~ 1, dist = "weibull") drifts to scale 1.5e-05.)
    let eventsLast = try LifeTable(rows: [LifeTableRow(time: 3, events: 0, censored: 1), LifeTableRow(time: 5, events: 1, censored: 1)])
    #expect(try CensoredWeibullFit.fit(eventsLast, level: 0.95) == nil)
    #expect(try CensoredWeibullFit.fit(LifeTable(rows: []), level: 0.95) == nil)
  }

  @Test("throws for a time of 0, an invalid level or rows that break the table's invariants")
  func invalidArguments() throws {
    let withZero = try LifeTable(rows: [LifeTableRow(time: 0, events: 1, censored: 0), LifeTableRow(time: 4, events: 1, censored: 1)])
    #expect(throws: StatisticsError.self) { try CensoredWeibullFit.fit(withZero, level: 0.95) }
    let table = try Self.cases[0].table()
    #expect(throws: StatisticsError.self) { try CensoredWeibullFit.fit(table, level: 1) }
    #expect(throws: StatisticsError.self) { try CensoredWeibullFit.fit(table, level: -0.5) }
    var negative = table
    negative.rows[0].time = -2
    #expect(throws: StatisticsError.self) { try CensoredWeibullFit.fit(negative, level: 0.95) }
  }
}
