import AdregSQLite3
import Foundation

/// A connection to one SQLite database file.
///
/// Opening runs, in order and checked: `sqlite3_open_v2`, extended result codes, the busy timeout,
/// `foreign_keys = ON`, `journal_mode = WAL` (verified), `synchronous = NORMAL`.
/// A connection is used from one thread at a time.
/// See https://www.sqlite.org/c3ref/open.html
public final class Connection {
  /// How to open the file.
  public enum Mode: Sendable {
    /// Open an existing database for reading and writing.
    case readWrite
    /// Open, creating the file (with mode 0600) when missing.
    case create
    /// Open an existing database for reading only.
    case readOnly
    /// A private database in memory, gone when the connection closes; `path` is not used.
    case memory
  }

  /// The oldest SQLite the schema supports: STRICT tables need 3.37.0.
  public static let minimumLibraryVersion: Int32 = 3_037_000

  let handle: OpaquePointer
  let busyTimeout: Int32
  /// The database file path.
  public let path: String
  private var statementCache: [String: Statement] = [:]
  /// How many savepoints are open: a write inside a write runs in the next one.
  private var savepointDepth = 0

  /// Opens a connection.
  /// - Parameter busyTimeout: how long a write waits for another writer, in milliseconds.
  /// - Throws: `DatabaseError` when the file cannot be opened, is not a database, or WAL cannot be set.
  public init(path: String, mode: Mode = .readWrite, busyTimeout: Int32 = 5_000) throws {
    guard sqlite3_libversion_number() >= Connection.minimumLibraryVersion else {
      throw DatabaseError(
        resultCode: .SQLITE_ERROR,
        message: "SQLite \(String(cString: sqlite3_libversion())) is too old; 3.37.0 or newer is needed for STRICT tables")
    }
    var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
    switch mode {
    case .readWrite: flags |= SQLITE_OPEN_READWRITE
    case .readOnly: flags |= SQLITE_OPEN_READONLY
    case .memory: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY
    case .create:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
      // SQLite creates files 0644 and gives -wal and -shm the database file's mode:
      // creating it 0600 first keeps every registry file private to its owner.
      let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
      if fd >= 0 { close(fd) }
    }
    var db: OpaquePointer?
    let code = sqlite3_open_v2(mode == .memory ? ":memory:" : path, &db, flags, nil)
    guard code == SQLITE_OK, let db else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
      let extended = db.map { sqlite3_extended_errcode($0) } ?? code
      sqlite3_close_v2(db)
      throw DatabaseError(resultCode: ResultCode(rawValue: extended), message: message)
    }
    self.handle = db
    self.path = path
    self.busyTimeout = busyTimeout
    do {
      try check(sqlite3_extended_result_codes(db, 1))
      try check(sqlite3_busy_timeout(db, busyTimeout))
      try execute("PRAGMA foreign_keys = ON")
      if mode == .readWrite || mode == .create {
        let journal = try scalar(String.self, "PRAGMA journal_mode = WAL")
        guard journal?.lowercased() == "wal" else {
          throw DatabaseError(
            resultCode: .SQLITE_ERROR, message: "could not switch to WAL journal mode (got \(journal ?? "nothing"))")
        }
      } else {
        // Reading proves the file is a database now, not at the first query.
        _ = try scalar(Int.self, "PRAGMA schema_version")
      }
      try execute("PRAGMA synchronous = NORMAL")
    } catch {
      statementCache.removeAll()
      sqlite3_close_v2(db)
      throw error
    }
  }

  deinit {
    statementCache.removeAll()
    sqlite3_close_v2(handle)
  }

  func check(_ code: Int32, sql: String? = nil) throws {
    guard code == SQLITE_OK else { throw lastError(code: code, sql: sql) }
  }

  func lastError(code: Int32, sql: String?) -> DatabaseError {
    DatabaseError(
      resultCode: extendedCode(of: code), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
  }

  /// The connection's extended code when it extends `code`; `code` itself when the connection's is stale.
  private func extendedCode(of code: Int32) -> ResultCode {
    let primary = ResultCode(rawValue: code)
    let extended = ResultCode(rawValue: sqlite3_extended_errcode(handle))
    return extended.primaryResultCode == primary.primaryResultCode ? extended : primary
  }

  // MARK: - Statements

  /// Prepares a statement (not cached).
  public func prepare(_ sql: String) throws -> Statement {
    try Statement(connection: self, sql: sql)
  }

  /// Returns a cached prepared statement for `sql`, preparing it the first time.
  public func cachedStatement(_ sql: String) throws -> Statement {
    if let statement = statementCache[sql] { return statement }
    let statement = try prepare(sql)
    statementCache[sql] = statement
    return statement
  }

  /// Runs one or more SQL statements without arguments (schema scripts, pragmas).
  /// See https://www.sqlite.org/c3ref/exec.html
  public func execute(script sql: String) throws {
    var errorMessage: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
    if code != SQLITE_OK {
      let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
      sqlite3_free(errorMessage)
      throw DatabaseError(
        resultCode: extendedCode(of: code), message: message,
        sql: sql.count > 200 ? String(sql.prefix(200)) + "…" : sql)
    }
  }

  /// Runs one statement with arguments.
  /// - Throws: `DatabaseError` when the arguments do not fit the statement's parameters, or a step fails.
  public func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
    try cachedStatement(sql).execute(arguments)
  }

  /// Runs one statement with its positional arguments written out: `db.execute(sql, code, note)`.
  public func execute(_ sql: String, _ arguments: (any DatabaseValueConvertible)?...) throws {
    try execute(sql, StatementArguments(arguments))
  }

  /// All rows of a query.
  public func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
    var result: [Row] = []
    try forEachRow(sql, arguments) { result.append($0) }
    return result
  }

  /// Runs a query and hands each row to `body` as it is stepped: a scan of any size holds one row at a time.
  ///
  /// The statement is cached, and reset when `body` returns or throws; `body` may run other queries, but not this
  /// one again.
  /// - Throws: what `body` throws, or the error of a failed step.
  public func forEachRow(_ sql: String, _ arguments: StatementArguments = [], _ body: (Row) throws -> Void) throws {
    let statement = try cachedStatement(sql)
    var cursor = try statement.cursor(arguments)
    defer { sqlite3_reset(statement.handle) }
    while let row = try cursor.next() { try body(row) }
  }

  /// The first row of a query, or nil.
  public func row(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? {
    var cursor = try cachedStatement(sql).cursor(arguments)
    let row = try cursor.next()
    sqlite3_reset(cursor.statement.handle)
    return row
  }

  /// The first column of the first row, decoded; nil when there is no row or the value is NULL.
  public func scalar<T: DatabaseValueConvertible>(
    _ type: T.Type, _ sql: String, _ arguments: StatementArguments = []
  ) throws -> T? {
    guard let row = try row(sql, arguments), let first = row.values.first else { return nil }
    if case .null = first { return nil }
    return try row.decode(T.self, at: 0)
  }

  /// The rowid of the last successful insert.
  public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// Rows changed by the last statement.
  public var changes: Int { Int(sqlite3_changes(handle)) }

  /// True outside any transaction.
  public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

  // MARK: - Transactions

  /// Runs `body` in a `BEGIN IMMEDIATE` transaction: commits when it returns, rolls back when it throws.
  ///
  /// IMMEDIATE takes the write lock first, so the busy timeout applies; a deferred transaction that
  /// reads then writes would get SQLITE_BUSY at once. Inside a transaction, `body` runs in a savepoint instead,
  /// released when it returns and rolled back alone when it throws, so a failed inner write undoes only itself.
  /// - Throws: the first error, from `body` or from the commit, after rolling back.
  /// See https://www.sqlite.org/lang_savepoint.html
  public func write<T>(_ body: () throws -> T) throws -> T {
    try transaction { (try body(), .commit) }
  }

  /// Runs `body` in a `BEGIN IMMEDIATE` transaction, or a savepoint inside a transaction, and commits or rolls
  /// back as `body` says: a dry run ends with `return .rollback`.
  /// - Throws: the first error, from `body` or from the commit, after rolling back.
  public func inTransaction(_ body: () throws -> TransactionCompletion) throws {
    try transaction { ((), try body()) }
  }

  /// Runs `body` in a read transaction: one consistent snapshot for every query inside. Inside a transaction,
  /// `body` reads that transaction's snapshot.
  public func read<T>(_ body: () throws -> T) throws -> T {
    guard isAutocommit else { return try body() }
    try execute(script: "BEGIN DEFERRED")
    do {
      let result = try body()
      try execute(script: "COMMIT")
      return result
    } catch {
      if !isAutocommit { try? execute(script: "ROLLBACK") }
      throw error
    }
  }

  private func transaction<T>(_ body: () throws -> (T, TransactionCompletion)) throws -> T {
    guard isAutocommit else { return try savepoint(body) }
    try execute(script: "BEGIN IMMEDIATE")
    do {
      let (result, completion) = try body()
      try execute(script: completion == .commit ? "COMMIT" : "ROLLBACK")
      return result
    } catch {
      if !isAutocommit { try? execute(script: "ROLLBACK") }
      throw error
    }
  }

  private func savepoint<T>(_ body: () throws -> (T, TransactionCompletion)) throws -> T {
    savepointDepth += 1
    defer { savepointDepth -= 1 }
    let name = "adreg_\(savepointDepth)"
    try execute(script: "SAVEPOINT \(name)")
    do {
      let (result, completion) = try body()
      if completion == .rollback { try execute(script: "ROLLBACK TO \(name)") }
      try execute(script: "RELEASE \(name)")
      return result
    } catch {
      // An error that made SQLite roll back the whole transaction (a full disk, an interrupt) left no savepoint.
      if !isAutocommit { try? execute(script: "ROLLBACK TO \(name); RELEASE \(name)") }
      throw error
    }
  }

  // MARK: - Backup

  /// Copies the whole database into `destination` with SQLite's online backup, while other
  /// connections may keep writing; the copy is created with mode 0600.
  /// See https://www.sqlite.org/c3ref/backup_finish.html
  public func backup(to destination: String) throws {
    let target = try Connection(path: destination, mode: .create)
    guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
      throw target.lastError(code: sqlite3_errcode(target.handle), sql: nil)
    }
    var code: Int32
    repeat {
      code = sqlite3_backup_step(backup, 256)
      if code == SQLITE_BUSY || code == SQLITE_LOCKED { sqlite3_sleep(20) }
    } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
    let finish = sqlite3_backup_finish(backup)
    guard code == SQLITE_DONE, finish == SQLITE_OK else {
      throw target.lastError(code: code == SQLITE_DONE ? finish : code, sql: nil)
    }
    try target.execute(script: "PRAGMA wal_checkpoint(TRUNCATE)")
  }

  /// Replaces this database's whole contents with `source`'s, in one write transaction, through SQLite's online
  /// backup: other connections to this file see the old contents or the new, never a mix, and pages this
  /// connection's write-ahead log held are replaced with the rest.
  /// - Throws: `DatabaseError`; this database is unchanged when the copy fails.
  /// See https://www.sqlite.org/c3ref/backup_finish.html
  public func replaceContents(from source: Connection) throws {
    guard let backup = sqlite3_backup_init(handle, "main", source.handle, "main") else {
      throw lastError(code: sqlite3_errcode(handle), sql: nil)
    }
    var code: Int32
    var waited: Int32 = 0
    repeat {
      // -1: every page in one step, so the copy commits as one transaction.
      code = sqlite3_backup_step(backup, -1)
      guard code == SQLITE_BUSY || code == SQLITE_LOCKED, waited < busyTimeout else { break }
      sqlite3_sleep(20)
      waited += 20
    } while true
    let finish = sqlite3_backup_finish(backup)
    guard code == SQLITE_DONE, finish == SQLITE_OK else {
      throw lastError(code: code == SQLITE_DONE ? finish : code, sql: nil)
    }
  }
}

