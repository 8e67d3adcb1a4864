import AdregDatabase
import AdregTestSupport
import Foundation
import Testing

/// Cached statements are prepared persistent and kept for the connection's life: each use must still leave them
/// reset, and closing the connection must finalize them.
@Suite("Cached statements")
struct StatementCacheTests {
  @Test("a cached statement is prepared once and reused, and left reset after a partial read or a failure")
  func reset() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (v INTEGER UNIQUE) STRICT; INSERT INTO t VALUES (1), (2), (3)")
    let sql = "SELECT v FROM t ORDER BY v"
    #expect(try db.cachedStatement(sql) === db.cachedStatement(sql))
    for _ in 0..<3 { #expect(try db.row(sql)?.decode(Int.self, column: "v") == 1) }
    #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO t (v) VALUES (?)", [1]) }
    try db.forEachRow(sql) { _ in }
    let busy = try db.rows("SELECT sql FROM sqlite_stmt WHERE busy AND sql NOT LIKE '%sqlite_stmt%'")
    #expect(busy.isEmpty, "every cached statement is reset: \(busy)")
    // A statement left mid-scan would lock the table against DROP.
    try db.execute(script: "DROP TABLE t")
  }

  @Test("closing a connection finalizes its cached statements, so the last close removes the write-ahead log")
  func finalize() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("t.sqlite")
    do {
      let db = try Connection(path: path, mode: .create)
      try db.execute(script: "CREATE TABLE t (v INTEGER) STRICT")
      for v in 0..<100 { try db.execute("INSERT INTO t (v) VALUES (?)", [v]) }
      _ = try db.row("SELECT v FROM t ORDER BY v")
      let cached = try db.scalar(
        Int.self, "SELECT count(*) FROM sqlite_stmt WHERE sql IN (?, ?)",
        ["INSERT INTO t (v) VALUES (?)", "SELECT v FROM t ORDER BY v"])
      #expect(cached == 2, "each statement prepared once")
      #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }
    // With a statement left unfinalized, sqlite3_close_v2 only marks the connection a zombie and keeps the log.
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    let reopened = try Connection(path: path)
    #expect(try reopened.scalar(Int.self, "SELECT count(*) FROM t") == 100)
  }
}
