import AdregFormats

/// Writes rows as CSV or JSON Lines.
struct RecordWriter<Sink: TextSink> {
  // Both writers start from the same sink and only the one of `format` is used, so neither is optional.
  private var csv: CSVWriter<Sink>
  private var json: JSONLinesWriter<Sink>
  private let format: ExportFormat
  private let columns: [String]
  private let raw: Bool

  init(format: ExportFormat, columns: [String], sink: Sink, raw: Bool = false) {
    self.format = format
    self.columns = columns
    self.raw = raw
    csv = CSVWriter(sink: sink)
    json = JSONLinesWriter(sink: sink)
  }

  var sink: Sink { format == .csv ? csv.sink : json.sink }

  mutating func writeHeader() throws {
    if format == .csv { try csv.write(columns) }
  }

  mutating func write(_ values: [ExportValue]) throws {
    switch format {
    case .csv: try csv.write(raw ? values.map(\.csvText) : values.map(\.csvCell))
    case .jsonLines: try json.write(.object(zip(columns, values.map(\.json)).map { ($0, $1) }))
    }
  }
}

/// Hands out `R-0001`, `R-0002`, … for patients and `C-000001`, … for cases, wide enough that every number of
/// the export has the same width.
struct ExportReferences {
  private var number = 0
  private let prefix: String
  private let width: Int

  init(patients: Int) {
    prefix = "R-"
    width = max(4, String(patients).count)
  }

  init(cases: Int) {
    prefix = "C-"
    width = max(6, String(cases).count)
  }

  mutating func next() -> String {
    number += 1
    let digits = String(number)
    return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
