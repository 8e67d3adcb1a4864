import AdregDatabase
import Foundation
import Testing

/// Issue 12, items 6, 7, 10–13 and 16: `check` verifies the schema, writes refuse a future `--as-of` and a blank
/// user, the registry and input paths are refused up front when they are not files, and init, demo and restore
/// never replace data they should keep.
@Suite("registry guards")
struct RegistryGuardTests {
  /// A registry with one patient and one case.
  func clinic() throws -> Harness {
    let h = try Harness()
    for words in [
      ["init"], ["patient", "add", "P1", "--start", "2025-01-01", "--birth-year", "1980"],
      ["record", "P1", "--onset", "2025-02-01", "--category", "facial-redness"],
    ] {
      let result = h.run(words)
      #expect(result.status == 0, "\(words): \(result.error)")
    }
    return h
  }

  /// Every row of every table of the file at `path`, the audit trail apart, and the audit trail's rows.
  func contents(_ path: String) throws -> (tables: String, audit: [String]) {
    let db = try Connection(path: path, mode: .readOnly)
    var text = ""
    var audit: [String] = []
    for table in try db.rows("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name") {
      let name = try table.decode(String.self, column: "name")
      let rows = try db.rows("SELECT * FROM \"\(name)\"").map { "\($0.values)" }.sorted()
      if name == "audit_entry" { audit = rows } else { text += try table.decode(String.self, column: "sql") + "\n" + rows.joined(separator: "\n") + "\n" }
    }
    return (text, audit)
  }

  // MARK: - 6. check verifies the schema

  @Test("check names a dropped audit trigger, an edited CHECK and an extra index (exit 65)")
  func checkSchema() throws {
    let edits: [(sql: String, names: String)] = [
      ("DROP TRIGGER audit_entry_no_update", "trigger audit_entry_no_update is missing"),
      (
        """
        PRAGMA writable_schema = ON;
        UPDATE sqlite_master SET sql = replace(sql, 'CHECK (birth_year BETWEEN 1900 AND 2100)', '') WHERE name = 'patient';
        PRAGMA writable_schema = OFF;
        """,
        "table patient differs"
      ),
      ("CREATE INDEX patient_by_code ON patient (code)", "index patient_by_code is not one adreg's migrations create"),
    ]
    for edit in edits {
      let h = try clinic()
      #expect(h.run("check").status == 0)
      do {
        let db = try Connection(path: h.database)
        try db.execute(script: edit.sql)
        if edit.names.hasPrefix("table patient") {
          let sql = try db.scalar(String.self, "SELECT sql FROM sqlite_master WHERE name = 'patient'") ?? ""
          #expect(!sql.contains("BETWEEN 1900 AND 2100"), "the edit removed the CHECK")
        }
      }
      let check = h.run("check")
      #expect(check.status == 65, "\(edit.sql): \(check.output) \(check.error)")
      #expect(check.errorLines.count == 1)
      #expect(check.error.contains(edit.names), "\(check.error)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(h.run("check", "--format", "json").output.utf8)) as? [String: Any])
      #expect(json["healthy"] as? Bool == false)
      #expect((json["problems"] as? [String])?.contains { $0.contains(edit.names) } == true)
    }
  }

  // MARK: - 7. no future --as-of on a command that writes

  @Test("every command that writes refuses an --as-of after today (exit 65) and changes nothing; reports may look ahead")
  func futureAsOf() throws {
    let h = try clinic()
    try Data("code,start_date\nP9,2025-01-01\n".utf8).write(to: URL(fileURLWithPath: h.path("patients.csv")))
    try Data("source,arm\nx,y\n".utf8).write(to: URL(fileURLWithPath: h.path("references.csv")))
    let before = try h.dump()
    let writes: [[String]] = [
      ["record", "P1", "--onset", "2030-01-01", "--category", "facial-redness"],
      ["patient", "add", "P2", "--start", "2030-01-01"], ["patient", "stop", "P1", "--date", "2030-01-01"],
      ["dose", "add", "P1", "--date", "2030-01-01"], ["visit", "add", "P1", "--date", "2030-01-01"],
      ["case", "update", "1", "--note", "seen again"], ["case", "withdraw", "1", "--reason", "entered twice"],
      ["assess", "1", "--answer", "1=yes"], ["import", "patients", "patients.csv"],
      ["reference", "import", "references.csv"], ["init"], ["demo"], ["restore", "registry.sqlite", "--force"],
    ]
    for words in writes {
      let result = h.run(words + ["--as-of", "2035-01-01"])
      #expect(result.status == 65, "\(words): \(result.error)")
      #expect(result.error.contains("--as-of 2035-01-01 is after today (2025-06-30)"), "\(words): \(result.error)")
      #expect(result.errorLines.count == 1, "\(words)")
    }
    #expect(try h.dump() == before)
    #expect(!FileManager.default.fileExists(atPath: h.path("adreg-demo.sqlite")))
    // The day after the clock's is already the future; today itself is fine.
    #expect(h.run("dose", "add", "P1", "--date", "2025-06-30", "--as-of", "2025-07-01").status == 65)
    #expect(h.run("dose", "add", "P1", "--date", "2025-06-30", "--as-of", "2025-06-30").status == 0)
    for words in [["report", "frequency"], ["patient", "list"], ["assess", "1"], ["case", "show", "1"]] {
      let result = h.run(words + ["--as-of", "2035-01-01"])
      #expect(result.status == 0, "\(words): \(result.error)")
    }
  }

