import AdregSQLite3

/// A prepared statement of one connection.
///
/// Finalized when released. Not shared across threads: a statement belongs to its connection.
/// See https://www.sqlite.org/c3ref/stmt.html
public final class Statement {
  let handle: OpaquePointer
  unowned let connection: Connection
  /// The statement's SQL, for error messages.
  public let sql: String
  /// Column names, in result order.
  public let columnNames: [String]
  let columnIndex: [String: Int32]
  /// The name of each parameter without its prefix, by index from 1; nil for one filled by position.
  private let parameterNames: [String?]
  /// How many parameters are filled by position.
  private let positionalCount: Int

  /// - Parameter persistent: true for a statement kept and run many times (a cached one), a hint on which SQLite
  ///   leaves its small lookaside memory to the short-lived statements.
  /// See https://www.sqlite.org/c3ref/c_prepare_normalize.html#sqlitepreparepersistent
  init(connection: Connection, sql: String, persistent: Bool = false) throws {
    var statement: OpaquePointer?
    let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
    // The tail pointer points into the C string, so it is read while that string is alive.
    let (code, hasTrailingStatement) = sql.withCString { text -> (Int32, Bool) in
      var tail: UnsafePointer<CChar>?
      let code = sqlite3_prepare_v3(connection.handle, text, -1, flags, &statement, &tail)
      guard code == SQLITE_OK, let tail else { return (code, false) }
      return (code, !String(cString: tail).allSatisfy(\.isWhitespace))
    }
    guard code == SQLITE_OK, let statement else {
      sqlite3_finalize(statement)
      throw connection.lastError(code: code, sql: sql)
    }
    if hasTrailingStatement {
      sqlite3_finalize(statement)
      throw DatabaseError.misuse("only one statement may be prepared at a time", sql: sql)
    }
    self.handle = statement
    self.connection = connection
    self.sql = sql
    let count = sqlite3_column_count(statement)
    var names: [String] = []
    var index: [String: Int32] = [:]
    for i in 0..<count {
      let name = String(cString: sqlite3_column_name(statement, i))
      names.append(name)
      if index[name] == nil { index[name] = i }
    }
    self.columnNames = names
    self.columnIndex = index
    self.parameterNames = (0..<sqlite3_bind_parameter_count(statement)).map { offset in
      // `?` has no name and `?NNN` is a number: both are filled by position. `:x`, `@x` and `$x` are names.
      let name = sqlite3_bind_parameter_name(statement, offset + 1).map { String(cString: $0) }
      return name.flatMap { $0.first == "?" ? nil : String($0.dropFirst()) }
    }
    self.positionalCount = parameterNames.count { $0 == nil }
  }

  deinit {
    sqlite3_finalize(handle)
  }

  /// Binds values to the statement's parameters, in order, after clearing previous bindings.
  /// - Throws: `DatabaseError` when the count does not match the statement's parameters, or the statement has
  ///   named parameters.
  public func bind<Values: Collection<DatabaseValue>>(_ values: Values) throws {
    try bind(values, named: [:])
  }

  /// Binds arguments after clearing previous bindings: positional values to the parameters without a name, in
  /// order, and named values to the parameters of their name.
  /// - Throws: `DatabaseError` when the positional count does not match, a name is not a parameter of the
  ///   statement, a named parameter has no value, or a name was given twice.
  public func bind(_ arguments: StatementArguments) throws {
    if let name = arguments.repeatedName {
      throw DatabaseError.misuse("argument :\(name) given twice", sql: sql)
    }
    try bind(arguments.values, named: arguments.namedValues)
  }

