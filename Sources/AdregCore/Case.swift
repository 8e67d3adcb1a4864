/// One reaction episode of one patient, with its derived timing and its follow-ups.
public struct CaseRecord: Sendable, Equatable {
  public var id: Int64
  public var uuid: String
  public var patientID: Int64
  public var site: String
  public var patientCode: String
  public var category: Category
  public var onset: Day
  public var reported: Day
  public var source: CaseSource
  public var scaling: Scaling
  public var morphology: [Morphology]
  public var bodySites: [BodySite]
  public var severity: Severity?
  public var itch: Int?
  public var description: String?
  /// Seriousness criteria (ICH E2B(R3) E.i.3.2a–f), in vocabulary order; empty when the case is not serious.
  public var seriousness: [SeriousnessCriterion]
  public var createdAt: String
  public var createdBy: String
  public var timing: CaseTiming
  public var followUps: [FollowUp]
  public var withdrawal: Withdrawal?
  /// Cases withdrawn as duplicates of this one, by id.
  public var duplicates: [Int64] = []

  /// The latest value of each follow-up field: the case's current state.
  public var current: FollowUpState { FollowUpState(followUps) }
}

/// Timing derived from dates, never typed.
public struct CaseTiming: Sendable, Equatable {
  /// Days from treatment start to onset: 0 when the reaction began on the first day.
  public var daysSinceStart: Int
  /// "Day N of treatment", counting the first day as day 1.
  public var dayOfTreatment: Int { daysSinceStart + 1 }
  /// The last logged injection on or before onset.
  public var lastDose: Day?
  public var daysSinceLastDose: Int?
  /// Days from onset to report.
  public var reportingDelay: Int

  public init(start: Day, onset: Day, reported: Day, lastDose: Day?) {
    daysSinceStart = onset.days(since: start)
    self.lastDose = lastDose
    daysSinceLastDose = lastDose.map { onset.days(since: $0) }
    reportingDelay = reported.days(since: onset)
  }
}

/// What staff give to record a case; checked by `Registry.record`.
public struct CaseDraft: Sendable {
  /// Who reported a case recorded without a source.
  public static let defaultSource = CaseSource.clinician.rawValue
  /// The scaling of a case recorded without one.
  public static let defaultScaling = Scaling.unknown.rawValue

  public var site: String?
  public var patientCode: String
  public var category: String
  public var onset: String
  public var reported: String?
  public var source: String?
  public var scaling: String?
  public var morphology: [String] = []
  public var bodySites: [String] = []
  public var severity: String?
  public var itch: String?
  public var description: String?
  /// Seriousness criteria, codes of `Vocabulary.seriousness`.
  public var seriousness: [String] = []
  /// Kept when an identified export is imported.
  public var uuid: String?

  public init(patientCode: String, category: String, onset: String) {
    self.patientCode = patientCode
    self.category = category
    self.onset = onset
  }
}

/// One appended follow-up of a case.
public struct FollowUp: Sendable, Equatable {
  public var id: Int64
  public var action: Action?
  public var treatments: [Treatment]
  public var dechallenge: Dechallenge?
  public var rechallenge: Rechallenge?
  public var outcome: Outcome?
  public var outcomeDate: Day?
  public var biopsy: String?
  public var note: String?
  public var recordedAt: String
  public var recordedBy: String
}

extension FollowUp {
  /// The fields given, in words: "action paused", "outcome resolved on 2025-03-20", "note: …"; as `case show`,
  /// the patient's course and the E2B narrative list them.
  public var parts: [String] {
    var parts: [String] = []
    if let v = action { parts.append("action \(v)") }
    if !treatments.isEmpty { parts.append("treatment \(treatments.joined(separator: ", "))") }
    if let v = dechallenge { parts.append("dechallenge \(v)") }
    if let v = rechallenge { parts.append("rechallenge \(v)") }
    if let v = outcome { parts.append("outcome \(v)" + (outcomeDate.map { " on \($0.iso)" } ?? "")) }
    if let v = biopsy { parts.append("biopsy: \(v)") }
    if let v = note { parts.append("note: \(v)") }
    return parts
  }
}

/// What staff give to append a follow-up.
public struct FollowUpDraft: Sendable {
  public var action: String?
  public var treatments: [String] = []
  public var dechallenge: String?
  public var rechallenge: String?
  public var outcome: String?
  public var outcomeDate: String?
  public var biopsy: String?
  public var note: String?
  /// Seriousness criteria to add; those the case has already are left as they are.
  public var seriousness: [String] = []
  public init() {}
}

/// The latest value of each follow-up field.
public struct FollowUpState: Sendable, Equatable {
  public var action: Action?
  public var treatments: [Treatment] = []
  public var dechallenge: Dechallenge?
  public var rechallenge: Rechallenge?
  public var outcome: Outcome?
  public var outcomeDate: Day?
  public var biopsy: String?
  /// Every action taken, in order: an improvement after `interval-extended` needs the history.
  public var actions: [Action] = []

  init(_ followUps: [FollowUp]) {
    for followUp in followUps {
      if let value = followUp.action {
        action = value
        actions.append(value)
      }
      if !followUp.treatments.isEmpty { treatments = followUp.treatments }
      if let value = followUp.dechallenge { dechallenge = value }
      if let value = followUp.rechallenge { rechallenge = value }
      if let value = followUp.outcome {
        outcome = value
        outcomeDate = followUp.outcomeDate
      }
      if let value = followUp.biopsy { biopsy = value }
    }
  }
}

/// A case entered in error: it stays, marked, and leaves every list and report.
public struct Withdrawal: Sendable, Equatable {
  public var reason: String
  public var at: String
  public var by: String
  /// The case that stays, when this one was withdrawn as its duplicate.
  public var duplicateOf: Int64?
}

/// Filters for `Registry.cases`.
public struct CaseFilter: Sendable {
  public var site: String?
  public var patientCode: String?
  public var category: Category?
  public var from: Day?
  public var to: Day?
  /// Only cases with at least one seriousness criterion.
  public var seriousOnly = false
  public init() {}
}
