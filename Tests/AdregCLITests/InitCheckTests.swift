import Foundation
import Testing

@Suite("init and check")
struct InitCheckTests {
  @Test("init creates a 0600 WAL registry, twice is harmless, and check passes")
  func initTwice() throws {
    let h = try Harness()
    let first = h.run("init")
    #expect(first.status == 0, "\(first.error)")
    #expect(first.output.contains("applied v001_registry"))
    let before = try h.dump()
    let second = h.run("init")
    #expect(second.status == 0)
    #expect(second.output.contains("up to date"))
    #expect(try h.dump() == before, "a second init changes nothing")
    let mode = try FileManager.default.attributesOfItem(atPath: h.database)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let check = h.run("check")
    #expect(check.status == 0, "\(check.error)")
    #expect(check.output.contains("Integrity: ok"))
    #expect(check.output.contains("trial_reference"))
  }

  @Test("the sqlite3 shell sees a sound registry in WAL mode", .enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/sqlite3")))
  func sqliteShell() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [h.database, "PRAGMA integrity_check; PRAGMA journal_mode;"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(output == "ok\nwal\n")
  }

  @Test("check on a file that is not a database fails clearly, without a crash, and leaves it alone")
  func checkNotADatabase() throws {
    let h = try Harness()
    let text = Data(String(repeating: "patient notes, not a registry\n", count: 200).utf8)
    try text.write(to: URL(fileURLWithPath: h.database))
    let result = h.run("check")
    #expect(result.status == 1)
    #expect(result.errorLines.count == 1)
    #expect(result.error.contains("not an adreg registry"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: h.database)) == text)
    let open = h.run("patient", "list")
    #expect(open.status == 1)
    #expect(open.error.contains("not an adreg registry"))
  }

  @Test("commands before init say how to create the registry, and create nothing")
  func beforeInit() throws {
    let h = try Harness()
    let result = h.run("patient", "list")
    #expect(result.status == 66)
    #expect(result.error.contains("run 'adreg init'"))
    #expect(!FileManager.default.fileExists(atPath: h.database))
    let check = h.run("check")
    #expect(check.status == 66)
  }

  @Test("init in a folder that does not exist is refused")
  func missingFolder() throws {
    let h = try Harness()
    let result = h.run("init", "--db", h.path("no/such/dir/r.sqlite"))
    #expect(result.status == 1)
    #expect(result.error.contains("does not exist"))
  }

  @Test("init --site sets the site patient codes are looked up in")
  func defaultSite() throws {
    let h = try Harness()
    let initialized = h.run("init", "--site", "lyon")
    #expect(initialized.status == 0, "\(initialized.error)")
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    let list = h.run("patient", "list", "--format", "csv")
    #expect(list.output.contains("lyon,P1,"))
  }
}
