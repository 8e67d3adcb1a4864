import Testing
@testable import AdregFormats

@Suite("CSV writer")
struct CSVWriterTests {
  @Test(
    "escape quotes exactly the fields with a comma, quote, CR or LF",
    arguments: [
      ("plain", "plain"),
      ("", ""),
      (" leading and trailing ", " leading and trailing "),
      ("tab\tinside", "tab\tinside"),
      ("a,b", "\"a,b\""),
      ("say \"hi\"", "\"say \"\"hi\"\"\""),
      ("\"", "\"\"\"\""),
      ("cr\rx", "\"cr\rx\""),
      ("lf\nx", "\"lf\nx\""),
      ("'; DROP TABLE x; --", "'; DROP TABLE x; --"),
      ("😀, é", "\"😀, é\""),
    ]
  )
  func escape(field: String, expected: String) {
    #expect(CSVFormat.escape(field) == expected)
  }

  @Test("records end in CRLF and nil fields are empty")
  func records() throws {
    var writer = CSVWriter(sink: StringSink())
    try writer.write(["id", "note"])
    try writer.write(["1", nil])
    try writer.write([nil, "a,b"])
    #expect(writer.sink.text == "id,note\r\n1,\r\n,\"a,b\"\r\n")
  }

  @Test("a record of one empty field is written as \"\" so it is not read back as an empty line")
  func singleEmptyField() throws {
    var writer = CSVWriter(sink: StringSink())
    try writer.write([""])
    try writer.write([nil] as [String?])
    try writer.write(["x"])
    #expect(writer.sink.text == "\"\"\r\n\"\"\r\nx\r\n")
    #expect(try readAll(writer.sink.text).map(\.fields) == [[""], [""], ["x"]])
  }

  /// Found by Fuzz/FuzzCSVReader: unquoted, a first field starting with U+FEFF was read back as a byte-order mark
  /// and lost its first character.
  @Test("a field that starts with U+FEFF is quoted, so it keeps that character when it opens the file")
  func leadingByteOrderMark() throws {
    var writer = CSVWriter(sink: StringSink())
    try writer.write(["\u{FEFF}id", "name"])
    try writer.write(["1", "\u{FEFF}x"])
    #expect(writer.sink.text == "\"\u{FEFF}id\",name\r\n1,\"\u{FEFF}x\"\r\n")
    let fields = try readAll(writer.sink.text).map(\.fields)
    #expect(fields.map { $0.map { Array($0.unicodeScalars) } } == [["\u{FEFF}id", "name"], ["1", "\u{FEFF}x"]].map {
      $0.map { Array($0.unicodeScalars) }
    })
  }

  @Test("nasty fields read back exactly, with nil read back as empty")
  func roundTrip() throws {
    var writer = CSVWriter(sink: ByteSink())
    try writer.write(nastyFields)
    for field in nastyFields {
      try writer.write([field, nil, field])
    }
    let records = try readAll(bytes: writer.sink.bytes)
    #expect(records.first?.fields == nastyFields)
    #expect(records.dropFirst().map(\.fields) == nastyFields.map { [$0, "", $0] })
    #expect(records.count == nastyFields.count + 1)
  }

  @Test("string and byte sinks receive the same text")
  func sinksAgree() throws {
    var strings = CSVWriter(sink: StringSink())
    var bytes = CSVWriter(sink: ByteSink())
    try strings.write(nastyFields)
    try bytes.write(nastyFields)
    #expect(Array(strings.sink.text.utf8) == bytes.sink.bytes)
  }

  @Test("JSON Lines writer emits one compact value per line")
  func jsonLines() throws {
    var writer = JSONLinesWriter(sink: StringSink())
    try writer.write(["a": 1, "b": "x\ny"])
    try writer.write([1, nil])
    #expect(writer.sink.text == "{\"a\":1,\"b\":\"x\\ny\"}\n[1,null]\n")
  }
}
