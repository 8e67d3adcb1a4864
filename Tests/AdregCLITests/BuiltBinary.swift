import AdregTestSupport
import Foundation

/// The `adreg` executable that `swift build` put beside the test bundle.
enum BuiltBinary {
  static var path: String? {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("adreg").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }

  typealias Output = Subprocess.Output

  /// Runs a shell script with `$ADREG` naming the binary.
  static func shell(_ script: String, environment: [String: String] = [:], in directory: String) throws -> Output {
    guard let binary = path else { throw NSError(domain: "adreg tests", code: 1, userInfo: [NSLocalizedDescriptionKey: "adreg binary not built"]) }
    var env = ProcessInfo.processInfo.environment
    env["ADREG"] = binary
    for (key, value) in environment { env[key] = value }
    return try run("/bin/bash", ["-c", script], environment: env, in: directory)
  }

  /// Runs `program` with `arguments` in `directory`, with no standard input; the test's environment unless given.
  static func run(
    _ program: String, _ arguments: [String], environment: [String: String]? = nil, in directory: String
  ) throws -> Output {
    try Subprocess.run(program, arguments, environment: environment, in: directory)
  }
}
