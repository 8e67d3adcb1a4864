import AdregSQLite3

/// A SQLite result code: a primary code (`SQLITE_CONSTRAINT`) or an extended one (`SQLITE_CONSTRAINT_UNIQUE`), whose
/// low byte is its primary code.
///
/// Codes match in `switch` and `catch` by `~=`: a primary code matches itself and each of its extended codes, an
/// extended code only itself.
///
/// ```swift
/// switch error.extendedResultCode {
/// case .SQLITE_CONSTRAINT_FOREIGNKEY: …  // this constraint only
/// case .SQLITE_CONSTRAINT: …             // every other constraint
/// default: …
/// }
/// ```
/// See https://www.sqlite.org/rescode.html
public struct ResultCode: RawRepresentable, Hashable, Sendable {
  public let rawValue: Int32

  public init(rawValue: Int32) {
    self.rawValue = rawValue
  }

  /// The primary code (`SQLITE_CONSTRAINT` for `SQLITE_CONSTRAINT_UNIQUE`; a primary code is its own).
  public var primaryResultCode: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

  /// True when the code is a primary code, not an extended one.
  public var isPrimary: Bool { self == primaryResultCode }

  /// Whether `code` is `pattern`, or one of its extended codes when `pattern` is a primary code.
  public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
    pattern.isPrimary ? pattern == code.primaryResultCode : pattern == code
  }

  /// Whether `error` is a `DatabaseError` whose extended code `pattern` matches: `catch ResultCode.SQLITE_BUSY`.
  public static func ~= (pattern: ResultCode, error: any Error) -> Bool {
    guard let error = error as? DatabaseError else { return false }
    return pattern ~= error.extendedResultCode
  }

  // Primary result codes. See https://www.sqlite.org/rescode.html#primary_result_code_list
  public static let SQLITE_OK = ResultCode(rawValue: AdregSQLite3.SQLITE_OK)
  public static let SQLITE_ERROR = ResultCode(rawValue: AdregSQLite3.SQLITE_ERROR)
  public static let SQLITE_INTERNAL = ResultCode(rawValue: AdregSQLite3.SQLITE_INTERNAL)
  public static let SQLITE_PERM = ResultCode(rawValue: AdregSQLite3.SQLITE_PERM)
  public static let SQLITE_ABORT = ResultCode(rawValue: AdregSQLite3.SQLITE_ABORT)
  public static let SQLITE_BUSY = ResultCode(rawValue: AdregSQLite3.SQLITE_BUSY)
  public static let SQLITE_LOCKED = ResultCode(rawValue: AdregSQLite3.SQLITE_LOCKED)
  public static let SQLITE_NOMEM = ResultCode(rawValue: AdregSQLite3.SQLITE_NOMEM)
  public static let SQLITE_READONLY = ResultCode(rawValue: AdregSQLite3.SQLITE_READONLY)
  public static let SQLITE_INTERRUPT = ResultCode(rawValue: AdregSQLite3.SQLITE_INTERRUPT)
  public static let SQLITE_IOERR = ResultCode(rawValue: AdregSQLite3.SQLITE_IOERR)
  public static let SQLITE_CORRUPT = ResultCode(rawValue: AdregSQLite3.SQLITE_CORRUPT)
  public static let SQLITE_NOTFOUND = ResultCode(rawValue: AdregSQLite3.SQLITE_NOTFOUND)
  public static let SQLITE_FULL = ResultCode(rawValue: AdregSQLite3.SQLITE_FULL)
  public static let SQLITE_CANTOPEN = ResultCode(rawValue: AdregSQLite3.SQLITE_CANTOPEN)
  public static let SQLITE_PROTOCOL = ResultCode(rawValue: AdregSQLite3.SQLITE_PROTOCOL)
  public static let SQLITE_EMPTY = ResultCode(rawValue: AdregSQLite3.SQLITE_EMPTY)
  public static let SQLITE_SCHEMA = ResultCode(rawValue: AdregSQLite3.SQLITE_SCHEMA)
  public static let SQLITE_TOOBIG = ResultCode(rawValue: AdregSQLite3.SQLITE_TOOBIG)
  public static let SQLITE_CONSTRAINT = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT)
  public static let SQLITE_MISMATCH = ResultCode(rawValue: AdregSQLite3.SQLITE_MISMATCH)
  public static let SQLITE_MISUSE = ResultCode(rawValue: AdregSQLite3.SQLITE_MISUSE)
  public static let SQLITE_NOLFS = ResultCode(rawValue: AdregSQLite3.SQLITE_NOLFS)
  public static let SQLITE_AUTH = ResultCode(rawValue: AdregSQLite3.SQLITE_AUTH)
  public static let SQLITE_FORMAT = ResultCode(rawValue: AdregSQLite3.SQLITE_FORMAT)
  public static let SQLITE_RANGE = ResultCode(rawValue: AdregSQLite3.SQLITE_RANGE)
  public static let SQLITE_NOTADB = ResultCode(rawValue: AdregSQLite3.SQLITE_NOTADB)
  public static let SQLITE_NOTICE = ResultCode(rawValue: AdregSQLite3.SQLITE_NOTICE)
  public static let SQLITE_WARNING = ResultCode(rawValue: AdregSQLite3.SQLITE_WARNING)
  public static let SQLITE_ROW = ResultCode(rawValue: AdregSQLite3.SQLITE_ROW)
  public static let SQLITE_DONE = ResultCode(rawValue: AdregSQLite3.SQLITE_DONE)

  // Extended result codes of the families adreg meets. See https://www.sqlite.org/rescode.html#extrc
  public static let SQLITE_ERROR_MISSING_COLLSEQ = ResultCode(rawValue: AdregSQLite3.SQLITE_ERROR | (1 << 8))
  public static let SQLITE_ERROR_RETRY = ResultCode(rawValue: AdregSQLite3.SQLITE_ERROR | (2 << 8))
  public static let SQLITE_ERROR_SNAPSHOT = ResultCode(rawValue: AdregSQLite3.SQLITE_ERROR | (3 << 8))
  public static let SQLITE_LOCKED_SHAREDCACHE = ResultCode(rawValue: AdregSQLite3.SQLITE_LOCKED | (1 << 8))
  public static let SQLITE_LOCKED_VTAB = ResultCode(rawValue: AdregSQLite3.SQLITE_LOCKED | (2 << 8))
  public static let SQLITE_BUSY_RECOVERY = ResultCode(rawValue: AdregSQLite3.SQLITE_BUSY | (1 << 8))
  public static let SQLITE_BUSY_SNAPSHOT = ResultCode(rawValue: AdregSQLite3.SQLITE_BUSY | (2 << 8))
  public static let SQLITE_BUSY_TIMEOUT = ResultCode(rawValue: AdregSQLite3.SQLITE_BUSY | (3 << 8))
  public static let SQLITE_CANTOPEN_NOTEMPDIR = ResultCode(rawValue: AdregSQLite3.SQLITE_CANTOPEN | (1 << 8))
  public static let SQLITE_CANTOPEN_ISDIR = ResultCode(rawValue: AdregSQLite3.SQLITE_CANTOPEN | (2 << 8))
  public static let SQLITE_CANTOPEN_FULLPATH = ResultCode(rawValue: AdregSQLite3.SQLITE_CANTOPEN | (3 << 8))
  public static let SQLITE_CANTOPEN_CONVPATH = ResultCode(rawValue: AdregSQLite3.SQLITE_CANTOPEN | (4 << 8))
  public static let SQLITE_CANTOPEN_DIRTYWAL = ResultCode(rawValue: AdregSQLite3.SQLITE_CANTOPEN | (5 << 8))
  public static let SQLITE_CANTOPEN_SYMLINK = ResultCode(rawValue: AdregSQLite3.SQLITE_CANTOPEN | (6 << 8))
  public static let SQLITE_CORRUPT_VTAB = ResultCode(rawValue: AdregSQLite3.SQLITE_CORRUPT | (1 << 8))
  public static let SQLITE_CORRUPT_SEQUENCE = ResultCode(rawValue: AdregSQLite3.SQLITE_CORRUPT | (2 << 8))
  public static let SQLITE_CORRUPT_INDEX = ResultCode(rawValue: AdregSQLite3.SQLITE_CORRUPT | (3 << 8))
  public static let SQLITE_READONLY_RECOVERY = ResultCode(rawValue: AdregSQLite3.SQLITE_READONLY | (1 << 8))
  public static let SQLITE_READONLY_CANTLOCK = ResultCode(rawValue: AdregSQLite3.SQLITE_READONLY | (2 << 8))
  public static let SQLITE_READONLY_ROLLBACK = ResultCode(rawValue: AdregSQLite3.SQLITE_READONLY | (3 << 8))
  public static let SQLITE_READONLY_DBMOVED = ResultCode(rawValue: AdregSQLite3.SQLITE_READONLY | (4 << 8))
  public static let SQLITE_READONLY_CANTINIT = ResultCode(rawValue: AdregSQLite3.SQLITE_READONLY | (5 << 8))
  public static let SQLITE_READONLY_DIRECTORY = ResultCode(rawValue: AdregSQLite3.SQLITE_READONLY | (6 << 8))
  public static let SQLITE_ABORT_ROLLBACK = ResultCode(rawValue: AdregSQLite3.SQLITE_ABORT | (2 << 8))
  public static let SQLITE_CONSTRAINT_CHECK = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (1 << 8))
  public static let SQLITE_CONSTRAINT_COMMITHOOK = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (2 << 8))
  public static let SQLITE_CONSTRAINT_FOREIGNKEY = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (3 << 8))
  public static let SQLITE_CONSTRAINT_FUNCTION = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (4 << 8))
  public static let SQLITE_CONSTRAINT_NOTNULL = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (5 << 8))
  public static let SQLITE_CONSTRAINT_PRIMARYKEY = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (6 << 8))
  public static let SQLITE_CONSTRAINT_TRIGGER = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (7 << 8))
  public static let SQLITE_CONSTRAINT_UNIQUE = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (8 << 8))
  public static let SQLITE_CONSTRAINT_VTAB = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (9 << 8))
  public static let SQLITE_CONSTRAINT_ROWID = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (10 << 8))
  public static let SQLITE_CONSTRAINT_PINNED = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (11 << 8))
  public static let SQLITE_CONSTRAINT_DATATYPE = ResultCode(rawValue: AdregSQLite3.SQLITE_CONSTRAINT | (12 << 8))
}
