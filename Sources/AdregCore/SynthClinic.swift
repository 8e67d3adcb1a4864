import Foundation

/// The clinic a synthetic cohort comes from: every rate and pattern `Synth` draws from.
///
/// These are the simulation's true parameters; `synth --truth` writes them (``truth(_:)``), so a test can check
/// that adreg's reports recover them. Time is counted in days from each patient's treatment start (day 0, the
/// first injection).
public struct SynthClinic: Sendable {
  /// Treatment starts are uniform over this many days up to the as-of date (day offsets 0 … enrolmentDays − 1
  /// before it).
  public var enrolmentDays = 4 * 365
  /// Share of patients who stop treatment within each year on treatment (a constant daily hazard).
  public var stopPerYear = 0.15
  /// Share of patients lost to follow-up within each year (constant daily hazard): no contact after the day
  /// they are lost, and no stop date, so the registry still counts them on treatment.
  public var lostPerYear = 0.04
  /// Reasons given for stopping, with their shares; "adverse reaction" only when the patient has a case
  /// beginning before the stop (that case's last follow-up then records `discontinued`), else another reason.
  public var stopReasons: [(reason: String, share: Double)] = [
    ("insufficient response", 0.35), ("adverse reaction", 0.2), ("patient choice", 0.2), ("skin clear", 0.15),
    ("cost or access", 0.1),
  ]
  /// Chance that a scheduled injection is missed (from the second on; the first is on the start day).
  public var missedDose = 0.03
  /// Shares of an injection given 2 and 1 days early, on the day, 1 and 2 days late.
  public var doseJitter: [Double] = [0.1, 0.2, 0.4, 0.2, 0.1]
  /// Visits: the first on this day of treatment, then every `visitEveryDays`, each within ± `visitJitterDays`.
  public var firstVisitDay = 28
  public var visitEveryDays = 84
  public var visitJitterDays = 3
  public var missedVisit = 0.05
  /// Share of patients with each baseline risk factor (independent draws).
  public var riskPrevalence: [(factor: RiskFactor, share: Double)] = [
    (.injectionSensitivity, 0.05), (.poorSkinBarrier, 0.15), (.psoriasisHistory, 0.04),
    (.rosaceaHistory, 0.05), (.seborrheicDermatitisHistory, 0.06),
  ]
  /// The reaction categories, in vocabulary order.
  public var categories: [SynthCategory] = [
    SynthCategory(.eczemaWorsening, risk: 0.060, onset: .weibull(shape: 1.0, scaleDays: 150, shiftDays: 7),
      multipliers: [.poorSkinBarrier: 1.5]),
    SynthCategory(.facialRedness, risk: 0.057, onset: .weibull(shape: 1.4, scaleDays: 75, shiftDays: 14),
      multipliers: [.rosaceaHistory: 1.5]),
    SynthCategory(.seborrheicLike, risk: 0.015, onset: .weibull(shape: 1.3, scaleDays: 150, shiftDays: 21),
      multipliers: [.seborrheicDermatitisHistory: 4]),
    SynthCategory(.psoriasiform, risk: 0.010, onset: .weibull(shape: 2.0, scaleDays: 300, shiftDays: 30),
      multipliers: [.psoriasisHistory: 6]),
    SynthCategory(.rosaceaLike, risk: 0.011, onset: .weibull(shape: 1.3, scaleDays: 150, shiftDays: 21),
      multipliers: [.rosaceaHistory: 4]),
    SynthCategory(.injectionSite, risk: 0.096,
      onset: .afterInjection(nextDoseChance: 0.55, daysAfter: [0.2, 0.4, 0.25, 0.15]),
      multipliers: [.injectionSensitivity: 2.5]),
    SynthCategory(.skinInfection, risk: 0.026, onset: .weibull(shape: 1.0, scaleDays: 200, shiftDays: 7),
      multipliers: [.poorSkinBarrier: 2]),
    SynthCategory(.conjunctivitis, risk: 0.094, onset: .weibull(shape: 1.5, scaleDays: 70, shiftDays: 10),
      multipliers: [:]),
    SynthCategory(.other, risk: 0.006, onset: .weibull(shape: 1.0, scaleDays: 250, shiftDays: 7), multipliers: [:]),
  ]
  /// Chance that a case has follow-ups at all.
  public var followedUp = 0.6
  /// Chance that a case is entered a second time by mistake (the copy is withdrawn as a duplicate).
  public var duplicate = 0.004
  /// Chance that a case is serious (ICH E2B(R3) E.i.3.2), and how the serious ones split between the criteria.
  public var serious = 0.005
  public var seriousCriteria: [(code: SeriousnessCriterion, share: Double)] = [
    (.medicallyImportant, 0.7), (.hospitalisation, 0.25), (.disability, 0.05),
  ]

  public init() {}

  /// The daily hazard that gives `perYear` within 365 days: 1 − exp(−365·h) = perYear.
  public static func dailyHazard(perYear: Double) -> Double { -log(1 - perYear) / 365 }
}

/// One reaction category of the synthetic clinic.
///
/// A patient is *susceptible* to the category with probability `risk`, times the multiplier of each of the
/// patient's risk factors; a susceptible patient's first episode begins on the day the onset pattern gives, and is
/// recorded when that day falls while the patient is observed (on treatment and in contact). Whether a patient is
/// observed does not depend on risk factors, so the report's risk ratio estimates the multiplier itself. The
/// category's hazard on day t is risk·f(t)/(1 − risk·F(t)), f and F the onset pattern's density and distribution.
public struct SynthCategory: Sendable {
  public var category: Category
  /// The chance of ever having the reaction, for a patient with none of the risk factors.
  public var risk: Double
  public var onset: SynthOnset
  /// Risk factor → the factor the chance is multiplied by.
  public var multipliers: [RiskFactor: Double]

  public init(_ category: Category, risk: Double, onset: SynthOnset, multipliers: [RiskFactor: Double]) {
    self.category = category
    self.risk = risk
    self.onset = onset
    self.multipliers = multipliers
  }

  /// The category's code, as the cases file writes it.
  public var code: String { category.rawValue }
}

/// When a susceptible patient's first episode begins.
public enum SynthOnset: Sendable {
  /// Day of onset = shift + ⌊W⌋, W Weibull with the shape and scale (days).
  case weibull(shape: Double, scaleDays: Double, shiftDays: Int)
  /// After an injection: the first given injection, then each next one with `nextDoseChance` (at most the 21st);
  /// onset `daysAfter.indices` days after it with those probabilities.
  case afterInjection(nextDoseChance: Double, daysAfter: [Double])
}
