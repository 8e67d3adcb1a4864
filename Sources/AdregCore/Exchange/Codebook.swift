/// One column of the codebook (`export dictionary`): every exported column of every file.
public struct CodebookEntry: Sendable, Equatable {
  public var table: String
  public var column: String
  /// `identified`, `de-identified`, or `both` when the two exports share the column.
  public var export: String
  public var type: String
  public var required: Bool
  /// The allowed codes with their meanings, in list order; empty for a free value.
  public var codes: [ExchangeColumn.Code]
  public var unit: String?
  public var meaning: String
  /// How a de-identified column is derived from the registry.
  public var derivation: String?
}

extension Registry {
  /// The codebook: every column of every package file, identified and de-identified, with the meanings of the
  /// codes as the registry has them seeded.
  public func codebook() throws -> [CodebookEntry] {
    var meanings: [String: [ExchangeColumn.Code]] = [:]
    for entry in try vocabularyEntries() {
      meanings[entry.list, default: []].append(ExchangeColumn.Code(code: entry.code, meaning: entry.meaning))
    }
    func entry(_ table: ExchangeFile, _ column: ExchangeColumn, export: String) -> CodebookEntry {
      var codes: [ExchangeColumn.Code] = []
      switch column.codes {
      case .vocabulary(let list)?: codes = meanings[list.rawValue] ?? list.codes.map { .init(code: $0, meaning: $0) }
      case .listed(let listed)?: codes = listed
      case nil: break
      }
      return CodebookEntry(
        table: table.rawValue, column: column.name, export: export, type: column.type.rawValue,
        required: column.required, codes: codes, unit: column.unit, meaning: column.meaning,
        derivation: column.derivation)
    }
    var result: [CodebookEntry] = []
    for file in ExchangeFile.allCases {
      let identified = file.identifiedColumns
      let deidentified = file.deidentifiedColumns
      for column in identified {
        result.append(entry(file, column, export: deidentified.contains(column) ? "both" : "identified"))
      }
      for column in deidentified where !identified.contains(column) {
        result.append(entry(file, column, export: "de-identified"))
      }
    }
    return result
  }
}
