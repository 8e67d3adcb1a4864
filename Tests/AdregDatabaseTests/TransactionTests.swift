import AdregDatabase
import AdregTestSupport
import Foundation
import Testing

@Suite("Transactions")
struct TransactionTests {
  @Test("a failing statement inside a transaction leaves nothing behind, and the error carries SQL and message")
  func rollback() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE) STRICT")
    let error = try #require(throws: DatabaseError.self) {
      try db.write {
        try db.execute("INSERT INTO t (code) VALUES (?)", [.text("secret-a")])
        try db.execute("INSERT INTO t (code) VALUES (?)", [.text("secret-a")])
      }
    }
    #expect(try db.scalar(Int.self, "SELECT count(*) FROM t") == 0)
    #expect(error.isConstraintViolation)
    #expect(error.description.contains("UNIQUE constraint failed: t.code"))
    #expect(error.description.contains("INSERT INTO t (code) VALUES (?)"))
    #expect(!error.description.contains("secret-a"), "bound values may be patient data")
    #expect(db.isAutocommit)
  }

  @Test("an error thrown by Swift code rolls back and is rethrown as it was")
  func swiftError() throws {
    struct Refused: Error {}
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (v INTEGER) STRICT")
    #expect(throws: Refused.self) {
      try db.write {
        try db.execute("INSERT INTO t (v) VALUES (1)")
        throw Refused()
      }
    }
    #expect(try db.scalar(Int.self, "SELECT count(*) FROM t") == 0)
  }

  @Test("while one connection writes, another's write waits and succeeds after the commit")
  func concurrentWriters() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("t.sqlite")
    let first = try Connection(path: path, mode: .create)
    try first.execute(script: "CREATE TABLE t (v INTEGER) STRICT")
    try first.execute(script: "BEGIN IMMEDIATE")
    try first.execute("INSERT INTO t (v) VALUES (1)")
    // A thread of its own, not the shared task pool: SQLite's busy wait blocks the thread it runs on.
    final class Outcome: @unchecked Sendable {
      var count = -1
      var error: Error?
      var waited: TimeInterval = 0
    }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    let started = Date()
    Thread.detachNewThread {
      do {
        let other = try Connection(path: path, busyTimeout: 10_000)
        try other.write { try other.execute("INSERT INTO t (v) VALUES (2)") }
        outcome.waited = Date().timeIntervalSince(started)
        outcome.count = try other.scalar(Int.self, "SELECT count(*) FROM t") ?? -1
      } catch {
        outcome.error = error
      }
      done.signal()
    }
    Thread.sleep(forTimeInterval: 0.3)
    try first.execute(script: "COMMIT")
    done.wait()
    #expect(outcome.error == nil, "\(String(describing: outcome.error))")
    #expect(outcome.count == 2)
    #expect(outcome.waited >= 0.25, "the second writer waited for the first")
  }

  @Test("a writer blocked past its timeout gets a busy error")
  func busyTimeout() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("t.sqlite")
    let first = try Connection(path: path, mode: .create)
    try first.execute(script: "CREATE TABLE t (v INTEGER) STRICT; BEGIN IMMEDIATE; INSERT INTO t VALUES (1);")
    let other = try Connection(path: path, busyTimeout: 50)
    let error = try #require(throws: DatabaseError.self) {
      try other.write { try other.execute("INSERT INTO t (v) VALUES (2)") }
    }
    #expect(error.isBusy)
    try first.execute(script: "COMMIT")
  }
}
