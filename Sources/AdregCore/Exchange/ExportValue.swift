import AdregDatabase
import AdregFormats

/// One value of an exported row: CSV writes it as text, JSON keeps its type.
enum ExportValue: Equatable {
  case null
  case text(String)
  case int(Int)
  case number(Double)
  case bool(Bool)
  case list([String])

  /// Empty text and an empty list read back from CSV as nothing.
  var csvText: String? {
    switch self {
    case .null: nil
    case .text(let value): value
    case .int(let value): String(value)
    case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    case .bool(let value): value ? "true" : "false"
    case .list(let values): values.joined(separator: ";")
    }
  }

  /// The CSV cell: `csvText`, with a text escaped against formulas (numbers are not text, and stay as they are).
  var csvCell: String? {
    switch self {
    case .text(let value): CSVFormat.escapingFormula(value)
    case .list(let values): CSVFormat.escapingFormula(values.joined(separator: ";"))
    case .null, .int, .number, .bool: csvText
    }
  }

  var json: JSONValue {
    switch self {
    case .null: .null
    case .text(let value): .string(value)
    case .int(let value): .int(Int64(value))
    case .number(let value): .double(value)
    case .bool(let value): .bool(value)
    case .list(let values): .array(values.map { .string($0) })
    }
  }

  init(_ text: String?) { self = text.map { .text($0) } ?? .null }
  init(_ number: Int?) { self = number.map { .int($0) } ?? .null }
  init(_ number: Double?) { self = number.map { .number($0) } ?? .null }
}

extension DatabaseValue {
  /// The text of a TEXT value; nil for NULL or another type.
  var storedText: String? {
    if case .text(let string) = self { return string }
    return nil
  }

  /// The number of an INTEGER value; nil for NULL or another type.
  var storedInteger: Int64? {
    if case .integer(let number) = self { return number }
    return nil
  }
}

/// A `;`-joined list of codes from `group_concat`.
func codeList(_ value: DatabaseValue) -> [String] {
  guard let joined = value.storedText, !joined.isEmpty else { return [] }
  return joined.split(separator: ";").map(String.init)
}
