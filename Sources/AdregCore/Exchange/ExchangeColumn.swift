/// One column of an exchange file: what `import` reads, `export` writes, `datapackage.json` declares and
/// `export dictionary` explains — all from this one description.
public struct ExchangeColumn: Sendable, Equatable {
  /// A Frictionless Table Schema field type.
  public enum ValueType: String, Sendable {
    case string, integer, number, date, datetime, boolean
  }

  /// The codes a column allows, with their meanings.
  public enum Codes: Sendable, Equatable {
    /// One of PRODUCT.md §3's lists; the meanings are the registry's seeded ones.
    case vocabulary(Vocabulary)
    /// A short fixed list with its meanings.
    case listed([Code])

    /// The codes, in the order they are listed.
    public var codes: [String] {
      switch self {
      case .vocabulary(let list): list.codes
      case .listed(let codes): codes.map(\.code)
      }
    }
  }

  /// A code and what it means.
  public struct Code: Sendable, Equatable {
    public var code: String
    public var meaning: String
  }

  public let name: String
  public let type: ValueType
  /// Every exported row has a value (`required` in the Table Schema).
  public let required: Bool
  /// The allowed codes, or nil for a free value.
  public let codes: Codes?
  /// A `;`-separated list of codes rather than one code.
  public let isList: Bool
  /// The unit of a number (`days`, `years`), if any.
  public let unit: String?
  /// What the column holds.
  public let meaning: String
  /// How a de-identified column is derived from the registry; nil for a value as stored.
  public let derivation: String?
  /// The record field an import fills from the column, named by the column in the import's messages.
  public let field: RecordField?

  init(
    _ name: String, _ type: ValueType, fills field: RecordField? = nil, required: Bool = false, codes: Codes? = nil,
    list: Bool = false, unit: String? = nil, _ meaning: String, derived derivation: String? = nil
  ) {
    self.name = name
    self.type = type
    self.required = required
    self.codes = codes
    isList = list
    self.unit = unit
    self.meaning = meaning
    self.derivation = derivation
    self.field = field
  }

  /// A column of codes from one of the registry's vocabularies.
  static func coded(
    _ name: String, _ list: Vocabulary, fills field: RecordField? = nil, required: Bool = false,
    multiple: Bool = false, _ meaning: String
  ) -> ExchangeColumn {
    ExchangeColumn(
      name, .string, fills: field, required: required, codes: .vocabulary(list), list: multiple, meaning)
  }

  /// A whole number of days since the patient's treatment start (day 0), replacing a calendar date.
  static func days(_ name: String, required: Bool = false, _ meaning: String, from date: String) -> ExchangeColumn {
    ExchangeColumn(
      name, .integer, required: required, unit: "days", meaning,
      derived: "\(date) minus the patient's start_date, in days (the start day is 0)")
  }

  /// A Table Schema `pattern` for a `;`-separated list of this column's codes.
  public var listPattern: String? {
    guard isList, let codes else { return nil }
    let alternatives = "(" + codes.codes.map(Self.regexEscaped).joined(separator: "|") + ")"
    return alternatives + "(;" + alternatives + ")*"
  }

  private static func regexEscaped(_ code: String) -> String {
    var result = ""
    for character in code {
      if "\\.^$|?*+()[]{}".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }
}
