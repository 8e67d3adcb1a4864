import Foundation
import Testing
@testable import AdregFormats

/// Python's csv and json modules are independent, widely used implementations; agreeing with
/// them is the best available evidence that other tools will read adreg's exports.
enum Python {
  static let isAvailable: Bool = (try? run(script: "import csv, json", arguments: []))?.status == 0

  /// Runs `python3 -c script arguments...` and returns its exit status and standard output.
  static func run(script: String, arguments: [String]) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
  }
}

@Suite("Interoperability with Python", .enabled(if: Python.isAvailable, "python3 is not installed"))
struct PythonInteropTests {
  @Test("Python's csv module reads the writer's output field for field")
  func csvReadByPython() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("nasty.csv")
    let rows: [[String?]] = [
      ["id", "text", "missing"],
      nastyFields.map { $0 },
    ] + nastyFields.enumerated().map { ["\($0.offset)", $0.element, nil] } + [[""]]
    var writer = CSVWriter(sink: try FileSink(path: path))
    for row in rows { try writer.write(row) }
    try writer.sink.close()

    let script = "import csv,sys,json; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))"
    let result = try Python.run(script: script, arguments: [path])
    #expect(result.status == 0)
    let parsed = try #require(try JSONSerialization.jsonObject(with: result.output) as? [[String]])
    #expect(parsed == rows.map { $0.map { $0 ?? "" } })
  }

  @Test("Python's json module reads serialized values and writes them back identically")
  func jsonReadByPython() throws {
    let value: JSONValue = [
      "strings": .array(nastyFields.map { .string($0) } + [.string("\u{00}\u{01}\u{1F}\u{7F}\u{08}\u{0C}/")]),
      "ints": [.int(.min), .int(.max), 0, -1],
      "doubles": [0.1, 1e-300, 123456789.125, -0.0, 5.0, 1e16, .double(.leastNonzeroMagnitude), .double(.greatestFiniteMagnitude)],
      "not finite": [.double(.nan), .double(.infinity)],
      "nested": ["z": ["y": [true, false, nil]], "a": .object([]), "b": []],
    ]
    let directory = try TemporaryDirectory()
    for pretty in [false, true] {
      let path = directory.file("value-\(pretty).json")
      let sink = try FileSink(path: path)
      try sink.write(value.serialized(pretty: pretty))
      try sink.close()
      // Python keeps key order and, with these options, escapes and formats numbers as we do.
      let script = "import json,sys; sys.stdout.write(json.dumps(json.loads(open(sys.argv[1], encoding='utf-8').read()), ensure_ascii=False, separators=(',', ':')))"
      let result = try Python.run(script: script, arguments: [path])
      #expect(result.status == 0)
      #expect(String(decoding: result.output, as: UTF8.self) == value.serialized())
    }
  }
}
