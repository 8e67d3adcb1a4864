import AdregSQLite3

/// One named schema change, as SQL.
public struct Migration: Sendable {
  public var name: String
  public var sql: String
  public init(name: String, sql: String) {
    self.name = name
    self.sql = sql
  }
}

/// Applies named, ordered migrations, each atomically with its bookkeeping row.
///
/// Each migration runs in one IMMEDIATE transaction with foreign keys off (toggled outside the
/// transaction, where SQLite honours it) and a `foreign_key_check` before commit; foreign keys are switched back on,
/// and checked to be on, whatever happens. A database that records a migration this list does not know was written
/// by a newer program, and one whose applied migrations are not the start of this list by another build: both are
/// refused untouched.
public struct Migrator: Sendable {
  public static let table = "schema_migration"
  public let migrations: [Migration]

  public init(migrations: [Migration]) {
    self.migrations = migrations
  }

  /// Names of the migrations recorded in the database, in order of application.
  public func appliedMigrations(in db: Connection) throws -> [String] {
    let exists = try db.scalar(
      Int.self, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
      [.text(Migrator.table)]) ?? 0
    guard exists > 0 else { return [] }
    return try db.rows("SELECT name FROM \(Migrator.table) ORDER BY rowid").map {
      try $0.decode(String.self, column: "name")
    }
  }

  /// Migrations not yet applied: the rest of the list after the applied ones.
  /// - Throws: `MigrationError.unknownMigrations` when the database is ahead of this program;
  ///   `MigrationError.notAPrefix` when its applied migrations are not the first ones of this list, in order.
  public func pendingMigrations(in db: Connection) throws -> [Migration] {
    let applied = try appliedMigrations(in: db)
    let known = Set(migrations.map(\.name))
    let unknown = applied.filter { !known.contains($0) }
    guard unknown.isEmpty else { throw MigrationError.unknownMigrations(unknown) }
    let expected = migrations.prefix(applied.count).map(\.name)
    guard applied == expected else { throw MigrationError.notAPrefix(applied: applied, expected: expected) }
    return Array(migrations.dropFirst(applied.count))
  }

  /// Applies every pending migration, in order.
  /// - Returns: the names applied.
  /// - Throws: `MigrationError` or `DatabaseError`; a failed migration leaves the schema at the previous one.
  @discardableResult
  public func migrate(_ db: Connection) throws -> [String] {
    let pending = try pendingMigrations(in: db)
    guard !pending.isEmpty else { return [] }
    try db.execute(script: "PRAGMA foreign_keys = OFF")
    let applied: [String]
    do {
      applied = try apply(pending, to: db)
    } catch {
      // The migration's own error is the one to report; foreign keys are still switched back on.
      try? enableForeignKeys(db)
      throw error
    }
    try enableForeignKeys(db)
    return applied
  }

  private func enableForeignKeys(_ db: Connection) throws {
    try db.execute(script: "PRAGMA foreign_keys = ON")
    guard try db.scalar(Int.self, "PRAGMA foreign_keys") == 1 else { throw MigrationError.foreignKeysStayedOff }
  }

  private func apply(_ pending: [Migration], to db: Connection) throws -> [String] {
    var applied: [String] = []
    for migration in pending {
      try db.write {
        // Checked again under the write lock: another process may have migrated meanwhile.
        if try appliedMigrations(in: db).contains(migration.name) { return }
        try db.execute(
          script: "CREATE TABLE IF NOT EXISTS \(Migrator.table) (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL) STRICT")
        try db.execute(script: migration.sql)
        try db.execute(
          "INSERT INTO \(Migrator.table) (name, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
          [.text(migration.name)])
        let violations = try db.rows("PRAGMA foreign_key_check")
        guard violations.isEmpty else {
          throw MigrationError.foreignKeyViolations(migration: migration.name, count: violations.count)
        }
        applied.append(migration.name)
      }
    }
    return applied
  }
}

/// Why a migration could not run.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The database records migrations this program does not know: it comes from a newer version.
  case unknownMigrations([String])
  /// The database's applied migrations are not the first ones of this program's list, in order.
  case notAPrefix(applied: [String], expected: [String])
  /// A migration left rows pointing at nothing.
  case foreignKeyViolations(migration: String, count: Int)
  /// Foreign keys could not be switched back on after the migrations (e.g. inside an open transaction).
  case foreignKeysStayedOff

  public var description: String {
    switch self {
    case .unknownMigrations(let names):
      "the database was written by a newer version (unknown migrations: \(names.joined(separator: ", ")))"
    case .notAPrefix(let applied, let expected):
      "the database's migrations (\(applied.joined(separator: ", "))) are not this version's first ones "
        + "(\(expected.joined(separator: ", "))): it was written by another build of adreg"
    case .foreignKeyViolations(let migration, let count):
      "migration \(migration) left \(count) foreign key violation(s)"
    case .foreignKeysStayedOff:
      "foreign keys could not be switched back on after migrating; no other transaction may be open"
    }
  }
}
