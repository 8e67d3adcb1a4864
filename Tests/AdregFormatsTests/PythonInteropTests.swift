@testable import AdregFormats
import AdregTestSupport
import Foundation
import Testing

/// Python's csv and json modules are independent, widely used implementations; agreeing with them is the best
/// available evidence that other tools will read adreg's exports.
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
    let result = try Python.run(script, arguments: [path])
    #expect(result.status == 0)
    let parsed = try #require(try JSONSerialization.jsonObject(with: result.data) as? [[String]])
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
      let result = try Python.run(script, arguments: [path])
      #expect(result.status == 0)
      #expect(result.output == value.serialized())
    }
  }
}
