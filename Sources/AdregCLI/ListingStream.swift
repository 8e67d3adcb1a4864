import AdregFormats

/// A listing written while its rows are read, so memory stays flat however long it is (PRODUCT.md §9).
///
/// CSV and JSON go out row by row, in pieces of about 32 KB. A table needs its column widths before its first
/// line, so it holds its first `pageRows` rows, sizes the columns (and which are numeric) from them, and writes every
/// later row in those widths: a later cell wider than its column pushes the rest of its line to the right, and is
/// never cut. A listing of at most a page reads exactly as a whole table would.
struct ListingStream {
  /// The rows a table holds to size its columns.
  static let pageRows = 1_000
  private static let flushBytes = 1 << 15

  private let columns: [String]
  private let format: OutputFormat
  private let raw: Bool
  private let io: CLIIO
  private let escapedColumns: Set<String>
  /// Written text not yet handed to `io`; CSV rows are assembled in it.
  private var out = CSVWriter(sink: PendingText())
  /// A table's first rows, until the columns are sized.
  private var page: [[JSONValue]] = []
  /// A table's layout and widths, once sized.
  private var sized: (table: TextTable, widths: [Int])?
  private var rowCount = 0

  /// - Parameter escapedColumns: as `Listing.escapedColumns`.
  init(columns: [String], format: OutputFormat, raw: Bool, io: CLIIO, escapedColumns: Set<String> = []) {
    self.columns = columns
    self.format = format
    self.raw = raw
    self.io = io
    self.escapedColumns = escapedColumns
    if format == .csv { try? out.write(columns) }
  }

  /// Adds a row, its values in column order; `object` replaces the JSON object made of the columns and values.
  mutating func append(_ row: [JSONValue], object: [(String, JSONValue)]? = nil) {
    switch format {
    case .csv:
      try? out.write(row.map { Listing.csvText($0, raw: raw) })
    case .json:
      write(rowCount == 0 ? "[" : ",")
      write(JSONValue.object(object ?? Array(zip(columns, row))).serialized())
    case .table:
      if let sized {
        write(sized.table.line(sized.table.shown(row.map(Listing.readable)), widths: sized.widths) + "\n")
      } else {
        page.append(row)
        if page.count == Self.pageRows { sizeTable() }
      }
    }
    rowCount += 1
    if out.sink.bytes.count >= Self.flushBytes { flush() }
  }

  /// Ends the listing and writes what is left.
  mutating func finish() {
    switch format {
    case .csv: break
    case .json: write(rowCount == 0 ? "[]\n" : "]\n")
    case .table: if sized == nil { sizeTable() }
    }
    flush()
  }

  /// Writes the held page as a whole table, keeping its layout for the rows after it.
  private mutating func sizeTable() {
    var table = Listing(columns: columns, rows: page, escapedColumns: escapedColumns).textTable()
    let shown = table.rows.map(table.shown)
    table.rows = []
    let widths = table.columnWidths(shown)
    write(table.ruledHeader(widths))
    for row in shown {
      write(table.line(row, widths: widths) + "\n")
      if out.sink.bytes.count >= Self.flushBytes { flush() }
    }
    sized = (table, widths)
    page = []
  }

  private mutating func write(_ text: String) { try? out.sink.write(text) }

  private mutating func flush() {
    guard !out.sink.bytes.isEmpty else { return }
    io.out(String(decoding: out.sink.bytes, as: UTF8.self))
    out.sink.bytes.removeAll(keepingCapacity: true)
  }
}

/// Bytes waiting to be written.
private struct PendingText: TextSink {
  var bytes: [UInt8] = []

  mutating func write(_ utf8: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: utf8) }
}
