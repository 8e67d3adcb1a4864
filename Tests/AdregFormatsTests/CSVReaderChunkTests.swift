@testable import AdregFormats
import AdregTestSupport
import Testing

@Suite("CSV reader: chunk boundaries and long fields")
struct CSVReaderChunkTests {
  /// Every construct whose parsing looks ahead one byte: CRLF, doubled and closing quotes,
  /// multi-byte UTF-8, a byte-order mark, empty lines, and a last line without newline.
  static let tricky: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(
    "id,\"note\",x\r\n\r\n1,\"a \"\"quoted\"\" word\",😀\r\n\n2,\"multi\r\nline, with comma\",\"\"\r\n3,é,\"\"\"\"\n4,,\r\n\"5\",\"end\"".utf8
  )

  @Test("every chunk size gives the same records as reading at once", arguments: 1...24)
  func chunkSizes(chunkSize: Int) throws {
    let expected = try readAll(bytes: Self.tricky)
    #expect(expected.count == 6)
    #expect(try readAll(bytes: Self.tricky, chunkSize: chunkSize) == expected)
  }

  @Test("the tricky sample parses to the intended fields and lines")
  func trickyContent() throws {
    let records = try readAll(bytes: Self.tricky)
    #expect(records.map(\.fields) == [
      ["id", "note", "x"],
      ["1", "a \"quoted\" word", "😀"],
      ["2", "multi\r\nline, with comma", ""],
      ["3", "é", "\""],
      ["4", "", ""],
      ["5", "end"],
    ])
    #expect(records.map(\.line) == [1, 3, 5, 7, 8, 9])
  }

  @Test("a quoted CRLF straddling the 1 MiB read boundary of a real file")
  func straddlesDefaultChunk() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("big.csv")
    let chunk = 1 << 20
    // Pad with plain records so the quoted field's CRLF and doubled quote sit on the boundary.
    var bytes: [UInt8] = []
    var padding = 0
    let paddingRecord = Array("padding,0123456789abcdef\r\n".utf8)
    while bytes.count + paddingRecord.count < chunk - 8 {
      bytes += paddingRecord
      padding += 1
    }
    let head = Array("x,\"ab".utf8)
    bytes += Array(repeating: UInt8(ascii: "z"), count: chunk - 3 - bytes.count - head.count)
    bytes += Array("\r\n".utf8)
    bytes += head
    #expect(bytes.count == chunk - 1)
    bytes += Array("\r\ncd\"\"e\"\r\nlast,1\r\n".utf8)
    let sink = try FileSink(path: path)
    try bytes.withUnsafeBufferPointer { try sink.write($0) }
    try sink.close()

    let records = try drain(CSVReader(path: path))
    #expect(records.count == padding + 3)
    #expect(records[padding + 1].fields == ["x", "ab\r\ncd\"e"])
    #expect(records[padding + 1].line == padding + 2)
    #expect(records[padding + 2].fields == ["last", "1"])
    #expect(records[padding + 2].line == padding + 4)
  }

  @Test("10,000-character fields survive any chunking, from memory and from a file")
  func longFields() throws {
    let ascii = String(repeating: "abcdefghij", count: 1_000)
    let emoji = String(repeating: "😀", count: 10_000)
    let quoted = String(repeating: "a,\"\n", count: 2_500)
    var sink = StringSink()
    var writer = CSVWriter(sink: sink)
    try writer.write([ascii, emoji, quoted])
    try writer.write(["after"])
    sink = writer.sink

    for chunkSize in [7, 4096, 1 << 20] {
      let records = try readAll(sink.text, chunkSize: chunkSize)
      #expect(records.map(\.fields) == [[ascii, emoji, quoted], ["after"]])
      #expect(records.map(\.line) == [1, 2_502])
    }

    let directory = try TemporaryDirectory()
    let path = directory.file("long.csv")
    let file = try FileSink(path: path)
    try file.write(sink.text)
    try file.close()
    let fromFile = try drain(CSVReader(path: path, chunkSize: 1000))
    #expect(fromFile.map(\.fields) == [[ascii, emoji, quoted], ["after"]])
  }

  @Test("a field larger than several chunks grows the buffer instead of failing")
  func fieldLargerThanChunks() throws {
    let huge = String(repeating: "0123456789", count: 300_000)
    let records = try readAll("a,\"\(huge)\"\nb\n", chunkSize: 64 * 1024)
    #expect(records.map(\.fields) == [["a", huge], ["b"]])
  }
}