  // MARK: - 10. a visible user

  @Test("a --user without a visible character is refused (exit 65) and nothing is written")
  func blankUser() throws {
    let h = try clinic()
    let before = try h.dump()
    for user in [" ", "   ", "\u{3000}", "\u{200B}", "\u{00A0}\u{2003}"] {
      for words in [["patient", "add", "P3", "--start", "2025-01-01"], ["init"], ["case", "withdraw", "1", "--reason", "x"]] {
        let result = h.run(words + ["--user", user])
        #expect(result.status == 65, "\(words) as \(user.unicodeScalars.map(\.value)): \(result.error)")
        #expect(result.error.contains("no visible character"), "\(result.error)")
      }
    }
    h.environment["ADREG_USER"] = " "
    #expect(h.run("dose", "add", "P1", "--date", "2025-03-01").status == 65)
    #expect(try h.dump() == before)
    #expect(h.run("patient", "add", "P3", "--start", "2025-01-01", "--user", " Ana ").status == 0)
  }

  // MARK: - 11, 12. the registry and inputs must be files

  @Test("--db naming a FIFO, a device, a folder or nothing is refused at once (exit 65), never waited on", .timeLimit(.minutes(1)))
  func registryNotAFile() throws {
    let h = try Harness()
    let fifo = h.path("pipe")
    #expect(mkfifo(fifo, 0o600) == 0)
    try FileManager.default.createDirectory(atPath: h.path("folder"), withIntermediateDirectories: false)
    let cases: [(db: String, says: String)] = [
      (fifo, "is a named pipe (FIFO)"), ("/dev/null", "is a device"), (h.path("folder"), "is a folder"),
      ("", "--db is empty"),
    ]
    for (db, says) in cases {
      for words in [["init"], ["patient", "list"], ["check"], ["patient", "add", "P1", "--start", "2025-01-01"]] {
        let result = h.run(words + ["--db", db])
        #expect(result.status == 65, "\(words) --db '\(db)': \(result.error)")
        #expect(result.error.contains(says), "\(words) --db '\(db)': \(result.error)")
        #expect(!result.error.contains("SQLite error"), "\(result.error)")
      }
    }
    h.environment["ADREG_DB"] = ""
    #expect(h.run("patient", "list").error.contains("$ADREG_DB is empty"))
    #expect(FileCheckKind.of(fifo) == "fifo", "the FIFO is still there, unopened")
  }

  @Test("reference import and restore of a FIFO, a device or a folder exit 66 with a clear message", .timeLimit(.minutes(1)))
  func inputNotAFile() throws {
    let h = try clinic()
    let fifo = h.path("pipe.csv")
    #expect(mkfifo(fifo, 0o600) == 0)
    try FileManager.default.createDirectory(atPath: h.path("folder"), withIntermediateDirectories: false)
    let before = try h.dump()
    for (file, says) in [(fifo, "is a named pipe (FIFO)"), ("/dev/zero", "is a device"), (h.path("folder"), "is a folder")] {
      for words in [["reference", "import", file], ["restore", file, "--force"]] {
        let result = h.run(words)
        #expect(result.status == 66, "\(words): \(result.error)")
        #expect(result.error.contains(says), "\(words): \(result.error)")
      }
    }
    #expect(h.run("reference", "import", "absent.csv").status == 66)
    #expect(try h.dump() == before)
  }

  // MARK: - 13. the birth-year range

