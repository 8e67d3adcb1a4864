import AdregDatabase
import AdregFormats
import Foundation

/// What `check` found.
public struct CheckReport: Sendable {
  public var integrity: [String]
  public var foreignKeyViolations: Int
  public var appliedMigrations: [String]
  public var knownMigrations: [String]
  public var counts: [(table: String, rows: Int)]
  public var problems: [String]
  public var isHealthy: Bool { problems.isEmpty }
}

extension Registry {
  static let countedTables = [
    "patient", "patient_risk_factor", "dose", "case_report", "case_morphology", "case_body_site", "follow_up",
    "follow_up_treatment", "case_withdrawal", "assessment_answer", "trial_reference", "audit_entry",
  ]

  /// Checks a registry file without changing it: integrity, foreign keys, schema version, row counts.
  /// - Throws: only when the file cannot be read at all; problems inside are in the report.
  public static func check(at path: String) throws -> CheckReport {
    try translatingErrors {
      guard FileManager.default.fileExists(atPath: path) else {
        throw RegistryError(.inputMissing, "no registry at \(path); check the path given with --db")
      }
      let db = try Connection(path: path, mode: .readOnly)
      return try db.read {
        var problems: [String] = []
        let integrity = try db.rows("PRAGMA integrity_check").map { try $0.decode(String.self, at: 0) }
        if integrity != ["ok"] { problems.append("integrity check: " + integrity.prefix(5).joined(separator: "; ")) }
        let violations = try db.rows("PRAGMA foreign_key_check").count
        if violations > 0 { problems.append("\(violations) row(s) point at records that do not exist") }
        let applied = try migrator.appliedMigrations(in: db)
        let known = migrator.migrations.map(\.name)
        if applied.isEmpty {
          problems.append("not an adreg registry (no schema recorded); run 'adreg init' to create one")
        } else if let unknown = applied.first(where: { !known.contains($0) }) {
          problems.append("written by a newer adreg (migration \(unknown)); use a newer adreg")
        } else if applied.count < known.count {
          problems.append("schema is older than this adreg; run 'adreg init' to upgrade it")
        }
        var counts: [(String, Int)] = []
        if problems.isEmpty {
          for table in countedTables {
            counts.append((table, try db.scalar(Int.self, "SELECT count(*) FROM \(table)") ?? 0))
          }
        }
        return CheckReport(
          integrity: integrity, foreignKeyViolations: violations, appliedMigrations: applied, knownMigrations: known,
          counts: counts, problems: problems)
      }
    }
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
