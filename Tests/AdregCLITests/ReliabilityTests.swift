import AdregDatabase
import Foundation
import Testing

@Suite("Reliability: busy registries, files, backups, upgrades, privacy")
struct ReliabilityTests {
  func clinic() throws -> Harness {
    let h = try Harness()
    for step in [
      ["init"], ["patient", "add", "P-7781", "--start", "2025-01-01"],
      ["record", "P-7781", "--onset", "2025-02-01", "--category", "other", "--note", "private words about the rash"],
    ] { #expect(h.run(step).status == 0, "\(step)") }
    return h
  }

  @Test("a writer held up past the timeout exits 75 with a plain message, and nothing is written")
  func busy() throws {
    let h = try clinic()
    h.environment["ADREG_BUSY_TIMEOUT"] = "150"
    let other = try Connection(path: h.database)
    try other.execute(script: "BEGIN IMMEDIATE")
    let result = h.run("record", "P-7781", "--onset", "2025-02-02", "--category", "injection-site")
    try other.execute(script: "ROLLBACK")
    #expect(result.status == 75)
    #expect(result.error.hasPrefix("Error: the registry is busy"))
    #expect(result.error.contains("try again"))
    #expect(!result.error.contains("SQLite"), "no raw SQLite message")
    h.environment["ADREG_BUSY_TIMEOUT"] = nil
    let list = try #require(try h.json(h.run("case", "list", "--format", "json")) as? [[String: Any]])
    #expect(list.count == 1)
  }

  @Test("readers are not held up by a writer")
  func readersDuringWrite() throws {
    let h = try clinic()
    let other = try Connection(path: h.database)
    try other.execute(script: "BEGIN IMMEDIATE")
    defer { try? other.execute(script: "ROLLBACK") }
    #expect(h.run("case", "list").status == 0)
    #expect(h.run("report", "frequency").status == 0)
  }

  @Test("a registry written by a newer adreg is refused, byte for byte untouched")
  func newerRegistry() throws {
    let h = try clinic()
    let db = try Connection(path: h.database)
    try db.execute("INSERT INTO schema_migration (name, applied_at) VALUES ('v999_future', '2030-01-01T00:00:00Z')")
    try db.execute(script: "PRAGMA wal_checkpoint(TRUNCATE)")
    let before = try Data(contentsOf: URL(fileURLWithPath: h.database))
    for words in [["patient", "list"], ["init"], ["record", "P-7781", "--onset", "2025-02-02", "--category", "injection-site"]] {
      let result = h.run(words)
      #expect(result.status == 1, "\(words)")
      #expect(result.error.contains("newer"), "\(words): \(result.error)")
    }
    let check = h.run("check")
    #expect(check.status == 1)
    #expect(check.error.contains("newer adreg"))
    try db.execute(script: "PRAGMA wal_checkpoint(TRUNCATE)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: h.database)) == before)
  }

  @Test("a missing folder or file gives a clear error and creates nothing")
  func missingPaths() throws {
    let h = try Harness()
    let path = h.path("nowhere/registry.sqlite")
    let result = h.run("patient", "list", "--db", path)
    #expect(result.status == 66)
    #expect(result.error.contains("no registry at"))
    #expect(!FileManager.default.fileExists(atPath: h.path("nowhere")))
    let importMissing = h.run("reference", "import", "absent.csv")
    #expect(importMissing.status == 66)
  }

  @Test("a read-only registry file is refused for writing with a clear error", .enabled(if: getuid() != 0, "root ignores file permissions"))
  func readOnly() throws {
    let h = try clinic()
    try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: h.database)
    let result = h.run("record", "P-7781", "--onset", "2025-02-02", "--category", "injection-site")
    #expect(result.status == 1)
    #expect(result.error.contains("read-only") || result.error.contains("cannot be opened"))
  }

  @Test("backup while another process keeps recording: the copy passes check and reports its counts")
  func backupUnderLoad() throws {
    let h = try clinic()
    let writer = Process()
    writer.executableURL = URL(fileURLWithPath: "/bin/bash")
    let binary = try #require(BuiltBinary.path)
    writer.arguments = ["-c", "for i in $(seq 60); do '\(binary)' record P-7781 --onset 2025-02-03 --category injection-site --as-of 2025-06-30 >/dev/null || exit 1; done"]
    writer.environment = ["ADREG_DB": h.database, "ADREG_USER": "clerk"]
    try writer.run()
    Thread.sleep(forTimeInterval: 0.3)
    let backup = h.run("backup", h.path("copy.sqlite"))
    writer.waitUntilExit()
    #expect(backup.status == 0, "\(backup.error)")
    #expect(writer.terminationStatus == 0)
    let mode = try FileManager.default.attributesOfItem(atPath: h.path("copy.sqlite"))[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let check = h.run("check", "--db", h.path("copy.sqlite"), "--format", "json")
    #expect(check.status == 0, "\(check.error)")
    let json = try #require(try h.json(check) as? [String: Any])
    let counts = try #require(json["counts"] as? [String: Int])
    let copied = try #require(counts["case_report"])
    #expect(copied >= 1 && copied <= 61)
    #expect(counts["patient"] == 1)
    // Every copied case has its audit entry: the copy is one consistent moment.
    let copy = try Connection(path: h.path("copy.sqlite"), mode: .readOnly)
    #expect(try copy.scalar(Int.self, "SELECT count(*) FROM audit_entry WHERE action = 'case.record'") == copied)
    #expect(h.run("backup", h.path("copy.sqlite")).status == 65, "an existing file is never overwritten")
  }

  @Test("errors about a case never show the patient code or free text the user did not type")
  func privacy() throws {
    let h = try clinic()
    let attempts: [[String]] = [
      ["case", "update", "1", "--outcome", "resolved"],
      ["case", "update", "1", "--outcome-date", "2025-03-01"],
      ["case", "update", "1", "--action", "stoped"],
      ["case", "withdraw", "1", "--reason", ""],
      ["assess", "1", "--answer", "3=perhaps"],
      ["case", "update", "1", "--outcome", "resolved", "--outcome-date", "2024-01-01"],
    ]
    for words in attempts {
      let result = h.run(words)
      #expect(result.status == 65, "\(words)")
      #expect(!result.error.contains("P-7781"), "\(words): \(result.error)")
      #expect(!result.error.contains("private words"), "\(words): \(result.error)")
    }
  }
}