  private func bind<Values: Collection<DatabaseValue>>(_ values: Values, named: [String: DatabaseValue]) throws {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    guard values.count == positionalCount else {
      throw DatabaseError.misuse(
        "wrong number of arguments: \(values.count) given, \(positionalCount) expected", sql: sql)
    }
    if !named.isEmpty, let unknown = named.keys.sorted().first(where: { !parameterNames.contains($0) }) {
      throw DatabaseError.misuse("no parameter named :\(unknown)", sql: sql)
    }
    var positional = values.makeIterator()
    for (offset, name) in parameterNames.enumerated() {
      let index = Int32(offset + 1)
      if let name {
        guard let value = named[name] else { throw DatabaseError.misuse("no value for :\(name)", sql: sql) }
        try bind(value, at: index)
      } else if let value = positional.next() {
        try bind(value, at: index)
      }
    }
  }

  /// Binds one value at a 1-based parameter index.
  /// See https://www.sqlite.org/c3ref/bind_blob.html
  public func bind(_ value: DatabaseValue, at index: Int32) throws {
    let code: Int32
    switch value {
    case .null:
      code = sqlite3_bind_null(handle, index)
    case .integer(let v):
      code = sqlite3_bind_int64(handle, index, v)
    case .real(let v):
      code = sqlite3_bind_double(handle, index, v)
    case .text(let v):
      // With its length, from the string's own UTF-8 bytes, so a text holding a NUL is kept whole and a short
      // string is not copied to the heap as a C string first. An empty string needs a non-null pointer, or
      // SQLite stores NULL.
      var text = v
      code = text.withUTF8 { bytes in
        guard let start = bytes.baseAddress, bytes.count > 0 else {
          return sqlite3_bind_text(handle, index, "", 0, adreg_sqlite_transient())
        }
        return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
          sqlite3_bind_text64(handle, index, $0, sqlite3_uint64(bytes.count), adreg_sqlite_transient(), UInt8(SQLITE_UTF8))
        }
      }
    case .blob(let v):
      // A zero-length blob needs a non-null pointer, or SQLite stores NULL.
      code = v.withUnsafeBytes { buffer in
        if buffer.count == 0 {
          return sqlite3_bind_zeroblob(handle, index, 0)
        }
        return sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), adreg_sqlite_transient())
      }
    }
    guard code == SQLITE_OK else { throw connection.lastError(code: code, sql: sql) }
  }

  /// Steps once. Returns true when a row is available.
  @discardableResult
  func step() throws -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default:
      let error = connection.lastError(code: code, sql: sql)
      sqlite3_reset(handle)
      throw error
    }
  }

  /// Runs the statement to completion with the given arguments.
  /// - Throws: `DatabaseError` when the arguments do not fit the statement's parameters, or a step fails.
  public func execute(_ arguments: StatementArguments) throws {
    try bind(arguments)
    while try step() {}
    sqlite3_reset(handle)
  }

  /// Runs the statement to completion with positional values.
  public func execute<Values: Collection<DatabaseValue>>(_ values: Values) throws {
    try bind(values)
    while try step() {}
    sqlite3_reset(handle)
  }

  /// Runs the statement to completion with `values[range]` bound to its parameters in order.
  ///
  /// Texts and blobs are bound in place (`SQLITE_STATIC`, no copy): their buffer is held for the whole execution,
  /// and the statement is reset and its bindings cleared before this returns, so SQLite keeps no pointer into it.
  /// - Throws: `DatabaseError` when the count does not match the statement's parameters, or a step fails.
  /// See https://www.sqlite.org/c3ref/bind_blob.html
  public func execute(_ values: BoundValues, _ range: Range<Int>) throws {
    sqlite3_reset(handle)
    let expected = Int(sqlite3_bind_parameter_count(handle))
    guard range.count == expected else {
      throw DatabaseError.misuse("wrong number of arguments: \(range.count) given, \(expected) expected", sql: sql)
    }
    try values.bytes.withUnsafeBufferPointer { buffer in
      defer {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
      }
      // SQLITE_STATIC, a null destructor: SQLite reads the bytes where they are.
      let inPlace: sqlite3_destructor_type? = nil
      var index: Int32 = 1
      for slot in values.slots[range] {
        let code: Int32
        switch slot {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let v): code = sqlite3_bind_int64(handle, index, v)
        case .real(let v): code = sqlite3_bind_double(handle, index, v)
        case .text(let start, let count, let terminated):
          // An empty text needs a non-null pointer, or SQLite stores NULL. A length of -1 says the text ends at its
          // NUL, which SQLite then keeps; a text holding a NUL is bound with its length instead.
          if count > 0, let base = buffer.baseAddress {
            code = UnsafeRawPointer(base + start).withMemoryRebound(to: CChar.self, capacity: count + 1) {
              terminated
                ? sqlite3_bind_text(handle, index, $0, -1, inPlace)
                : sqlite3_bind_text64(handle, index, $0, sqlite3_uint64(count), inPlace, UInt8(SQLITE_UTF8))
            }
          } else {
            code = sqlite3_bind_text(handle, index, "", 0, adreg_sqlite_transient())
          }
        case .blob(let start, let count):
          if count > 0, let base = buffer.baseAddress {
            code = sqlite3_bind_blob64(handle, index, base + start, sqlite3_uint64(count), inPlace)
          } else {
            code = sqlite3_bind_zeroblob(handle, index, 0)
          }
        }
        guard code == SQLITE_OK else { throw connection.lastError(code: code, sql: sql) }
        index += 1
      }
      while try step() {}
    }
  }

  /// Runs the statement to completion without arguments.
  public func execute() throws {
    try execute(EmptyCollection<DatabaseValue>())
  }

  /// Iterates the rows of the statement with the given arguments.
  public func cursor(_ arguments: StatementArguments = []) throws -> RowCursor {
    try bind(arguments)
    return RowCursor(statement: self)
  }

  /// Iterates the rows of the statement with positional values.
  public func cursor(_ values: [DatabaseValue]) throws -> RowCursor {
    try cursor(StatementArguments(values))
  }

  /// Runs the statement and hands each row to `body` as a view on the statement, valid during the call only.
  ///
  /// For scans of many rows, and lookups run once per imported row, where building a `Row` for each would
  /// cost more than the query itself.
  /// - Throws: what `body` throws, a decoding error, or the error of a failed step.
  public func forEachRow(_ arguments: StatementArguments = [], _ body: (StatementRow) throws -> Void) throws {
    try bind(arguments)
    defer { sqlite3_reset(handle) }
    while try step() {
      try body(StatementRow(statement: self))
    }
  }

  /// Runs the statement and hands each row to `body`, valid during the call only, while `body` returns true: a scan
  /// that may stop before the last row.
  /// - Throws: what `body` throws, a decoding error, or the error of a failed step.
  public func forRows(_ arguments: StatementArguments = [], while body: (StatementRow) throws -> Bool) throws {
    try bind(arguments)
    defer { sqlite3_reset(handle) }
    while try step(), try body(StatementRow(statement: self)) {}
  }

  /// Runs the statement with positional values and hands each row to `body`, valid during the call only.
  public func forEachRow(_ values: [DatabaseValue], _ body: (StatementRow) throws -> Void) throws {
    try forEachRow(StatementArguments(values), body)
  }

  /// Runs the statement and hands the first column of each row, an integer, to `body`.
  /// - Throws: `DatabaseError` when a value is not an integer or a step fails.
  public func forEachInteger(_ arguments: StatementArguments = [], _ body: (Int64) throws -> Void) throws {
    try forEachRow(arguments) { row in try body(try row.integer(at: 0)) }
  }

  /// Runs the statement with positional values and hands the first column of each row, an integer, to `body`.
  public func forEachInteger(_ values: [DatabaseValue], _ body: (Int64) throws -> Void) throws {
    try forEachInteger(StatementArguments(values), body)
  }

  func value(at index: Int32) -> DatabaseValue {
    switch sqlite3_column_type(handle, index) {
    case SQLITE_INTEGER:
      return .integer(sqlite3_column_int64(handle, index))
    case SQLITE_FLOAT:
      return .real(sqlite3_column_double(handle, index))
    case SQLITE_TEXT:
      guard let text = sqlite3_column_text(handle, index) else { return .text("") }
      let count = Int(sqlite3_column_bytes(handle, index))
      return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
    case SQLITE_BLOB:
      let count = Int(sqlite3_column_bytes(handle, index))
      guard count > 0, let bytes = sqlite3_column_blob(handle, index) else { return .blob([]) }
      return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
    default:
      return .null
    }
  }
}

