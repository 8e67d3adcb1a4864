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

  func values(_ db: Connection) throws -> [Int] {
    try db.rows("SELECT v FROM t ORDER BY v").map { try $0.decode(Int.self, column: "v") }
  }

  @Test("a body that returns .rollback leaves no row; one that returns .commit keeps its rows")
  func completion() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (v INTEGER) STRICT")
    try db.inTransaction {
      try db.execute("INSERT INTO t (v) VALUES (1), (2)")
      #expect(try values(db) == [1, 2], "the body sees its own writes")
      return .rollback
    }
    #expect(try values(db) == [])
    #expect(db.isAutocommit)
    try db.inTransaction {
      try db.execute("INSERT INTO t (v) VALUES (3)")
      return .commit
    }
    #expect(try values(db) == [3])
    let other = try Connection(path: dir.path("t.sqlite"))
    #expect(try values(other) == [3], "committed for every connection")
  }

  @Test("a write inside a write that throws is rolled back alone, and the outer write commits the rest")
  func nestedFailure() throws {
    struct Refused: Error {}
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (v INTEGER UNIQUE) STRICT")
    try db.write {
      try db.execute("INSERT INTO t (v) VALUES (1)")
      #expect(throws: Refused.self) {
        try db.write {
          try db.execute("INSERT INTO t (v) VALUES (2)")
          throw Refused()
        }
      }
      let error = try #require(throws: DatabaseError.self) {
        try db.write {
          try db.execute("INSERT INTO t (v) VALUES (3)")
          try db.execute("INSERT INTO t (v) VALUES (1)")
        }
      }
      #expect(error.isConstraintViolation)
      #expect(!db.isAutocommit, "the outer transaction is still open")
      try db.execute("INSERT INTO t (v) VALUES (4)")
    }
    #expect(try values(db) == [1, 4])
    #expect(db.isAutocommit)
  }

  @Test("savepoints nest: .rollback undoes only its own level, an error escaping the outer write undoes all")
  func nestedLevels() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (v INTEGER UNIQUE) STRICT")
    try db.write {
      try db.execute("INSERT INTO t (v) VALUES (1)")
      try db.write {
        try db.execute("INSERT INTO t (v) VALUES (2)")
        try db.inTransaction {
          try db.execute("INSERT INTO t (v) VALUES (3)")
          return .rollback
        }
        try db.inTransaction {
          try db.execute("INSERT INTO t (v) VALUES (4)")
          return .commit
        }
      }
    }
    #expect(try values(db) == [1, 2, 4])
    #expect(throws: DatabaseError.self) {
      try db.write {
        try db.execute("INSERT INTO t (v) VALUES (5)")
        try db.write { try db.execute("INSERT INTO t (v) VALUES (6)") }
        try db.execute("INSERT INTO t (v) VALUES (1)")
      }
    }
    #expect(try values(db) == [1, 2, 4], "nothing of the failed outer write is left, its released savepoint neither")
    #expect(db.isAutocommit)
  }

  @Test("a read inside a transaction reads its snapshot, and a write inside a read is a savepoint of it")
  func readNesting() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (v INTEGER) STRICT")
    let count = try db.write {
      try db.execute("INSERT INTO t (v) VALUES (1)")
      return try db.read { try db.scalar(Int.self, "SELECT count(*) FROM t") }
    }
    #expect(count == 1)
    try db.read {
      try db.inTransaction {
        try db.execute("INSERT INTO t (v) VALUES (2)")
        return .rollback
      }
      #expect(try values(db) == [1])
    }
    #expect(db.isAutocommit)
  }
}
