/// How confidence intervals for proportions are computed.
public enum ConfidenceMethod: String, Sendable, CaseIterable {
  case wilson
  case exact
}

/// The window, site and interval settings every report takes.
public struct ReportOptions: Sendable {
  public var from: Day?
  public var to: Day?
  public var site: String?
  public var level: Double = 0.95
  public var method: ConfidenceMethod = .wilson
  public init() {}
}

/// The window as a report applies it: "today" caps the end, so data entered later never counts.
public struct ReportWindow: Sendable, Equatable {
  public var asOf: Day
  public var from: Day?
  public var to: Day?
  /// The last day that counts: `to`, capped at `asOf`.
  public var end: Day { to.map { min($0, asOf) } ?? asOf }
}

/// The treated cohort of a window: patients and their exposure.
public struct Cohort: Sendable, Equatable {
  public var patients: Int
  public var exposureDays: Int
  public var patientYears: Double { Double(exposureDays) / 365.25 }
}

/// A published reference set beside the registry's figure.
public struct ReferenceComparison: Sendable {
  public var reference: TrialReference
  /// Exact two-sided binomial test of x of N against the reference (dupilumab arm only).
  public var pValue: Double?
  /// `above`, `below` or `consistent` (dupilumab arm only).
  public var verdict: String?
}

/// One category (or `any`) of the frequency report.
public struct FrequencyRow: Sendable {
  public var category: String
  public var patientsWithReaction: Int
  public var patients: Int
  /// nil when the cohort is empty.
  public var percent: Double?
  public var ciLow: Double?
  public var ciHigh: Double?
  public var episodes: Int
  /// nil when there is no exposure.
  public var ratePer100PY: Double?
  public var rateCILow: Double?
  public var rateCIHigh: Double?
  public var references: [ReferenceComparison]
}

/// PRODUCT.md §6 "frequency".
public struct FrequencyReport: Sendable {
  public var window: ReportWindow
  public var level: Double
  public var method: ConfidenceMethod
  public var cohort: Cohort
  public var rows: [FrequencyRow]
}

/// A 4-week bin of onset days.
public struct OnsetBin: Sendable, Equatable {
  public var fromDay: Int
  public var toDay: Int
  public var count: Int

  public init(fromDay: Int, toDay: Int, count: Int) {
    self.fromDay = fromDay
    self.toDay = toDay
    self.count = count
  }
}

/// Weibull fit of the day of treatment at onset.
public struct OnsetWeibull: Sendable, Equatable {
  public var shape: Double
  public var shapeLow: Double
  public var shapeHigh: Double
  public var scale: Double
  /// `early` (shape CI below 1), `late` (above 1) or `random`.
  public var pattern: String
}

/// One category of the onset report.
public struct OnsetRow: Sendable, Equatable {
  public var category: String
  public var episodes: Int
  public var medianDays: Double
  public var q1Days: Double
  public var q3Days: Double
  public var minDays: Int
  public var maxDays: Int
  public var within16WeeksPercent: Double
  public var histogram: [OnsetBin]
  /// Median days since the last logged dose, over the episodes that have one.
  public var medianDaysSinceLastDose: Double?
  public var episodesWithDose: Int
  public var weibull: OnsetWeibull?
}

/// PRODUCT.md §6 "onset".
public struct OnsetReport: Sendable {
  public var window: ReportWindow
  public var level: Double
  public var cohort: Cohort
  public var rows: [OnsetRow]
}

/// One risk factor and category of the risk report.
public struct RiskRow: Sendable, Equatable {
  public var factor: String
  public var category: String
  public var exposedWithReaction: Int
  public var exposed: Int
  public var unexposedWithReaction: Int
  public var unexposed: Int
  /// nil when a group is empty.
  public var riskRatio: Double?
  public var ciLow: Double?
  public var ciHigh: Double?
  public var zeroCellCorrection: Bool
}

/// PRODUCT.md §6 "risk".
public struct RiskReport: Sendable {
  public var window: ReportWindow
  public var level: Double
  public var cohort: Cohort
  public var rows: [RiskRow]
}