/// Rows of a statement, one at a time; `next()` throws the step's error.
public struct RowCursor {
  let statement: Statement
  private var finished = false

  init(statement: Statement) { self.statement = statement }

  /// The next row, or nil when the statement is done.
  /// The row is a snapshot of the current values; it stays valid after the cursor moves on.
  public mutating func next() throws -> Row? {
    guard !finished else { return nil }
    if try statement.step() {
      var values: [DatabaseValue] = []
      values.reserveCapacity(statement.columnNames.count)
      for i in 0..<Int32(statement.columnNames.count) {
        values.append(statement.value(at: i))
      }
      return Row(
        columnNames: statement.columnNames, columnIndex: statement.columnIndex, values: values, sql: statement.sql)
    }
    finished = true
    sqlite3_reset(statement.handle)
    return nil
  }
}

/// The current row of a statement being stepped, read in place without copying the row: valid only during the
/// callback it is handed to.
public struct StatementRow: DatabaseRow {
  let statement: Statement

  public var columnNames: [String] { statement.columnNames }

  public var sql: String { statement.sql }

  public func uncheckedValue(at index: Int) -> DatabaseValue { statement.value(at: Int32(index)) }

  public func index(ofColumn column: String) -> Int? { statement.columnIndex[column].map(Int.init) }

