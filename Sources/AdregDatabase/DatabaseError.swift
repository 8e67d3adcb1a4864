/// An error reported by SQLite, or by this layer while talking to it.
///
/// It carries the extended result code, SQLite's own message and the SQL being run.
/// Bound values are never part of it: they may be patient data.
public struct DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY`, …).
  public var extendedResultCode: ResultCode
  /// SQLite's message, or this layer's explanation.
  public var message: String
  /// The statement being run, when there was one.
  public var sql: String?

  public init(resultCode: ResultCode, message: String, sql: String? = nil) {
    self.extendedResultCode = resultCode
    self.message = message
    self.sql = sql
  }

  /// The primary result code (`SQLITE_CONSTRAINT` for `SQLITE_CONSTRAINT_UNIQUE`).
  public var resultCode: ResultCode { extendedResultCode.primaryResultCode }

  /// True when another connection held a lock past the busy timeout.
  public var isBusy: Bool {
    switch resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED: true
    default: false
    }
  }

  /// True when a constraint (CHECK, UNIQUE, FOREIGN KEY, NOT NULL, trigger RAISE) refused a write.
  public var isConstraintViolation: Bool { ResultCode.SQLITE_CONSTRAINT ~= extendedResultCode }

  public var description: String {
    var text = "SQLite error \(resultCode.rawValue): \(message)"
    if let sql { text += " - while executing `\(sql)`" }
    return text
  }
}

extension DatabaseError {
  /// A misuse of this layer (wrong column, wrong type); reported as SQLITE_MISUSE.
  static func misuse(_ message: String, sql: String? = nil) -> DatabaseError {
    DatabaseError(resultCode: .SQLITE_MISUSE, message: message, sql: sql)
  }
}