// Positional `DatabaseValue`s, as call sites wrote arguments before `StatementArguments`: `[.text(code), .null]`.
extension Connection {
  /// Runs one statement with positional values.
  public func execute(_ sql: String, _ values: [DatabaseValue]) throws {
    try execute(sql, StatementArguments(values))
  }

  /// All rows of a query with positional values.
  public func rows(_ sql: String, _ values: [DatabaseValue]) throws -> [Row] {
    try rows(sql, StatementArguments(values))
  }

  /// Runs a query with positional values and hands each row to `body` as it is stepped.
  public func forEachRow(_ sql: String, _ values: [DatabaseValue], _ body: (Row) throws -> Void) throws {
    try forEachRow(sql, StatementArguments(values), body)
  }

  /// The first row of a query with positional values, or nil.
  public func row(_ sql: String, _ values: [DatabaseValue]) throws -> Row? {
    try row(sql, StatementArguments(values))
  }

  /// The first column of the first row of a query with positional values, decoded; nil for no row or NULL.
  public func scalar<T: DatabaseValueConvertible>(
    _ type: T.Type, _ sql: String, _ values: [DatabaseValue]
  ) throws -> T? {
    try scalar(type, sql, StatementArguments(values))
  }
}

/// How a transaction body ends its transaction: `return .commit` keeps its writes, `return .rollback` undoes them.
public enum TransactionCompletion: Sendable {
  case commit
  case rollback
}
