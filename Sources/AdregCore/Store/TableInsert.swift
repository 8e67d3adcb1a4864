import AdregDatabase

/// The INSERT of one table, its column list given once: one statement text for a single row, and the head a
/// `BatchInsert` adds the VALUES rows of a batch to.
struct TableInsert: Sendable {
  /// The table written.
  let table: String
  /// The columns written, in the order of the values bound.
  let columns: [String]

  init(_ table: String, _ columns: [String]) {
    self.table = table
    self.columns = columns
  }

  /// The number of values of one row.
  var width: Int { columns.count }

  /// `INSERT INTO table (a, b)`, without its VALUES.
  var head: String { "INSERT INTO \(table) (\(columns.joined(separator: ", ")))" }

  /// The statement of one row: `INSERT INTO table (a, b) VALUES (?, ?)`.
  var sql: String { head + " VALUES (" + Array(repeating: "?", count: width).joined(separator: ", ") + ")" }

  /// The statement of one row that leaves the table as it is when the row's key is taken.
  var sqlSkippingConflicts: String { sql + " ON CONFLICT DO NOTHING" }

  /// The same INSERT without `omitted`, which the schema then fills with their defaults (NULL).
  func omitting(_ omitted: String...) -> TableInsert {
    TableInsert(table, columns.filter { !omitted.contains($0) })
  }
}

extension BatchInsert {
  /// A batch of rows of `insert`.
  /// - Parameter skippingConflicts: skip a row whose key is taken (`ON CONFLICT DO NOTHING`); otherwise every row
  ///   must be written.
  convenience init(_ db: Connection, _ insert: TableInsert, skippingConflicts: Bool = false, capacity: Int = 1_024) {
    self.init(
      db, insert.head, width: insert.width,
      conflict: skippingConflicts ? ("ON CONFLICT DO NOTHING", insert.table) : nil, capacity: capacity)
  }
}
