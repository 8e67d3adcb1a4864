import AdregCore
import AdregDatabase
import AdregTestSupport
import Foundation
import Testing

/// `init` writes the `vocabulary` table from the enums: a registry whose table drifted (a meaning edited, a code
/// missing, a code no enum declares) lists the enums' codes again after `init`, and an `init` with nothing to
/// mend writes nothing.
@Suite("Vocabulary: init writes the seeded table from the enums")
struct VocabularySeedTests {
  let folder: TemporaryDirectory
  var path: String { folder.path("r.sqlite") }

  init() throws {
    folder = try TemporaryDirectory(prefix: "adreg-vocabulary")
    _ = try initialize()
  }

  func initialize() throws -> Registry {
    try Registry.initialize(at: path, user: "tester", today: Day(iso: "2025-06-30")!).registry
  }

  /// Every row of the table, in listing order.
  func rows(_ db: Connection) throws -> [String] {
    try db.rows("SELECT list, code, meaning, position FROM vocabulary ORDER BY list, position").map {
      return [
        try $0.decode(String.self, column: "list"), try $0.decode(String.self, column: "code"),
        try $0.decode(String.self, column: "meaning"), String(try $0.decode(Int.self, column: "position")),
      ].joined(separator: "|")
    }
  }

  /// What the enums declare, row by row as `rows` reads them.
  var declared: [String] {
    Vocabulary.allCases.sorted { $0.rawValue < $1.rawValue }.flatMap { vocabulary in
      vocabulary.entries.enumerated().map { "\(vocabulary.rawValue)|\($1.code)|\($1.meaning)|\($0 + 1)" }
    }
  }

  @Test("a drifted table lists exactly the enums' codes, meanings and order after init")
  func mends() throws {
    let db = try Connection(path: path)
    #expect(try rows(db) == declared)
    try db.execute("UPDATE vocabulary SET meaning = 'edited' WHERE list = 'severity' AND code = 'mild'")
    try db.execute("UPDATE vocabulary SET position = 9 WHERE list = 'sex' AND code = 'F'")
    try db.execute("DELETE FROM vocabulary WHERE list = 'outcome' AND code = 'resolved'")
    try db.execute("INSERT INTO vocabulary (list, code, meaning, position) VALUES ('scaling', 'partial', 'x', 4)")
    #expect(try rows(db) != declared)
    _ = try initialize()
    #expect(try rows(db) == declared)
  }

  @Test("an init with nothing to mend writes no vocabulary row")
  func idempotent() throws {
    let db = try Connection(path: path)
    try db.execute(script: """
      CREATE TABLE vocabulary_writes (n INTEGER);
      CREATE TRIGGER vocabulary_insert AFTER INSERT ON vocabulary BEGIN INSERT INTO vocabulary_writes VALUES (1); END;
      CREATE TRIGGER vocabulary_update AFTER UPDATE ON vocabulary BEGIN INSERT INTO vocabulary_writes VALUES (1); END;
      CREATE TRIGGER vocabulary_delete AFTER DELETE ON vocabulary BEGIN INSERT INTO vocabulary_writes VALUES (1); END;
      """)
    _ = try initialize()
    #expect(try db.scalar(Int.self, "SELECT count(*) FROM vocabulary_writes") == 0)
    try db.execute("UPDATE vocabulary SET meaning = 'edited' WHERE list = 'severity' AND code = 'mild'")
    try db.execute("DELETE FROM vocabulary_writes")
    _ = try initialize()
    #expect(try db.scalar(Int.self, "SELECT count(*) FROM vocabulary_writes") == 1)
  }
}
