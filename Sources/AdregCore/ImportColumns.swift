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

  /// A refused row's problem as an import reports it: the fields named by this file's columns, and led by the
  /// column when the message does not start with it (`stop_reason: a stop reason needs a stop date; fill stop_date`).
  static func problem(_ error: RegistryError, kind: RecordKind) -> String {
    let naming = ColumnNaming(kind: kind)
    let text = error.message(naming: naming)
    guard let field = error.field, !error.problem.startsWithLabel, let column = naming.column(field) else {
      return text
    }
    return "\(column): \(text)"
  }
}

/// The columns of one exchange file, naming the fields a refused row's message is about.
struct ColumnNaming: FieldNaming {
  let kind: RecordKind

  /// The column of this file an import fills `field` from, as the exchange catalogue declares it.
  func column(_ field: RecordField) -> String? {
    kind.file.identifiedColumns.first { $0.field == field }?.name
  }

  func label(_ field: RecordField) -> String { column(field) ?? field.words }

  func reference(_ field: RecordField) -> String { column(field) ?? field.words }

  func give(_ field: RecordField) -> String { column(field).map { "fill \($0)" } ?? "give the \(field.words)" }
}
