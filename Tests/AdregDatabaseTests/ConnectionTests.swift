import AdregDatabase
import AdregTestSupport
import Foundation
import Testing

@Suite("Opening connections")
struct ConnectionTests {
  @Test("a new database is WAL, with foreign keys on, and its file is mode 0600")
  func openingSequence() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("t.sqlite")
    let db = try Connection(path: path, mode: .create)
    #expect(try db.scalar(String.self, "PRAGMA journal_mode") == "wal")
    #expect(try db.scalar(Int.self, "PRAGMA foreign_keys") == 1)
    #expect(try db.scalar(Int.self, "PRAGMA synchronous") == 1)
    try db.execute(script: "CREATE TABLE t (v INTEGER)")
    for file in [path, path + "-wal", path + "-shm"] {
      let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
      #expect(mode == 0o600, "\(file)")
    }
  }

  @Test("a file that is not a database is refused with SQLite's reason")
  func notADatabase() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("notes.txt")
    try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: DatabaseError.self) { try Connection(path: path) }
    #expect(error.description.contains("not a database"))
  }

  @Test("a missing file is not created unless asked")
  func missingFile() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path("absent.sqlite")
    #expect(throws: DatabaseError.self) { try Connection(path: path) }
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test("online backup copies every row into a 0600 file")
  func backup() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3);")
    try db.backup(to: dir.path("copy.sqlite"))
    let copy = try Connection(path: dir.path("copy.sqlite"), mode: .readOnly)
    #expect(try copy.scalar(Int.self, "SELECT sum(v) FROM t") == 6)
    let mode = try FileManager.default.attributesOfItem(atPath: dir.path("copy.sqlite"))[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }
}
