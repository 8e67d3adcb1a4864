import AdregDatabase
import AdregTestSupport
import Testing

@Suite("Migrator")
struct MigratorTests {
  let first = Migration(name: "v001_a", sql: "CREATE TABLE a (id INTEGER PRIMARY KEY) STRICT;")
  let second = Migration(name: "v002_b", sql: "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id)) STRICT;")

  func schema(_ db: Connection) throws -> [String] {
    try db.rows("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").map {
      try $0.decode(String.self, column: "name")
    }
  }

  @Test("migrations apply in order once, and are recorded")
  func applyOnce() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    let migrator = Migrator(migrations: [first, second])
    #expect(try migrator.migrate(db) == ["v001_a", "v002_b"])
    #expect(try migrator.migrate(db) == [])
    #expect(try migrator.appliedMigrations(in: db) == ["v001_a", "v002_b"])
  }

  @Test("a migration that fails midway leaves the schema exactly at the previous version")
  func failingMigration() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try Migrator(migrations: [first]).migrate(db)
    let before = try schema(db)
    let broken = Migration(name: "v002_broken", sql: "CREATE TABLE c (id INTEGER) STRICT; CREATE TABLE a (x INTEGER);")
    #expect(throws: DatabaseError.self) { try Migrator(migrations: [first, broken]).migrate(db) }
    #expect(try schema(db) == before)
    #expect(try Migrator(migrations: [first]).appliedMigrations(in: db) == ["v001_a"])
  }

  @Test("a migration leaving dangling foreign keys is rolled back")
  func foreignKeyCheck() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    let dangling = Migration(name: "v003_bad", sql: "INSERT INTO b (id, a_id) VALUES (1, 99);")
    try Migrator(migrations: [first, second]).migrate(db)
    #expect(throws: MigrationError.foreignKeyViolations(migration: "v003_bad", count: 1)) {
      try Migrator(migrations: [first, second, dangling]).migrate(db)
    }
    #expect(try db.scalar(Int.self, "SELECT count(*) FROM b") == 0)
  }

  @Test("a database with a migration this program does not know is refused and left untouched")
  func unknownMigration() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try Migrator(migrations: [first, second]).migrate(db)
    let before = try schema(db)
    #expect(throws: MigrationError.unknownMigrations(["v002_b"])) {
      try Migrator(migrations: [first]).migrate(db)
    }
    #expect(try schema(db) == before)
  }

  @Test("a database whose migrations are not the start of the list is refused and left untouched")
  func notAPrefix() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try Migrator(migrations: [first, second]).migrate(db)
    let before = try schema(db)
    // Another build put v002_b where this one has v002_c first: applying v002_c now would skip nothing visibly
    // yet leave a schema that no build describes.
    let other = Migration(name: "v002_c", sql: "CREATE TABLE c (id INTEGER PRIMARY KEY) STRICT;")
    #expect(throws: MigrationError.notAPrefix(applied: ["v001_a", "v002_b"], expected: ["v001_a", "v002_c"])) {
      try Migrator(migrations: [first, other, second]).migrate(db)
    }
    #expect(try schema(db) == before)
  }

  @Test("foreign keys are on again after migrating, and after a migration fails")
  func foreignKeysBackOn() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try Migrator(migrations: [first]).migrate(db)
    #expect(try db.scalar(Int.self, "PRAGMA foreign_keys") == 1)
    let broken = Migration(name: "v002_broken", sql: "CREATE TABLE a (x INTEGER);")
    #expect(throws: DatabaseError.self) { try Migrator(migrations: [first, broken]).migrate(db) }
    #expect(try db.scalar(Int.self, "PRAGMA foreign_keys") == 1)
    try Migrator(migrations: [first, second]).migrate(db)
    #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO b (id, a_id) VALUES (1, 99)") }
  }
}
