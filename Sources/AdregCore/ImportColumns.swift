/// Column names of the bulk files, in the order they are written.
///
/// Multi-valued columns hold codes separated by `;`. Dates are `YYYY-MM-DD`.
public enum ExchangeColumns {
  /// Patients, identified: also the import columns.
  public static var patients: [String] { RecordKind.patients.columns }

  /// Cases, identified: also the import columns.
  public static var cases: [String] { RecordKind.cases.columns }

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
        ("withdrawn_reason", "withdrawn_reason"), ("seriousness", "seriousness"),
      ]
    case .doses, .visits, .followups:
      // Their checks name the column itself, or the vocabulary whose code is wrong.
      fields = kind.columns.map { ($0, $0) } + [("treatment", "treatments")]
    }
    for (field, column) in fields {
      if message.hasPrefix(field + ": ") { return (column, String(message.dropFirst(field.count + 2))) }
      if message.hasPrefix(field + " ") || message.hasPrefix("unknown \(field) ") { return (column, message) }
    }
    return nil
  }
}
