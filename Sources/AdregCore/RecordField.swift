/// A value of a record, or of a request to the registry, that an error can be about.
///
/// The core names a field in its own words; whoever shows the error names it as its reader gives the value: the
/// CLI by the option of the command that ran, an import by the column of its file (`RegistryError.message(naming:)`).
public enum RecordField: String, Sendable, CaseIterable {
  // A patient.
  case patientCode, site, sex, birthYear, startDate, stopDate, stopReason, regimen, intervalDays, riskFactors
  /// The uuid of a patient or a case, kept across registries.
  case uuid
  // A case.
  case caseID, category, onsetDate, reportedDate, source, scaling, morphology, bodySites, severity, itch, description
  case seriousness, withdrawalReason
  // A follow-up, or a case's latest state.
  case action, treatments, dechallenge, rechallenge, outcome, outcomeDate, biopsy
  /// A note on a visit or a follow-up.
  case note
  // Doses and visits.
  case doseDate, visitDate
  // A duplicate withdrawal.
  case duplicateOf, duplicateWindow
  // A report's window and the day the registry takes as today.
  case windowStart, windowEnd, asOf
  // Who writes, and where.
  case user, registryPath
  /// Replacing a file that already exists.
  case replaceFile
  // Pooling bundles.
  case approximatePooling, minimumCell

  /// The field in the registry's words ("stop date").
  public var words: String {
    switch self {
    case .patientCode: "patient code"
    case .site: "site"
    case .sex: "sex"
    case .birthYear: "birth year"
    case .startDate: "start date"
    case .stopDate: "stop date"
    case .stopReason: "stop reason"
    case .regimen: "regimen"
    case .intervalDays: "dosing interval"
    case .riskFactors: "risk factors"
    case .uuid: "uuid"
    case .caseID: "case"
    case .category: "category"
    case .onsetDate: "onset date"
    case .reportedDate: "reported date"
    case .source: "source"
    case .scaling: "scaling"
    case .morphology: "morphology"
    case .bodySites: "body sites"
    case .severity: "severity"
    case .itch: "itch score"
    case .description: "description"
    case .seriousness: "seriousness"
    case .withdrawalReason: "withdrawal reason"
    case .action: "action"
    case .treatments: "treatments"
    case .dechallenge: "dechallenge"
    case .rechallenge: "rechallenge"
    case .outcome: "outcome"
    case .outcomeDate: "outcome date"
    case .biopsy: "biopsy"
    case .note: "note"
    case .doseDate: "dose date"
    case .visitDate: "visit date"
    case .duplicateOf: "original case"
    case .duplicateWindow: "duplicate window"
    case .windowStart: "window start"
    case .windowEnd: "window end"
    case .asOf: "as-of date"
    case .user: "user"
    case .registryPath: "registry path"
    case .replaceFile: "replacing the file"
    case .approximatePooling: "approximate pooling"
    case .minimumCell: "smallest count shown"
    }
  }

  /// The field's name where a message starts with it: its words, but "date" for a dose's, a visit's or a stop's,
  /// whose message says whose date it is.
  public var label: String {
    switch self {
    case .doseDate, .visitDate, .stopDate: "date"
    default: words
    }
  }

  /// Runs a check of this field's value: a refusal that names no field yet is said to be about this one.
  ///
  /// For checks that know a vocabulary but not the field it fills (`Vocabulary.treatment` fills `treatments`).
  func checking<T>(_ check: () throws -> T) rethrows -> T {
    do {
      return try check()
    } catch let error as RegistryError where error.field == nil {
      throw error.about(self)
    }
  }
}
