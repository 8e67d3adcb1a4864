/// The reading API both row types share: a fetched `Row` and the `StatementRow` a scan hands over read their
/// columns by name or position with the same typed, throwing calls.
///
/// ```swift
/// let itch = try row.decode(Int?.self, column: "itch")
/// let id = try row.integer(at: 0)
/// ```
public protocol DatabaseRow {
  /// Column names, in result order.
  var columnNames: [String] { get }
  /// The SQL of the statement the row comes from, for error messages.
  var sql: String { get }
  /// The value in column `index`, which the caller has checked is a column of the row.
  func uncheckedValue(at index: Int) -> DatabaseValue
  /// The position of the first column named `column`, or nil.
  func index(ofColumn column: String) -> Int?

  /// The integer in column `index`.
  /// - Throws: `DatabaseError` naming the column and the storage class found when it is not an integer.
  func integer(at index: Int) throws -> Int64
  /// The text in column `index`.
  /// - Throws: `DatabaseError` naming the column and the storage class found when it is not text.
  func text(at index: Int) throws -> String
  /// The text in column `index`, or nil when it is NULL.
  /// - Throws: `DatabaseError` naming the column and the storage class found when it is neither.
  func optionalText(at index: Int) throws -> String?
}

extension DatabaseRow {
  public func index(ofColumn column: String) -> Int? {
    columnNames.firstIndex(of: column)
  }

  /// The raw value of column `index`.
  /// - Throws: `DatabaseError` when the row has no such column.
  public func value(at index: Int) throws -> DatabaseValue {
    guard columnNames.indices.contains(index) else {
      throw DatabaseError.misuse("no column at index \(index)", sql: sql)
    }
    return uncheckedValue(at: index)
  }

  /// The raw value of a column.
  /// - Throws: `DatabaseError` when the row has no such column.
  public func value(_ column: String) throws -> DatabaseValue {
    guard let index = index(ofColumn: column) else {
      throw DatabaseError.misuse("no column named \(column)", sql: sql)
    }
    return uncheckedValue(at: index)
  }

  /// The raw value of a column, or nil when the row has no such column.
  public subscript(column: String) -> DatabaseValue? {
    index(ofColumn: column).map(uncheckedValue(at:))
  }

  // The two decodes are inlinable so that each caller's module specializes them for the type it reads: generic
  // code left unspecialized looks up `Optional<T>`'s metadata on every call, which cost more than the read itself
  // when exporting cases.

  /// Decodes a column as `type`.
  /// - Throws: `DatabaseError` naming the column, the type asked for and the storage class found.
  @inlinable
  public func decode<T: DatabaseValueConvertible>(_ type: T.Type, column: String) throws -> T {
    guard let index = index(ofColumn: column) else { throw noColumn(column) }
    return try decode(type, at: index)
  }

  /// Decodes column `index` as `type`.
  /// - Throws: `DatabaseError` naming the column, the type asked for and the storage class found.
  @inlinable
  public func decode<T: DatabaseValueConvertible>(_ type: T.Type, at index: Int) throws -> T {
    let raw = try value(at: index)
    guard let decoded = T.fromDatabaseValue(raw) else { throw mismatch(raw, T.self, at: index) }
    return decoded
  }

  @usableFromInline
  func noColumn(_ column: String) -> DatabaseError {
    DatabaseError.misuse("no column named \(column)", sql: sql)
  }

  public func integer(at index: Int) throws -> Int64 { try decode(Int64.self, at: index) }

  public func text(at index: Int) throws -> String { try decode(String.self, at: index) }

  public func optionalText(at index: Int) throws -> String? { try decode(String?.self, at: index) }

  @usableFromInline
  func mismatch(_ value: DatabaseValue, _ type: Any.Type, at index: Int) -> DatabaseError {
    DatabaseError.misuse(
      "could not decode \(value.storageClass) as \(type) in column \(columnNames[index])", sql: sql)
  }
}

/// One fetched row: column names and values, a snapshot that stays valid after the statement moves on.
public struct Row: DatabaseRow, Sendable, CustomStringConvertible {
  public let columnNames: [String]
  /// The values, in column order.
  public let values: [DatabaseValue]
  public let sql: String
  /// The position of each column name (the first, when names repeat), shared by every row of a statement so that a
  /// read by name is one lookup rather than a scan of the names.
  private let columnIndex: [String: Int32]

  public init(columnNames: [String], values: [DatabaseValue], sql: String = "") {
    var index: [String: Int32] = [:]
    for (i, name) in columnNames.enumerated() where index[name] == nil { index[name] = Int32(i) }
    self.init(columnNames: columnNames, columnIndex: index, values: values, sql: sql)
  }

  init(columnNames: [String], columnIndex: [String: Int32], values: [DatabaseValue], sql: String) {
    self.columnNames = columnNames
    self.columnIndex = columnIndex
    self.values = values
    self.sql = sql
  }

  public func index(ofColumn column: String) -> Int? { columnIndex[column].map(Int.init) }

  public func uncheckedValue(at index: Int) -> DatabaseValue {
    values.indices.contains(index) ? values[index] : .null
  }

  public var description: String {
    zip(columnNames, values).map { "\($0)=\($1)" }.joined(separator: " ")
  }
}
