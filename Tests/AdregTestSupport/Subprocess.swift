import Foundation

/// Runs another program for a test: a built binary, a shell script, or an independent tool used as an oracle.
public enum Subprocess {
  /// What a finished program printed and how it ended.
  public struct Output: Sendable {
    public var status: Int32
    public var output: String
    public var error: String
    /// Standard output as bytes, for output that is not text.
    public var data: Data

    public init(status: Int32, data: Data, error: String) {
      self.status = status
      self.data = data
      self.output = String(decoding: data, as: UTF8.self)
      self.error = error
    }
  }

  /// Runs `program` with `arguments` and no standard input; the test's own environment and directory unless
  /// given. Both pipes are read while the program runs, so neither can fill and block it.
  public static func run(
    _ program: String, _ arguments: [String], environment: [String: String]? = nil, in directory: String? = nil
  ) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Output(status: process.terminationStatus, data: outData, error: String(decoding: errData, as: UTF8.self))
  }

  /// The first executable called `name` on `PATH`, or nil when the tool is not installed.
  public static func tool(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}

/// python3 as an independent oracle: its csv, json and xml modules read what adreg writes.
public enum Python {
  /// The interpreter, or nil when python3 is not installed (suites that need it are then skipped).
  public static let path: String? = Subprocess.tool("python3")

  /// True when python3 runs and has the modules the suites use.
  public static let isAvailable: Bool = (try? run("import csv, json"))?.status == 0

  /// Runs `python3 -c script arguments...`.
  public static func run(_ script: String, arguments: [String] = []) throws -> Subprocess.Output {
    guard let path else { throw SubprocessError.missingTool("python3") }
    return try Subprocess.run(path, ["-c", script] + arguments)
  }
}

/// Why a test could not run another program.
public enum SubprocessError: Error, CustomStringConvertible {
  case missingTool(String)

  public var description: String {
    switch self {
    case .missingTool(let name): return "\(name) is not installed"
    }
  }
}
