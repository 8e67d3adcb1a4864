import AdregDatabase
import Foundation

/// What `Registry.restore` did.
public struct RestoreSummary: Sendable {
  /// The backup file restored from.
  public var backup: String
  /// The last migration of the backup, and those applied to bring it to this adreg's schema.
  public var backupSchema: String
  public var upgraded: [String]
  /// Row counts of the restored registry's tables, as the backup holds them.
  public var counts: [(table: String, rows: Int)]
  /// True when the registry held data that the backup replaced (`force`).
  public var replacedData: Bool
}

extension Registry {
  /// Actions of `init` itself: a registry whose trail holds nothing else has no data of a user's.
  static let setupActions = ["registry.migrate", "reference.seed", "registry.site"]

  /// Replaces the registry's whole contents with a backup's, after the backup passes `check`.
  ///
  /// The backup is accepted when it is a sound registry (integrity, foreign keys, schema objects as its migrations
  /// create them) of this adreg's schema or an earlier one, which is upgraded as `init` upgrades a registry. It is copied to a
  /// staging file beside the registry, upgraded there and given the audit entry of the restore, then copied into
  /// the registry through its own connection with SQLite's online backup, in one transaction: pages the registry's
  /// write-ahead log held are replaced with the rest, and other connections see the old registry or the restored
  /// one, never a mix. The backup file is only read.
  /// - Parameter force: replace a registry that holds data (patients, or audit entries beyond `init`'s own).
  /// - Throws: `RegistryError`: `.invalidData` for a backup that fails check, a registry with data without `force`,
  ///   or a file of another program at `path`; nothing is changed then.
  public static func restore(
    from backup: String, into path: String, user: String, today: Day, force: Bool, busyTimeout: Int32 = 5_000,
    clock: @escaping @Sendable () -> Date = Date.init
  ) throws -> RestoreSummary {
    try translatingErrors {
      try FileCheck.requireInput(backup, shownAs: backup)
      try FileCheck.requireRegistry(path, mustExist: false)
      let directory = (path as NSString).deletingLastPathComponent
      if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
        throw RegistryError(
          .failure, field: .registryPath, "the folder \(directory) does not exist",
          fix: "create it or choose another \(option: .registryPath) path")
      }
      if sameFile(backup, path) {
        throw RegistryError.invalid("\(backup) is the registry itself; name a backup file that 'adreg backup' wrote")
      }
      // The copy is checked, not the backup: what is restored is exactly what passed.
      let staging = (directory as NSString).appendingPathComponent(".adreg-restore-\(UUID().uuidString).sqlite")
      defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) } }
      let report: CheckReport
      do {
        try translatingErrors { try Connection(path: backup, mode: .readOnly).backup(to: staging) }
        report = try check(at: staging)
      } catch let error as RegistryError {
        throw RegistryError.invalid("the backup \(backup) cannot be restored: \(error.message); nothing was changed")
      }
      guard report.isRestorable else {
        throw RegistryError.invalid(
          "the backup \(backup) fails check, so it is not restored (nothing was changed): "
            + report.problems.joined(separator: "; "))
      }

      let existed = FileManager.default.fileExists(atPath: path)
      if existed { try requireAdregOrEmpty(path) }
      let live = try Connection(path: path, mode: existed ? .readWrite : .create, busyTimeout: busyTimeout)
      var created = !existed
      defer {
        if created { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
      }
      let before = try live.read { try tableCounts(in: live) }
      let userChanges = try live.read { () -> Int in
        let tables = Set(before.map(\.table))
        guard tables.contains("audit_entry") else { return 0 }
        let list = setupActions.map { "'\($0)'" }.joined(separator: ", ")
        return try live.scalar(Int.self, "SELECT count(*) FROM audit_entry WHERE action NOT IN (\(list))") ?? 0
      }
      let nonEmpty = before.filter { $0.rows > 0 && $0.table != "trial_reference" && $0.table != "audit_entry" }
      let hasData = userChanges > 0 || !nonEmpty.isEmpty
      if hasData && !force {
        let held = nonEmpty.map { "\($0.rows) \($0.table)" } + (userChanges > 0 ? ["\(userChanges) audited change(s)"] : [])
        throw RegistryError.invalid(
          .replaceFile,
          "the registry \(path) holds data (\(held.joined(separator: ", "))) that restore would replace with the backup's. "
            + "Keep a copy first with \(task: .backup), then run restore again with \(option: .replaceFile)")
      }

      // An earlier schema is upgraded as 'init' upgrades it, its own audit entries included.
      let (restored, upgraded) = try initialize(at: staging, user: user, today: today, clock: clock)
      let stagingDB = restored.db
      let after = try stagingDB.read { try tableCounts(in: stagingDB) }
      try stagingDB.write {
        var changes = ["backup: \(backup)", "schema: \(report.appliedMigrations.last ?? "none")"]
        changes += upgraded.map { "migration: \($0)" }
        let old = Dictionary(before.map { ($0.table, $0.rows) }, uniquingKeysWith: { first, _ in first })
        for (table, rows) in after {
          changes.append(change(table, existed ? String(old[table] ?? 0) : nil, String(rows)))
        }
        try restored.audit(action: "registry.restore", changes: changes)
      }
      try live.replaceContents(from: stagingDB)
      created = false
      // Moving the restored pages into the file is tidy, not needed: a reader holding a snapshot may prevent it.
      try? live.execute(script: "PRAGMA wal_checkpoint(TRUNCATE)")
      return RestoreSummary(
        backup: backup, backupSchema: report.appliedMigrations.last ?? "none", upgraded: upgraded, counts: after,
        replacedData: hasData)
    }
  }

  /// Row counts of the counted tables the schema of `db` has.
  static func tableCounts(in db: Connection) throws -> [(table: String, rows: Int)] {
    let tables = Set(try schemaObjects(in: db).filter { $0.type == "table" }.map(\.name))
    return try countedTables.filter(tables.contains).map { ($0, try db.scalar(Int.self, "SELECT count(*) FROM \($0)") ?? 0) }
  }

  /// True when both paths name one file (same device and inode), links included.
  static func sameFile(_ a: String, _ b: String) -> Bool {
    var first = stat()
    var second = stat()
    guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino
  }
}
