import AdregDatabase
import AdregFormats
import Foundation

/// What `Registry.buildDemo` made.
public struct DemoSummary: Sendable {
  /// The demo registry file.
  public var path: String
  /// The seed of the synthetic cohort.
  public var seed: UInt64
  /// What the synthetic cohort holds.
  public var cohort: SynthSummary
  /// True when an earlier demo registry was replaced.
  public var replacedEarlierDemo: Bool
}

extension Registry {
  /// The demo registry's file name, in the folder the demo runs in.
  public static let demoFileName = "adreg-demo.sqlite"

  /// Builds a fresh demo registry from a synthetic cohort: `adreg-demo.sqlite` in `directory`.
  ///
  /// The registry is built under a temporary name and moved into place only when complete, so a failure
  /// leaves an earlier demo as it was. An existing `adreg-demo.sqlite` is replaced only when it is a demo
  /// registry itself: any other file there is left alone and the demo refuses to run.
  /// - Throws: `RegistryError` when the name is taken by another file, or the folder cannot be written.
  public static func buildDemo(
    in directory: String, user: String, today: Day, patients: Int = 2_000, seed: UInt64 = 1,
    clock: @escaping @Sendable () -> Date = Date.init
  ) throws -> DemoSummary {
    let path = (directory as NSString).appendingPathComponent(demoFileName)
    let exists = FileManager.default.fileExists(atPath: path)
    if exists && !isDemo(at: path) {
      throw RegistryError(
        .failure,
        "\(path) exists and is not a demo registry; the demo replaces only its own earlier file. Move that file away, or run the demo in another folder")
    }
    if exists, let changed = try changesSinceDemo(at: path) {
      throw RegistryError(
        .failure,
        "\(path) has changes made after the demo built it (\(changed)); the demo will not replace them. "
          + "To keep them, rename the file (mv \(demoFileName) my-registry.sqlite, with its -wal and -shm files if any); "
          + "to discard them, remove it (rm \(demoFileName)*); then run 'adreg demo' again")
    }
    let temporary = (directory as NSString).appendingPathComponent(".adreg-demo-\(UUID().uuidString).sqlite")
    defer {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
    }
    let cohort = try fillDemo(
      at: temporary, user: user, today: today, options: SynthOptions(patients: patients, seed: seed, asOf: today),
      clock: clock)
    do {
      if exists {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
      }
      // SQLite finds a write-ahead log by the database's name, so a log left behind moves with it.
      if FileManager.default.fileExists(atPath: temporary + "-wal") {
        try FileManager.default.moveItem(atPath: temporary + "-wal", toPath: path + "-wal")
      }
      try FileManager.default.moveItem(atPath: temporary, toPath: path)
    } catch {
      throw RegistryError(.failure, "could not put the demo registry in place at \(path): \(error.localizedDescription)")
    }
    return DemoSummary(path: path, seed: seed, cohort: cohort, replacedEarlierDemo: exists)
  }

  /// True when the file at `path` is a registry that `buildDemo` made.
  public static func isDemo(at path: String) -> Bool {
    guard let db = try? Connection(path: path, mode: .readOnly) else { return false }
    let marker = try? db.scalar(String.self, "SELECT value FROM setting WHERE key = 'demo_registry'")
    return marker != nil
  }

  /// What the audit trail of the demo registry at `path` records after the demo built it, in words; nil when
  /// nothing (a backup is no change). Without a demo entry in the trail, every entry counts.
  static func changesSinceDemo(at path: String) throws -> String? {
    try translatingErrors {
      let db = try Connection(path: path, mode: .readOnly)
      return try db.read { () -> String? in
        let after = """
          FROM audit_entry WHERE id > coalesce((SELECT max(id) FROM audit_entry WHERE action = 'registry.demo'), 0)
            AND action <> 'registry.backup'
          """
        let count = try db.scalar(Int.self, "SELECT count(*) \(after)") ?? 0
        guard count > 0, let last = try db.row("SELECT action, user, at \(after) ORDER BY id DESC LIMIT 1") else {
          return nil
        }
        let action = try last.decode(String.self, column: "action")
        let user = try last.decode(String.self, column: "user")
        let at = try last.decode(String.self, column: "at")
        return "\(count) audit entr\(count == 1 ? "y" : "ies"), the latest \(action) by \(user) at \(at)"
      }
    }
  }

  /// Creates, fills and closes the registry at `path`; the registry is released when this returns.
  private static func fillDemo(
    at path: String, user: String, today: Day, options: SynthOptions, clock: @escaping @Sendable () -> Date
  ) throws -> SynthSummary {
    let registry = try initialize(at: path, user: user, today: today, clock: clock).registry
    var files = SynthFiles(patients: ByteSink(), doses: ByteSink(), visits: ByteSink(), cases: ByteSink(), followUps: ByteSink())
    let cohort = try Synth.generate(options, into: &files)
    // Loaded as a package, in one transaction: follow-ups come from followups.csv with their dates.
    let contents = Dictionary(
      uniqueKeysWithValues: zip(
        SynthFiles<ByteSink>.names,
        [files.patients.bytes, files.doses.bytes, files.visits.bytes, files.cases.bytes, files.followUps.bytes])
        + SynthFiles<ByteSink>.emptyPackageFiles.map { ($0.name, $0.bytes) })
    _ = try registry.importPackage(named: "synthetic cohort") { name in
      let bytes = contents[name] ?? []
      return (CSVReader(bytes: bytes), bytes.count)
    }
    try registry.write {
      try registry.db.execute(
        "INSERT INTO setting (key, value) VALUES ('demo_registry', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [registry.timestamp()])
      try registry.audit(
        action: "registry.demo",
        changes: [
          "synthetic cohort: \(cohort.patients) patients, \(cohort.doses) doses, \(cohort.visits) visits, "
            + "\(cohort.cases) cases, seed \(options.seed)"
        ])
    }
    try registry.translatingCheckpoint()
    return cohort
  }

  /// Moves everything from the write-ahead log into the file, so the file stands alone.
  private func translatingCheckpoint() throws {
    try translatingErrors { try db.execute(script: "PRAGMA wal_checkpoint(TRUNCATE)") }
  }
}
