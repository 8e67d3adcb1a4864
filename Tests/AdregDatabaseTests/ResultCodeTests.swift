import AdregDatabase
import AdregTestSupport
import Foundation
import Testing

@Suite("Result codes")
struct ResultCodeTests {
  func database(_ dir: TemporaryDirectory) throws -> Connection {
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(
      script: """
        CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
        CREATE TABLE t (
          code TEXT NOT NULL UNIQUE, itch INTEGER CHECK (itch BETWEEN 0 AND 10),
          parent_id INTEGER REFERENCES parent (id)) STRICT;
        INSERT INTO t (code) VALUES ('a');
        """)
    return db
  }

  func failure(_ body: () throws -> Void) throws -> ResultCode {
    try #require(throws: DatabaseError.self, performing: body).extendedResultCode
  }

  @Test("each constraint failure carries its extended code, which its primary code matches and no sibling does")
  func constraints() throws {
    let dir = try TemporaryDirectory()
    let db = try database(dir)
    let cases: [(String, ResultCode)] = [
      ("INSERT INTO t (code) VALUES ('a')", .SQLITE_CONSTRAINT_UNIQUE),
      ("INSERT INTO t (code) VALUES (NULL)", .SQLITE_CONSTRAINT_NOTNULL),
      ("INSERT INTO t (code, itch) VALUES ('b', 11)", .SQLITE_CONSTRAINT_CHECK),
      ("INSERT INTO t (code, parent_id) VALUES ('c', 9)", .SQLITE_CONSTRAINT_FOREIGNKEY),
      ("INSERT INTO t (code, itch) VALUES ('d', 'x')", .SQLITE_CONSTRAINT_DATATYPE),
    ]
    let siblings = Set(cases.map(\.1))
    for (sql, expected) in cases {
      let code = try failure { try db.execute(sql) }
      #expect(code == expected, "\(sql)")
      #expect(code.primaryResultCode == .SQLITE_CONSTRAINT && !code.isPrimary)
      #expect(ResultCode.SQLITE_CONSTRAINT ~= code)
      for other in siblings where other != expected { #expect(!(other ~= code), "\(sql)") }
      #expect(!(ResultCode.SQLITE_BUSY ~= code))
    }
  }

  @Test("a switch and a catch pick the extended code before its primary code")
  func patterns() throws {
    let dir = try TemporaryDirectory()
    let db = try database(dir)
    func kind(_ sql: String) -> String {
      do {
        try db.execute(sql)
        return "done"
      } catch ResultCode.SQLITE_CONSTRAINT_FOREIGNKEY {
        return "foreign key"
      } catch ResultCode.SQLITE_CONSTRAINT {
        return "constraint"
      } catch {
        return "other"
      }
    }
    #expect(kind("INSERT INTO t (code, parent_id) VALUES ('c', 9)") == "foreign key")
    #expect(kind("INSERT INTO t (code) VALUES ('a')") == "constraint")
    #expect(kind("INSERT INTO missing VALUES (1)") == "other")
    #expect(kind("INSERT INTO t (code) VALUES ('e')") == "done")
    let code = try failure { try db.execute("INSERT INTO missing VALUES (1)") }
    switch code {
    case .SQLITE_CONSTRAINT: Issue.record("a missing table is no constraint failure")
    case .SQLITE_ERROR: break
    default: Issue.record("expected SQLITE_ERROR, got \(code.rawValue)")
    }
  }

  @Test("opening a file that is not a database, writing read-only and waiting past the timeout have their codes")
  func fileCodes() throws {
    let dir = try TemporaryDirectory()
    let text = dir.path("notes.txt")
    try Data(String(repeating: "not a database ", count: 100).utf8).write(to: URL(fileURLWithPath: text))
    #expect(try failure { _ = try Connection(path: text, mode: .readOnly) } == .SQLITE_NOTADB)
    let db = try database(dir)
    let reader = try Connection(path: db.path, mode: .readOnly)
    #expect(ResultCode.SQLITE_READONLY ~= (try failure { try reader.execute("DELETE FROM t") }))
    try db.execute(script: "BEGIN IMMEDIATE")
    let other = try Connection(path: db.path, busyTimeout: 20)
    let busy = try failure { try other.write { try other.execute("DELETE FROM t") } }
    #expect(ResultCode.SQLITE_BUSY ~= busy)
    try db.execute(script: "ROLLBACK")
  }
}
