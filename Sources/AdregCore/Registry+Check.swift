import AdregDatabase
import AdregFormats
import Foundation

/// What `check` found.
public struct CheckReport: Sendable {
  public var integrity: [String]
  public var foreignKeyViolations: Int
  public var appliedMigrations: [String]
  public var knownMigrations: [String]
  /// Row counts of the registry's tables (those its schema has), when the file is a registry of a known schema.
  public var counts: [(table: String, rows: Int)]
  /// Damage inside a registry this adreg can read: integrity, foreign keys, and every table, index, trigger or view
  /// that is missing, extra or changed against what the migrations create.
  public var damage: [String]
  /// Why the file is not a registry at this adreg's schema: not a registry, newer, or older (see `needsUpgrade`).
  public var versionProblems: [String]
  /// The schema is an earlier one of this adreg's, which `init` upgrades.
  public var needsUpgrade: Bool
  public var problems: [String] { versionProblems + damage }
  public var isHealthy: Bool { problems.isEmpty }
  /// A sound registry of this adreg's schema or an earlier one: what `restore` accepts.
  public var isRestorable: Bool { damage.isEmpty && (versionProblems.isEmpty || needsUpgrade) }
}

/// One table, index, trigger or view as `sqlite_master` lists it.
struct SchemaObject: Equatable {
  var type: String
  var name: String
  var sql: String
}

extension Registry {
  static let countedTables = [
    "patient", "patient_risk_factor", "dose", "visit", "case_report", "case_morphology", "case_body_site", "follow_up",
    "follow_up_treatment", "case_withdrawal", "assessment_answer", "who_umc_assessment", "trial_reference",
    "case_seriousness", "meddra_mapping", "e2b_export", "audit_entry",
  ]

  static let olderSchemaProblem = "schema is older than this adreg; run 'adreg init' to upgrade it"

  /// Checks a registry file without changing it: integrity, foreign keys, schema version and objects, row counts.
  /// - Throws: only when the file cannot be read at all; problems inside are in the report.
  public static func check(at path: String) throws -> CheckReport {
    try translatingErrors {
      let db = try Connection(path: path, mode: .readOnly)
      return try db.read {
        var damage: [String] = []
        var version: [String] = []
        let integrity = try db.rows("PRAGMA integrity_check").map { try $0.decode(String.self, at: 0) }
        if integrity != ["ok"] { damage.append("integrity check: " + integrity.prefix(5).joined(separator: "; ")) }
        let violations = try db.rows("PRAGMA foreign_key_check").count
        if violations > 0 { damage.append("\(violations) row(s) point at records that do not exist") }
        let applied = try migrator.appliedMigrations(in: db)
        let known = migrator.migrations.map(\.name)
        var needsUpgrade = false
        if applied.isEmpty {
          version.append("not an adreg registry (no schema recorded); run 'adreg init' to create one")
        } else if let unknown = applied.first(where: { !known.contains($0) }) {
          version.append("written by a newer adreg (migration \(unknown)); use a newer adreg")
        } else if applied != Array(known.prefix(applied.count)) {
          damage.append("migrations recorded out of order (\(applied.joined(separator: ", "))); restore a backup")
        } else {
          if applied.count < known.count {
            version.append(olderSchemaProblem)
            needsUpgrade = true
          }
          let differences = try schemaDifferences(in: db, expected: expectedSchema(migrations: applied.count))
          damage += differences
          if differences.isEmpty, applied.contains(lastContactMigration) {
            damage += try contactSummaryDamage(db)
          }
        }
        var counts: [(String, Int)] = []
        if version.isEmpty || needsUpgrade {
          let tables = Set(try schemaObjects(in: db).filter { $0.type == "table" }.map(\.name))
          for table in countedTables where tables.contains(table) {
            counts.append((table, try db.scalar(Int.self, "SELECT count(*) FROM \(table)") ?? 0))
          }
        }
        return CheckReport(
          integrity: integrity, foreignKeyViolations: violations, appliedMigrations: applied, knownMigrations: known,
          counts: counts, damage: damage, versionProblems: version, needsUpgrade: needsUpgrade)
      }
    }
  }

  static let lastContactMigration = "v007_last_contact"

