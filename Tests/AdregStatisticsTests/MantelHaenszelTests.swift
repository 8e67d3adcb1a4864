import AdregStatistics
import Testing

@Suite struct MantelHaenszelTests {
  /// Two strata, the ratio and the Greenland–Robins (1985) interval worked in R by the formula:
  /// a<-c(12,5); n1<-c(80,40); c0<-c(20,9); n0<-c(300,150); N<-n1+n0
  /// R<-sum(a*n0/N); S<-sum(c0*n1/N); rr<-R/S
  /// v<-sum((n1*n0*(a+c0)-a*c0*N)/N^2)/(R*S)
  /// exp(log(rr)+c(-1,1)*qnorm(0.975)*sqrt(v)); exp(log(rr)+c(-1,1)*qnorm(0.95)*sqrt(v))
  @Test("two strata: ratio and interval at 95 % and 90 %, as worked by hand in R")
  func twoStrata() throws {
    let strata = [
      RiskStratum(exposedEvents: 12, exposed: 80, unexposedEvents: 20, unexposed: 300),
      RiskStratum(exposedEvents: 5, exposed: 40, unexposedEvents: 9, unexposed: 150),
    ]
    let wide = try #require(try MantelHaenszel.riskRatio(strata, level: 0.95))
    #expect(isClose(wide.ratio, 2.1982758620689657, relative: 1e-12))
    #expect(isClose(wide.lower, 1.2510805819801261, relative: 1e-12))
    #expect(isClose(wide.upper, 3.8625943327380488, relative: 1e-12))
    let narrow = try #require(try MantelHaenszel.riskRatio(strata, level: 0.90))
    #expect(isClose(narrow.lower, 1.3697526524317423, relative: 1e-12))
    #expect(isClose(narrow.upper, 3.527948463670425, relative: 1e-12))
    #expect(!wide.zeroCellCorrection)
  }

  @Test("one stratum gives the crude ratio and the Katz interval")
  func oneStratum() throws {
    // With one stratum the Greenland–Robins variance is 1/a − 1/n1 + 1/c − 1/n0, Katz's.
    let single = try #require(
      try MantelHaenszel.riskRatio([RiskStratum(exposedEvents: 12, exposed: 80, unexposedEvents: 20, unexposed: 300)], level: 0.95))
    let katz = try RiskRatio.katz(exposedEvents: 12, exposed: 80, unexposedEvents: 20, unexposed: 300, level: 0.95)
    #expect(isClose(single.ratio, katz.ratio, relative: 1e-12))
    #expect(isClose(single.lower, katz.lower, relative: 1e-12))
    #expect(isClose(single.upper, katz.upper, relative: 1e-12))
  }

  @Test("strata with an empty group add nothing; no events on a side gives no estimate")
  func emptyGroupsAndNoEvents() throws {
    let strata = [
      RiskStratum(exposedEvents: 12, exposed: 80, unexposedEvents: 20, unexposed: 300),
      RiskStratum(exposedEvents: 0, exposed: 0, unexposedEvents: 3, unexposed: 10),
    ]
    let withEmpty = try #require(try MantelHaenszel.riskRatio(strata, level: 0.95))
    let alone = try #require(try MantelHaenszel.riskRatio([strata[0]], level: 0.95))
    #expect(withEmpty == alone)
    #expect(try MantelHaenszel.riskRatio([RiskStratum(exposedEvents: 0, exposed: 5, unexposedEvents: 2, unexposed: 9)], level: 0.95) == nil)
    #expect(throws: StatisticsError.self) {
      try MantelHaenszel.riskRatio([RiskStratum(exposedEvents: 6, exposed: 5, unexposedEvents: 2, unexposed: 9)], level: 0.95)
    }
  }
}
