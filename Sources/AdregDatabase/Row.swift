/// One fetched row: column names and values, decoded with typed, throwing accessors.
public struct Row: Sendable, CustomStringConvertible {
  public let columns: [String]
  public let values: [DatabaseValue]
  let sql: String

  public init(columns: [String], values: [DatabaseValue], sql: String = "") {
    self.columns = columns
    self.values = values
    self.sql = sql
  }

  /// The raw value of a column.
  /// - Throws: `DatabaseError` when the row has no such column.
  public func value(_ column: String) throws -> DatabaseValue {
    guard let i = columns.firstIndex(of: column) else {
      throw DatabaseError.misuse("no column named \(column)", sql: sql)
    }
    return values[i]
  }

  /// Decodes a column as `type`.
  /// - Throws: `DatabaseError` naming the column, the type asked for and the storage class found.
  public func decode<T: DatabaseValueConvertible>(_ type: T.Type, column: String) throws -> T {
    let raw = try value(column)
    guard let decoded = T.fromDatabaseValue(raw) else {
      throw DatabaseError.misuse(
        "could not decode \(raw.storageClass) as \(T.self) in column \(column)", sql: sql)
    }
    return decoded
  }

  /// Decodes column `column` by position.
  public func decode<T: DatabaseValueConvertible>(_ type: T.Type, at index: Int) throws -> T {
    guard values.indices.contains(index) else {
      throw DatabaseError.misuse("no column at index \(index)", sql: sql)
    }
    guard let decoded = T.fromDatabaseValue(values[index]) else {
      throw DatabaseError.misuse(
        "could not decode \(values[index].storageClass) as \(T.self) in column \(columns[index])",
        sql: sql)
    }
    return decoded
  }

  public subscript(column: String) -> DatabaseValue? {
    columns.firstIndex(of: column).map { values[$0] }
  }

  public var description: String {
    zip(columns, values).map { "\($0)=\($1)" }.joined(separator: " ")
  }
}
