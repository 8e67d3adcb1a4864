import AdregDatabase
import AdregFormats
import AdregFixtures
import AdregMigrations
import Foundation

/// An open adreg registry: one SQLite file holding the cohort, its cases and their audit trail.
///
/// Every write validates first, then runs in one IMMEDIATE transaction together with its audit entry.
/// The registry never reads the environment: who acts and what "today" is are given to it.
public final class Registry {
  let db: Connection
  /// The registry file.
  public let path: String
  /// Recorded as the author of every change.
  public let user: String
  /// "Today" for validation (no onset in the future) and reports.
  public let today: Day
  let clock: @Sendable () -> Date
  /// What the reports made inside `onSnapshot` have read, for the others made on the same snapshot.
  var snapshotReads: SnapshotReads?

  /// The migrations this program knows, in order.
  public static let migrator = Migrator(
    migrations: RegistryMigrations.all.map { Migration(name: $0.name, sql: $0.sql) })

  init(db: Connection, path: String, user: String, today: Day, clock: @escaping @Sendable () -> Date) {
    self.db = db
    self.path = path
    self.user = user
    self.today = today
    self.clock = clock
  }

  /// Creates the registry file when missing, or upgrades it; seeds the vocabularies and, once, the trial references.
  /// - Parameter defaultSite: when given, becomes the site that patient codes are looked up in.
  /// - Returns: the registry and the migrations that were applied.
  public static func initialize(
    at path: String, user: String, today: Day, defaultSite: String? = nil,
    clock: @escaping @Sendable () -> Date = Date.init
  ) throws -> (registry: Registry, applied: [String]) {
    try translatingErrors {
      let directory = (path as NSString).deletingLastPathComponent
      if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
        throw RegistryError(
          .failure, field: .registryPath, "the folder \(directory) does not exist",
          fix: "create it or choose another \(option: .registryPath) path")
      }
      if let defaultSite { _ = try Validate.site(defaultSite, field: "site") }
      try FileCheck.requireRegistry(path, mustExist: false)
      let existed = FileManager.default.fileExists(atPath: path)
      if existed { try requireAdregOrEmpty(path) }
      let db: Connection
      do {
        db = try Connection(path: path, mode: .create)
      } catch let error as DatabaseError where !existed {
        try? FileManager.default.removeItem(atPath: path)
        throw error
      }
      let registry = Registry(db: db, path: path, user: user, today: today, clock: clock)
      let applied = try migrator.migrate(db)
      try db.write {
        try registry.seedVocabulary()
        let seeded = try db.scalar(Int.self, "SELECT count(*) FROM setting WHERE key = 'references_seeded'") ?? 0
        let version = try db.scalar(String.self, "SELECT value FROM setting WHERE key = 'references_version'")
          .flatMap { Int($0) } ?? (seeded == 0 ? 0 : 1)
        if version < ShippedFixtures.referencesVersion {
          // The shipped set of an earlier adreg is replaced row by row (same source, arm and category); the audit
          // entry keeps every changed value.
          let references = try TrialReference.parse(
            CSVReader(bytes: ShippedFixtures.referencesCSV), fileName: "shipped references")
          var changes = ["references: \(references.count) shipped (version \(ShippedFixtures.referencesVersion))"]
          for reference in references { changes += try registry.upsert(reference) }
          try db.execute(
            "INSERT INTO setting (key, value) VALUES ('references_seeded', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [registry.timestamp()])
          try db.execute(
            "INSERT INTO setting (key, value) VALUES ('references_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [String(ShippedFixtures.referencesVersion)])
          try registry.audit(action: "reference.seed", changes: changes)
        }
        if let defaultSite {
          let previous = try registry.defaultSite()
          if previous != defaultSite {
            try db.execute("UPDATE setting SET value = ? WHERE key = 'default_site'", [defaultSite])
            try registry.audit(action: "registry.site", changes: [change("default_site", previous, defaultSite)])
          }
        }
        if !applied.isEmpty {
          try registry.audit(action: "registry.migrate", changes: applied.map { "migration: \($0)" })
        }
      }
      return (registry, applied)
    }
  }

  /// Opens an existing registry.
  /// - Throws: `RegistryError` when the file is missing, not a registry, or from a newer adreg.
  public static func open(
    at path: String, user: String, today: Day, readOnly: Bool = false, busyTimeout: Int32 = 5_000,
    clock: @escaping @Sendable () -> Date = Date.init
  ) throws -> Registry {
    try translatingErrors {
      guard FileManager.default.fileExists(atPath: path) else {
        throw RegistryError(
          .inputMissing, field: .registryPath, "no registry at \(path)",
          fix: "run \(task: .create) to create one, or pass \(option: .registryPath) PATH")
      }
      try FileCheck.requireRegistry(path, mustExist: true)
      let db = try Connection(path: path, mode: readOnly ? .readOnly : .readWrite, busyTimeout: busyTimeout)
      let pending = try migrator.pendingMigrations(in: db)
      if !pending.isEmpty {
        let applied = try migrator.appliedMigrations(in: db)
        if applied.isEmpty {
          throw RegistryError(
            .failure, field: .registryPath, "\(path) is not an adreg registry",
            fix: "run \(task: .create) to create one, or check \(option: .registryPath)")
        }
        throw RegistryError(
          .failure, field: nil, "the registry needs an upgrade", fix: "run \(task: .create) to apply it")
      }
      return Registry(db: db, path: path, user: user, today: today, clock: clock)
    }
  }

  /// Refuses, untouched, a SQLite file that holds tables but no adreg schema: `init` makes registries of empty files
  /// and upgrades adreg's own, never another program's database.
  /// - Throws: `RegistryError` of kind `.invalidData`; a file that is not SQLite at all fails as `open` would.
  static func requireAdregOrEmpty(_ path: String) throws {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size > 0 else { return }
    let db = try Connection(path: path, mode: .readOnly)
    let objects = try db.scalar(Int.self, "SELECT count(*) FROM sqlite_master") ?? 0
    guard objects > 0, try migrator.appliedMigrations(in: db).isEmpty else { return }
    throw RegistryError(
      .invalidData, field: .registryPath,
      "\(path) is a SQLite database of another program (it has tables but no adreg schema); init leaves it as it is. "
        + "Choose another \(option: .registryPath) path for the registry")
  }

  /// The default site of a new registry (seeded by v001) until `init --site` names another.
  public static let initialSite = "main"

  /// The site that patient codes are looked up in when no `--site` is given.
  public func defaultSite() throws -> String {
    try translatingErrors {
      try db.scalar(String.self, "SELECT value FROM setting WHERE key = 'default_site'") ?? Registry.initialSite
    }
  }

  /// The current UTC time as ISO 8601 with milliseconds, for audit entries.
  func timestamp() -> String {
    let interval = clock().timeIntervalSince1970
    let millis = Int((interval * 1000).rounded(.down))
    let day = Day(number: Int((Double(millis) / 86_400_000).rounded(.down)))
    let inDay = millis - day.number * 86_400_000
    let h = inDay / 3_600_000, m = inDay / 60_000 % 60, s = inDay / 1000 % 60, ms = inDay % 1000
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let frac = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
    return "\(day.iso)T\(two(h)):\(two(m)):\(two(s)).\(frac)Z"
  }

  /// Runs a write in one IMMEDIATE transaction, translating database errors.
  /// Inside another transaction the body runs in a savepoint, undone alone when it throws.
  func write<T>(_ body: () throws -> T) throws -> T {
    try translatingErrors { try db.write(body) }
  }

  /// Runs a write that ends itself: `return .rollback` (a dry run) undoes everything it wrote, `.commit` keeps it.
  /// Inside another transaction the body runs in a savepoint.
  func inTransaction(_ body: () throws -> TransactionCompletion) throws {
    try translatingErrors { try db.inTransaction(body) }
  }

  /// Runs reads on one snapshot, translating database errors.
  /// Inside another transaction the body joins it.
  func read<T>(_ body: () throws -> T) throws -> T {
    try translatingErrors { try db.read(body) }
  }

  /// Runs `body` on one read snapshot: every report, listing and lookup made inside reads the registry as it was
  /// at the first of them, so a change another user commits meanwhile appears in none of them rather than in some.
  /// - Throws: what `body` throws, or a `RegistryError` when the registry cannot be read.
  ///
  /// Reports made inside read the cohort and the cases once: the page of `report html` has four sections.
  public func onSnapshot<T>(_ body: () throws -> T) throws -> T {
    try read {
      guard snapshotReads == nil else { return try body() }
      snapshotReads = SnapshotReads()
      defer { snapshotReads = nil }
      return try body()
    }
  }

  /// Appends an audit entry; called inside the write transaction of the change it records.
  func audit(action: String, patientID: Int64? = nil, caseID: Int64? = nil, changes: [String], reason: String? = nil) throws {
    try db.execute(
      "INSERT INTO audit_entry (at, user, action, patient_id, case_id, changes, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
      [timestamp(), user, action, patientID, caseID, changes.joined(separator: "\n"), reason])
  }
}

/// One line of an audit entry: `field: old → new`.
///
/// An entry stores its changes one per line, so the values are escaped (`DisplayText`): a note's line break
/// would otherwise split it into changes nobody made. Escaping is unambiguous, so the value can still be read.
func change(_ field: String, _ old: String?, _ new: String?) -> String {
  "\(field): \(old.map(DisplayText.escaped) ?? "∅") → \(new.map(DisplayText.escaped) ?? "∅")"
}

/// The reads several reports of one snapshot share (`Registry.onSnapshot`): valid only inside it, since another
/// snapshot may see other rows.
final class SnapshotReads {
  struct Key: Hashable {
    var asOf: Day
    var site: String?
  }

  /// The patients who started by as-of (of a site, or all) with their treatment days, and every non-withdrawn case.
  var cohortAndCases: [Key: (cohort: CohortDays, cases: [CaseOnset])] = [:]
  /// The day of the last dose before each case's onset (`lastDoseDays`), for the window's as-of and start.
  var lastDoseDays: [ReportWindow: [Day?]] = [:]
}

