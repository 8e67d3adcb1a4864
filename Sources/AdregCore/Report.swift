import AdregStatistics

/// How confidence intervals for proportions are computed.
public enum ConfidenceMethod: String, Sendable, CaseIterable {
  case wilson
  case exact
}

/// The window, site and interval settings every report takes.
public struct ReportOptions: Sendable {
  /// The confidence level of a report asked for without one.
  public static let defaultLevel = 0.95
  /// The interval for proportions of a report asked for without one.
  public static let defaultMethod = ConfidenceMethod.wilson

  public var from: Day?
  public var to: Day?
  public var site: String?
  public var level: Double = ReportOptions.defaultLevel
  public var method: ConfidenceMethod = ReportOptions.defaultMethod
  /// Compare with references whose figure was never read in the label or the primary publication.
  public var includeUnverified = false
  public init() {}
}

/// How a registry figure is set beside a reference (PRODUCT.md §6 "Comparison with a reference").
public enum ComparisonKind: String, Sendable {
  /// The cohort's cumulative incidence at the reference's week, counted from each patient's start.
  case timeMatched = "time-matched"
  /// x/N of the frequency report, whatever the follow-up.
  case crude
}

/// What a comparison with a reference concludes.
public enum Verdict: String, Sendable, CaseIterable {
  case above
  case below
  case consistent
  /// Fewer than 10 patients were followed to the reference's week.
  case insufficientFollowUp = "insufficient-follow-up"
  /// The figure was never read in the label or the primary publication (compared only with --include-unverified).
  case unverifiedReference = "unverified-reference"
}

/// A published reference set beside the registry's figure; the comparison fields are nil for a placebo arm.
public struct ReferenceComparison: Sendable {
  public var reference: TrialReference
  public var comparison: ComparisonKind?
  /// The registry figure compared, in percent, with its CI.
  public var registryPercent: Double?
  public var registryCILow: Double?
  public var registryCIHigh: Double?
  /// Time-matched only: the day of the horizon (7 · weeks) and the patients followed to it.
  public var day: Int?
  public var atRisk: Int?
  /// Two-sample comparison only (the reference has its arm size): registry − reference in percentage points.
  public var difference: Double?
  public var differenceCILow: Double?
  public var differenceCIHigh: Double?
  public var pValue: Double?
  public var verdict: Verdict?

  public init(reference: TrialReference) { self.reference = reference }
}

/// One category (or `any`) of the frequency report.
public struct FrequencyRow: Sendable {
  public var category: ReportCategory
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
  /// Cohort patients whose first case of the category began in the window, on treatment.
  public var firstEventPatients: Int = 0
  /// Days at risk of a first event, in the window: from start to the first onset, stop or as-of.
  public var firstEventDays: Int = 0
  public var firstEventYears: Double { Double(firstEventDays) / 365.25 }
  /// nil when nobody was at risk.
  public var firstEventRatePer100PY: Double?
  public var firstEventRateCILow: Double?
  public var firstEventRateCIHigh: Double?
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
  public var pattern: HazardPattern
}

/// One category of the onset report.
public struct OnsetRow: Sendable, Equatable {
  public var category: Category
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

/// How a patient's follow-up ends in the time-on-treatment analyses.
public enum CensorRule: String, Sendable, CaseIterable {
  /// At the stop date or as-of.
  case asOf = "as-of"
  /// At the stop date or the last contact on or before as-of.
  case lastContact = "last-contact"
}

/// The settings of `report incidence`.
public struct IncidenceOptions: Sendable {
  /// The horizons, in whole weeks, when none are asked for.
  public static let defaultWeeks = [4, 16, 52, 104]
  /// Where follow-up ends when no rule is asked for.
  public static let defaultCensor = CensorRule.asOf
  public var site: String?
  public var level: Double = ReportOptions.defaultLevel
  public var weeks: [Int] = IncidenceOptions.defaultWeeks
  public var censor: CensorRule = IncidenceOptions.defaultCensor
  public var includeUnverified = false
  /// Also give each row its whole Kaplan–Meier curve (`IncidenceRow.curve`), for charts.
  public var curves = false
  public init() {}
}

/// Kaplan–Meier cumulative incidence at one horizon, in percent.
public struct IncidenceHorizon: Sendable, Equatable {
  public var weeks: Int
  public var day: Int
  /// nil when nobody was followed to the horizon.
  public var percent: Double?
  public var ciLow: Double?
  public var ciHigh: Double?
  public var atRisk: Int
}

/// The censored Weibull hazard pattern of a category over the whole cohort.
public struct CohortWeibull: Sendable, Equatable {
  public var shape: Double
  public var shapeLow: Double
  public var shapeHigh: Double
  public var scale: Double
  /// `early` (shape CI below 1), `late` (above 1) or `random`.
  public var pattern: HazardPattern
}

/// One category (or `any`) of the incidence report.
public struct IncidenceRow: Sendable {
  public var category: ReportCategory
  /// Patients with a first event on treatment by their end day.
  public var events: Int
  public var horizons: [IncidenceHorizon]
  /// nil with fewer than 5 events or no finite maximum.
  public var weibull: CohortWeibull?
  public var references: [ReferenceComparison]
  /// The cumulative incidence at every event day, in days since start; nil unless `IncidenceOptions.curves`.
  public var curve: KaplanMeierCurve? = nil
}

/// PRODUCT.md §6 "Time on treatment".
public struct IncidenceReport: Sendable {
  public var asOf: Day
  public var censor: CensorRule
  public var level: Double
  public var site: String?
  public var patients: Int
  public var rows: [IncidenceRow]
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
  public var category: ReportCategory
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