  public func integer(at index: Int) throws -> Int64 {
    let column = try checked(index)
    guard sqlite3_column_type(statement.handle, column) == SQLITE_INTEGER else {
      throw mismatch(uncheckedValue(at: index), Int64.self, at: index)
    }
    return sqlite3_column_int64(statement.handle, column)
  }

  public func text(at index: Int) throws -> String {
    let column = try checked(index)
    guard sqlite3_column_type(statement.handle, column) == SQLITE_TEXT,
      let bytes = sqlite3_column_text(statement.handle, column)
    else { throw mismatch(uncheckedValue(at: index), String.self, at: index) }
    let count = Int(sqlite3_column_bytes(statement.handle, column))
    return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
  }

  public func optionalText(at index: Int) throws -> String? {
    sqlite3_column_type(statement.handle, try checked(index)) == SQLITE_NULL ? nil : try text(at: index)
  }

  /// The UTF-8 bytes of the text in column `index`, in place, or nil when it is NULL: a scan over many rows reads
  /// short values (dates) this way without making a `String` of each. The bytes belong to SQLite and stay valid
  /// only until the statement steps again, is reset or finalized, so read them within the row's callback.
  /// - Throws: `DatabaseError` naming the column and the storage class found when it is neither text nor NULL.
  public func utf8(at index: Int) throws -> UnsafeBufferPointer<UInt8>? {
    let column = try checked(index)
    switch sqlite3_column_type(statement.handle, column) {
    case SQLITE_NULL:
      return nil
    case SQLITE_TEXT:
      guard let bytes = sqlite3_column_text(statement.handle, column) else { return nil }
      return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement.handle, column)))
    default:
      throw mismatch(uncheckedValue(at: index), String.self, at: index)
    }
  }

  /// `index` as SQLite's column number: SQLite's result for a column out of range is undefined.
  private func checked(_ index: Int) throws -> Int32 {
    guard statement.columnNames.indices.contains(index) else {
      throw DatabaseError.misuse("no column at index \(index)", sql: sql)
    }
    return Int32(index)
  }
}
