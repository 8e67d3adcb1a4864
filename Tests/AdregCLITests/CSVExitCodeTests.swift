import Foundation
import Testing

/// Issue 12, item 15: one CSV problem, one exit code, whichever command reads the file.
@Suite("CSV problems exit alike from every command that reads a file")
struct CSVExitCodeTests {
  /// The commands that read a CSV file, each with the file's path put in.
  static let readers: [@Sendable (String) -> [String]] = [
    { ["reference", "import", $0] }, { ["import", "cases", $0] }, { ["import", "patients", $0] },
  ]

  func results(_ h: Harness, _ path: String) -> [Harness.Result] {
    Self.readers.map { h.run($0(path)) }
  }

  @Test(
    "each kind of bad file gives the same exit code from reference import and import",
    arguments: [
      ("UTF-16", 65), ("a folder", 66), ("missing", 66), ("unterminated quote", 65), ("binary", 65),
    ])
  func sameExitCode(kind: String, expected: Int32) throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let path = h.path("input.csv")
    switch kind {
    case "UTF-16":
      var bytes: [UInt8] = [0xFF, 0xFE]
      for unit in "code,start_date\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    case "a folder":
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    case "missing":
      break
    case "unterminated quote":
      try "\"code,start_date\nP1,2024-01-01\n".write(toFile: path, atomically: true, encoding: .utf8)
    default:
      try Data("code\u{0},start_date\nP1,2024-01-01\n".utf8).write(to: URL(fileURLWithPath: path))
    }
    for (words, result) in zip(Self.readers.map { $0(path) }, results(h, path)) {
      #expect(result.status == expected, "\(words): \(result.error)")
      #expect(result.errorLines.count == 1, "\(words): \(result.error)")
    }
  }

  @Test("text that is not CSV is reported as FILE:LINE: problem by reference import too")
  func lineOfProblem() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let path = h.path("input.csv")
    try "code,\"start_date\"x\nP1,2024-01-01\n".write(toFile: path, atomically: true, encoding: .utf8)
    for result in results(h, path) {
      #expect(result.status == 65)
      #expect(result.errorLines == ["Error: \(path):1: text after closing quote; a quoted field must end at a comma or line end; the file is not valid CSV there, so nothing was imported"])
    }
  }
}
