/// A patient of the treated cohort, known by a pseudonymous code within a site.
public struct Patient: Sendable, Equatable {
  public var id: Int64
  public var uuid: String
  public var site: String
  public var code: String
  public var sex: Sex
  public var birthYear: Int?
  public var start: Day
  public var stop: Day?
  public var stopReason: String?
  public var regimen: String
  public var intervalDays: Int
  public var riskFactors: [RiskFactor]
  public var createdAt: String
}

/// What staff give to enrol a patient; checked by `Registry.addPatient`.
public struct PatientDraft: Sendable {
  /// The sex of a patient enrolled without one.
  public static let defaultSex = Sex.unknown.rawValue
  /// The regimen of a patient enrolled without one: the labelled maintenance dose.
  public static let defaultRegimen = "300 mg every 2 weeks"
  /// The dosing interval, in days, of a patient enrolled without one.
  public static let defaultIntervalDays = 14

  public var site: String?
  public var code: String
  public var sex: String = PatientDraft.defaultSex
  public var birthYear: String?
  public var start: String
  public var regimen: String?
  public var intervalDays: String?
  public var riskFactors: [String] = []
  public var stop: String?
  public var stopReason: String?
  /// Kept when an identified export is imported, so the round trip is exact.
  public var uuid: String?

  public init(code: String, start: String) {
    self.code = code
    self.start = start
  }
}

/// An injection given on a day.
public struct Dose: Sendable, Equatable {
  public var date: Day
}