  /// What is wrong with the summary of each patient's latest dose and visit against the logs (migration v007): it is
  /// derived data, so a hand edit that went around it shows here rather than as wrong last-contact figures.
  private static func contactSummaryDamage(_ db: Connection) throws -> [String] {
    guard try db.scalar(Int.self, "SELECT count(*) FROM contact_mark") == 1 else {
      return ["the mark of the latest-contacts summary (contact_mark) is missing; restore a backup"]
    }
    let wrong = try ContactSummaryStore(db: db).disagreements()
    guard wrong > 0 else { return [] }
    return [
      "the latest dose or visit of \(wrong) patient(s) in patient_contact disagrees with the dose and visit logs (rows changed past adreg); restore a backup"
    ]
  }

  /// Every table, index, trigger and view of the schema, SQLite's own objects (`sqlite_…`) aside: their definitions
  /// follow from the tables'.
  static func schemaObjects(in db: Connection) throws -> [SchemaObject] {
    try db.rows(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"
    ).map {
      SchemaObject(
        type: try $0.decode(String.self, column: "type"), name: try $0.decode(String.self, column: "name"),
        sql: try $0.decode(String?.self, column: "sql") ?? "")
    }
  }

  /// The schema the first `count` migrations create, built in a private in-memory database.
  static func expectedSchema(migrations count: Int) throws -> [SchemaObject] {
    let db = try Connection(path: ":memory:", mode: .memory)
    try Migrator(migrations: Array(migrator.migrations.prefix(count))).migrate(db)
    return try schemaObjects(in: db)
  }

  /// Each object missing, extra or changed against `expected`, by name.
  static func schemaDifferences(in db: Connection, expected: [SchemaObject]) throws -> [String] {
    let actual = try schemaObjects(in: db)
    var differences: [String] = []
    for object in expected {
      guard let found = actual.first(where: { $0.name == object.name }) else {
        differences.append("\(object.type) \(object.name) is missing")
        continue
      }
      if found.type != object.type {
        differences.append("\(object.name) is a \(found.type), where the migrations create a \(object.type)")
      } else if normalized(found.sql) != normalized(object.sql) {
        differences.append("\(object.type) \(object.name) differs from what the migrations create")
      }
    }
    for object in actual where !expected.contains(where: { $0.name == object.name }) {
      differences.append("\(object.type) \(object.name) is not one adreg's migrations create")
    }
    return differences.map { "schema: " + $0 }
  }

  /// SQL as compared: whitespace runs as one space, none beside punctuation, plain identifiers unquoted, so the
  /// rewriting that `ALTER TABLE` does in one SQLite version or another is no difference; and a chain of equalities
  /// of one column, `(code = 'a' OR code = 'b')`, read as the `code IN ('a', 'b')` it means: registries made by the
  /// first v001 have IN lists where the v001 shipped since has equality chains (they are faster to check).
  static func normalized(_ sql: String) -> String {
    func tidy(_ sql: String) -> String {
      var text = sql.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
      text = text.replacingOccurrences(of: #" ?([(),;=]) ?"#, with: "$1", options: .regularExpression)
      return text.replacingOccurrences(of: #"["`]([A-Za-z_][A-Za-z0-9_]*)["`]"#, with: "$1", options: .regularExpression)
    }
    var text = tidy(sql)
    let chain = #"\(([A-Za-z_][A-Za-z0-9_]*)='(?:[^']|'')*'(?: OR \1='(?:[^']|'')*')+\)"#
    while let range = text.range(of: chain, options: .regularExpression) {
      let terms = text[range].dropFirst().dropLast().components(separatedBy: " OR ")
      let column = terms[0].prefix { $0 != "=" }
      let values = terms.map { $0.dropFirst(column.count + 1) }
      text.replaceSubrange(range, with: " \(column) IN(\(values.joined(separator: ",")))")
    }
    return tidy(text).trimmingCharacters(in: CharacterSet(charactersIn: " ;"))
  }

  /// Copies the registry with SQLite's online backup, while others may keep writing, into a
  /// checked destination: the copy is written to its temporary file and renamed into place
  /// only when complete, then audited.
  ///
  /// - Throws: `RegistryError`, or the destination's ``FileSinkError`` when the rename fails.
  public func backup(to destination: StagedFile) throws {
    try translatingErrors {
      do {
        try db.backup(to: destination.temporaryPath)
      } catch {
        destination.discard()
        throw error
      }
      try destination.commit()
      try db.write { try audit(action: "registry.backup", changes: ["destination: \(destination.destination)"]) }
    }
  }
}
