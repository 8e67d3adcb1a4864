/// What a bulk file holds: the cohort or the cases.
public enum RecordKind: String, Sendable, CaseIterable {
  case patients
  case cases

  /// The columns of `export --identified`, which are also the columns `import` reads.
  public var columns: [String] {
    switch self {
    case .patients: ExchangeColumns.patients
    case .cases: ExchangeColumns.cases
    }
  }

  /// Columns an import file must have; the others may be left out or left empty.
  public var requiredColumns: [String] {
    switch self {
    case .patients: ["code", "start_date"]
    case .cases: ["patient_code", "category", "onset_date"]
    }
  }

  /// The columns of the de-identified export.
  public var deidentifiedColumns: [String] {
    switch self {
    case .patients: ExchangeColumns.deidentifiedPatients
    case .cases: ExchangeColumns.deidentifiedCases
    }
  }

  /// "patient" or "case", for messages.
  var singular: String {
    switch self {
    case .patients: "patient"
    case .cases: "case"
    }
  }
}

/// Column names of the bulk files, in the order they are written.
///
/// Multi-valued columns hold codes separated by `;`. Dates are `YYYY-MM-DD`.
public enum ExchangeColumns {
  /// Patients, identified: also the import columns.
  public static let patients = [
    "site", "code", "uuid", "sex", "birth_year", "start_date", "stop_date", "stop_reason", "regimen", "interval_days",
    "risk_factors",
  ]

  /// Cases, identified: also the import columns. The follow-up columns hold the case's current state
  /// (`actions` is every action taken, in order); `withdrawn_reason` marks a withdrawn case.
  public static let cases = [
    "uuid", "site", "patient_code", "category", "onset_date", "reported_date", "source", "scaling", "morphology",
    "body_sites", "severity", "itch", "description", "actions", "treatments", "dechallenge", "rechallenge", "outcome",
    "outcome_date", "biopsy", "withdrawn_reason",
  ]

  /// Patients for research: no code, uuid, date or free text.
  public static let deidentifiedPatients = [
    "patient_ref", "site", "sex", "age_at_start", "days_to_stop", "observed_days", "interval_days", "risk_factors",
  ]

  /// Cases for research: timing in days since treatment start instead of dates; no free text.
  public static let deidentifiedCases = [
    "patient_ref", "category", "days_to_onset", "days_to_report", "days_since_last_dose", "source", "scaling",
    "morphology", "body_sites", "severity", "itch", "actions", "treatments", "dechallenge", "rechallenge", "outcome",
    "days_to_outcome", "seriousness",
  ]

  /// The column a rejects file adds; an import ignores it, so a corrected rejects file can be imported again.
  public static let rejectReason = "reason"

  /// Which column a validation message is about, from the field name the shared checks put first.
  ///
  /// The checks are shared with the commands, so they name fields as options (`birth-year`, `onset`);
  /// an import reports the column instead.
  static func column(for message: String, kind: RecordKind) -> (column: String, problem: String)? {
    let fields: [(String, String)]
    switch kind {
    case .patients:
      fields = [
        ("patient code", "code"), ("site", "site"), ("sex", "sex"), ("start", "start_date"),
        ("birth-year", "birth_year"), ("regimen", "regimen"), ("interval-days", "interval_days"),
        ("risk factor", "risk_factors"), ("stop", "stop_date"), ("reason", "stop_reason"), ("uuid", "uuid"),
      ]
    case .cases:
      fields = [
        ("category", "category"), ("onset", "onset_date"), ("reported", "reported_date"), ("source", "source"),
        ("scaling", "scaling"), ("morphology", "morphology"), ("body site", "body_sites"), ("severity", "severity"),
        ("itch", "itch"), ("note", "description"), ("uuid", "uuid"), ("action", "actions"),
        ("treatment", "treatments"), ("dechallenge", "dechallenge"), ("rechallenge", "rechallenge"),
        ("outcome-date", "outcome_date"), ("outcome", "outcome"), ("biopsy", "biopsy"),
        ("withdrawn_reason", "withdrawn_reason"),
      ]
    }
    for (field, column) in fields {
      if message.hasPrefix(field + ": ") { return (column, String(message.dropFirst(field.count + 2))) }
      if message.hasPrefix(field + " ") || message.hasPrefix("unknown \(field) ") { return (column, message) }
    }
    return nil
  }
}