  @Test("the birth-year error gives the accepted range, 1900 to this year")
  func birthYearRange() throws {
    let h = try clinic()
    for year in ["nineteen", "99999999999999999999", "1850", "2031"] {
      let result = h.run("patient", "add", "P5", "--start", "2025-01-01", "--birth-year", year)
      #expect(result.status == 65)
      #expect(result.error.contains("from 1900 to 2025"), "\(year): \(result.error)")
      #expect(!result.error.contains("9223372036854775807"), "\(year): \(result.error)")
    }
  }

  // MARK: - 16. init, demo and restore keep what they should

  @Test("init refuses a SQLite database of another program (exit 65) and leaves it byte for byte")
  func initForeignDatabase() throws {
    let h = try Harness()
    do {
      let db = try Connection(path: h.database, mode: .create)
      try db.execute(script: "PRAGMA journal_mode = DELETE; CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')")
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: h.database))
    let result = h.run("init")
    #expect(result.status == 65, "\(result.error)")
    #expect(result.error.contains("another program"), "\(result.error)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: h.database)) == before)
    #expect(!FileManager.default.fileExists(atPath: h.database + "-wal"))
    // An empty file is still made a registry.
    try Data().write(to: URL(fileURLWithPath: h.path("empty.sqlite")))
    #expect(h.run("init", "--db", h.path("empty.sqlite")).status == 0)
  }

  @Test("demo refuses to replace a demo registry changed after the demo built it, and says how to keep or remove it")
  func demoKeepsChanges() throws {
    let h = try Harness()
    #expect(h.run("demo").status == 0)
    let demo = h.path("adreg-demo.sqlite")
    #expect(h.run("backup", h.path("demo-copy.sqlite"), "--db", demo).status == 0)
    #expect(h.run("demo").status == 0, "a backup is no change: the demo may still be rebuilt")
    #expect(h.run("patient", "add", "MINE-1", "--start", "2025-01-01", "--db", demo).status == 0)
    let result = h.run("demo")
    #expect(result.status == 1)
    #expect(result.error.contains("changes made after the demo built it"), "\(result.error)")
    #expect(result.error.contains("patient.add by nurse.ana"), "\(result.error)")
    #expect(result.error.contains("mv adreg-demo.sqlite") && result.error.contains("rm adreg-demo.sqlite"))
    let list = h.run("patient", "list", "--db", demo, "--format", "csv")
    #expect(list.output.contains("MINE-1"))
  }

  @Test("restore: backup, change, restore gives the backup's data with a restore entry; data is kept without --force")
  func restoreRoundTrip() throws {
    let h = try clinic()
    let backup = h.path("backup.sqlite")
    #expect(h.run("backup", backup).status == 0)
    let saved = try contents(backup)
    for words in [
      ["patient", "add", "P2", "--start", "2025-03-01"], ["record", "P2", "--onset", "2025-04-01", "--category", "psoriasiform"],
      ["case", "withdraw", "1", "--reason", "entered for the wrong patient"],
    ] {
      #expect(h.run(words).status == 0)
    }
    let changed = try h.dump()
    let refused = h.run("restore", "backup.sqlite")
    #expect(refused.status == 65)
    #expect(refused.error.contains("holds data") && refused.error.contains("--force"), "\(refused.error)")
    #expect(try h.dump() == changed)

    let restored = h.run("restore", "backup.sqlite", "--force")
    #expect(restored.status == 0, "\(restored.error)")
    let now = try contents(h.database)
    #expect(now.tables == saved.tables)
    #expect(Array(now.audit.dropLast()) == saved.audit)
    let entry = try #require(now.audit.last)
    #expect(entry.contains("registry.restore") && entry.contains("backup: \(backup)"), "\(entry)")
    #expect(entry.contains("patient: 2 → 1") && entry.contains("case_report: 2 → 1"), "\(entry)")
    #expect(h.run("check").status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: backup)).count > 0)

    // A registry that only init wrote holds no data: restore needs no --force.
    let fresh = h.path("fresh.sqlite")
    #expect(h.run("init", "--db", fresh).status == 0)
    #expect(h.run("restore", "backup.sqlite", "--db", fresh).status == 0)
    #expect(try contents(fresh).tables == saved.tables)
    #expect(h.run("restore", "registry.sqlite", "--force").status == 65, "the registry is not its own backup")
  }

  @Test("restore over a registry with a leftover -wal gives exactly the backup's contents")
  func restoreOverLeftoverWAL() throws {
    let h = try clinic()
    let backup = h.path("backup.sqlite")
    #expect(h.run("backup", backup).status == 0)
    let saved = try contents(backup)
    // A crashed registry: rows written after the backup live only in its -wal file.
    let live = h.path("live.sqlite")
    do {
      let holder = try Connection(path: h.database)
      try holder.execute(script: "PRAGMA wal_autocheckpoint = 0")
      #expect(h.run("patient", "add", "WAL-ONLY", "--start", "2025-05-01").status == 0)
      try FileManager.default.copyItem(atPath: h.database, toPath: live)
      try FileManager.default.copyItem(atPath: h.database + "-wal", toPath: live + "-wal")
    }
    #expect(try FileManager.default.attributesOfItem(atPath: live + "-wal")[.size] as? Int ?? 0 > 0)
    // Copying the backup over the file, as without restore, leaves the log to mix in rows never in the backup.
    let naive = h.path("naive.sqlite")
    try FileManager.default.copyItem(atPath: backup, toPath: naive)
    try FileManager.default.copyItem(atPath: live + "-wal", toPath: naive + "-wal")
    #expect((try? contents(naive).tables) != saved.tables)

    let result = h.run("restore", backup, "--db", live, "--force")
    #expect(result.status == 0, "\(result.error)")
    let now = try contents(live)
    #expect(now.tables == saved.tables)
    #expect(!now.tables.contains("WAL-ONLY"))
    #expect(Array(now.audit.dropLast()) == saved.audit)
    #expect(h.run("check", "--db", live).status == 0)
  }

  @Test("restore refuses a corrupt, foreign, damaged or newer backup (exit 65) and changes nothing")
  func restoreRefusesBadBackups() throws {
    let h = try clinic()
    let good = h.path("good.sqlite")
    #expect(h.run("backup", good).status == 0)
    var bad: [(name: String, says: String)] = []

    var bytes = try Data(contentsOf: URL(fileURLWithPath: good))
    for i in stride(from: 4096, to: min(bytes.count, 4096 * 6), by: 1) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
    try bytes.write(to: URL(fileURLWithPath: h.path("corrupt.sqlite")))
    bad.append(("corrupt.sqlite", "the backup \(h.path("corrupt.sqlite"))"))

    try Data(String(repeating: "patient notes\n", count: 400).utf8).write(to: URL(fileURLWithPath: h.path("text.sqlite")))
    bad.append(("text.sqlite", "cannot be restored"))

    do {
      let db = try Connection(path: h.path("foreign.sqlite"), mode: .create)
      try db.execute(script: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x')")
    }
    bad.append(("foreign.sqlite", "not an adreg registry"))

    for (name, sql, says) in [
      ("untriggered.sqlite", "DROP TRIGGER audit_entry_no_delete", "trigger audit_entry_no_delete is missing"),
      ("newer.sqlite", "INSERT INTO schema_migration VALUES ('v999_future', '2030-01-01T00:00:00Z')", "newer adreg"),
    ] {
      try FileManager.default.copyItem(atPath: good, toPath: h.path(name))
      let db = try Connection(path: h.path(name))
      try db.execute(script: sql)
      bad.append((name, says))
    }

    #expect(h.run("patient", "add", "P2", "--start", "2025-03-01").status == 0)
    let before = try h.dump()
    for (name, says) in bad {
      let result = h.run("restore", name, "--force")
      #expect(result.status == 65, "\(name): \(result.error)")
      #expect(result.error.contains(says), "\(name): \(result.error)")
      #expect(result.errorLines.count == 1)
      #expect(try h.dump() == before, "\(name)")
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: h.directory.path).filter { $0.contains("adreg-restore") }
    #expect(left.isEmpty, "no staging file is left")
  }
}

/// The kind of file at a path, as `stat` reports it, for checks that nothing replaced it.
enum FileCheckKind {
  static func of(_ path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "none" }
    return info.st_mode & mode_t(S_IFMT) == mode_t(S_IFIFO) ? "fifo" : "other"
  }
}

/// `import` reads its file in ImportCommand.swift, which the safe-writer branch owns; the call that refuses a FIFO
/// there is `let path = try context.inputFile(name)`.
@Suite("import input guards")
struct ImportInputGuardTests {
  @Test(
    "import of a FIFO or a device exits 66 with a clear message, never waited on",
    .timeLimit(.minutes(1)))
  func importNotAFile() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let fifo = h.path("pipe.csv")
    #expect(mkfifo(fifo, 0o600) == 0)
    for (file, says) in [(fifo, "is a named pipe (FIFO)"), ("/dev/zero", "is a device")] {
      let result = h.run("import", "patients", file)
      #expect(result.status == 66, "\(file): \(result.error)")
      #expect(result.error.contains(says), "\(file): \(result.error)")
    }
  }
}
