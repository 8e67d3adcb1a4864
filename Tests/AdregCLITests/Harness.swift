import AdregCLI
import AdregDatabase
import AdregTestSupport
import Foundation
import Testing

/// Runs adreg in-process in a fresh temporary directory, capturing what it prints.
final class Harness {
  let folder: TemporaryDirectory
  var directory: URL { folder.url }
  var asOf = "2025-06-30"
  /// The clock's time: "today" for a command that writes is its date, and `--as-of` may not be later.
  var now = Date(timeIntervalSince1970: 1_751_284_800)  // 2025-06-30T12:00:00Z
  var user = "nurse.ana"
  var environment: [String: String] = [:]
  var interactive = false
  var input: [String] = []

  init() throws {
    folder = try TemporaryDirectory(prefix: "adreg-cli")
  }

  var database: String { path("registry.sqlite") }

  func path(_ name: String) -> String { folder.path(name) }

  struct Result {
    var status: Int32
    var output: String
    var error: String
    /// Lines of standard error that start with "Error:".
    var errorLines: [String] { error.split(separator: "\n").map(String.init).filter { $0.hasPrefix("Error:") } }
    /// Standard output with each line break and the indentation after it read as one space, for finding a
    /// sentence that a table folded to fit 100 columns.
    var flowing: String { output.replacingOccurrences(of: #"\n[ ]*"#, with: " ", options: .regularExpression) }
  }

  /// Runs one command with the harness's registry, user and as-of date unless the words give their own.
  @discardableResult
  func run(_ words: [String], global: Bool = true) -> Result {
    var output = ""
    var error = ""
    var pending = input
    var env = environment
    env["ADREG_DB"] = env["ADREG_DB"] ?? database
    env["ADREG_USER"] = env["ADREG_USER"] ?? user
    let now = self.now
    let io = CLIIO(
      environment: env, currentDirectory: directory.path, isInteractive: interactive,
      now: { now },
      output: { output += $0 }, error: { error += $0 },
      input: { pending.isEmpty ? nil : pending.removeFirst() })
    var arguments = words
    if global && !words.contains("--as-of") { arguments += ["--as-of", asOf] }
    let status = CLI.run(arguments, io: io)
    return Result(status: status, output: output, error: error)
  }

  func run(_ line: String...) -> Result { run(line) }

  /// The project's Fixtures folder: the sample patients.csv, cases.csv and the other exchange files.
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// Initialises the registry with the fixture patients and cases; returns the cases' uuids in export order.
  func fixtureRegistry() -> [String] {
    #expect(run("init").status == 0)
    for kind in ["patients", "cases"] {
      #expect(run("import", kind, Self.fixtures.appendingPathComponent("\(kind).csv").path).status == 0)
    }
    return run("export", "cases", "--identified").output.components(separatedBy: "\r\n").dropFirst()
      .filter { !$0.isEmpty }.map { String($0.prefix(36)) }
  }

  /// Every row of every table and the schema, for "nothing changed" checks.
  func dump() throws -> String {
    guard FileManager.default.fileExists(atPath: database) else { return "(no file)" }
    let db = try Connection(path: database, mode: .readOnly)
    var text = ""
    let tables = try db.rows("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    for table in tables {
      let name = try table.decode(String.self, column: "name")
      text += try table.decode(String.self, column: "sql") + "\n"
      for row in try db.rows("SELECT * FROM \"\(name)\"") { text += "\(row.values)\n" }
    }
    return text
  }

  /// Parses JSON output.
  func json(_ result: Result) throws -> Any {
    guard result.status == 0 else {
      throw NSError(domain: "adreg", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: "exit \(result.status): \(result.error)"])
    }
    return try JSONSerialization.jsonObject(with: Data(result.output.utf8), options: [.fragmentsAllowed])
  }
}
