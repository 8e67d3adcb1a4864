import Testing
@testable import AdregFormats

struct MalformedCSV: Sendable, CustomTestStringConvertible {
  var name: String
  var bytes: [UInt8]
  var line: Int
  var message: String

  init(_ name: String, _ text: String, line: Int, _ message: String) {
    self.init(name, bytes: Array(text.utf8), line: line, message)
  }

  init(_ name: String, bytes: [UInt8], line: Int, _ message: String) {
    self.name = name
    self.bytes = bytes
    self.line = line
    self.message = message
  }

  var testDescription: String { name }
}

@Suite("CSV reader: malformed input")
struct CSVReaderErrorTests {
  static let cases: [MalformedCSV] = [
    MalformedCSV("unterminated quote, reported where the field starts", "a,b\nc,\"open\nmore\nmore", line: 2, "unterminated quoted field"),
    MalformedCSV("unterminated quote that is only a quote", "a\n\"", line: 2, "unterminated quoted field"),
    MalformedCSV("quote inside an unquoted field", "a\nb\"c,d\n", line: 2, "quote inside unquoted field"),
    MalformedCSV("text after a closing quote", "x\n\"a\"b,c\n", line: 2, "text after closing quote"),
    MalformedCSV("text after a multi-line quoted field", "\"x\ny\"z\n", line: 2, "text after closing quote"),
    MalformedCSV("space after a closing quote", "\"a\" ,b\n", line: 1, "text after closing quote"),
    MalformedCSV("lone carriage return in an unquoted field", "ok\na\rb,c\n", line: 2, "control character"),
    MalformedCSV("lone carriage return after a closing quote", "\"a\"\rb\n", line: 1, "control character"),
    MalformedCSV("NUL in an unquoted field", "a,b\nc\0,d\n", line: 2, "file is binary, not CSV"),
    MalformedCSV("NUL inside quotes", "\"a\n\0\"\n", line: 2, "file is binary, not CSV"),
    MalformedCSV("NUL after a closing quote", "\"a\"\0\n", line: 1, "file is binary, not CSV"),
    MalformedCSV("invalid UTF-8 byte", bytes: Array("a\nb,".utf8) + [0xFF] + Array("\n".utf8), line: 2, "not valid UTF-8 text"),
    MalformedCSV("invalid UTF-8 on a later line of a quoted field", bytes: Array("\"a\nb\nc".utf8) + [0xC3, 0x28] + Array("\"\n".utf8), line: 3, "not valid UTF-8 text"),
    MalformedCSV("invalid UTF-8 in a field with doubled quotes", bytes: Array("\"\"\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"\n".utf8), line: 1, "not valid UTF-8 text"),
    MalformedCSV("overlong UTF-8 encoding", bytes: [0xC0, 0xAF], line: 1, "not valid UTF-8 text"),
    MalformedCSV("truncated UTF-8 at end of input", bytes: Array("ok\n".utf8) + [0xE2, 0x82], line: 2, "not valid UTF-8 text"),
    MalformedCSV("Latin-1 text", bytes: Array("name\nJos".utf8) + [0xE9], line: 2, "not valid UTF-8 text"),
    MalformedCSV("UTF-16 little-endian with byte-order mark", bytes: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00], line: 1, "UTF-16"),
  ]

  @Test("malformed input is an error naming its line", arguments: cases)
  func malformed(input: MalformedCSV) throws {
    let error = try #require(parseError(bytes: input.bytes))
    #expect(error.line == input.line)
    #expect(error.message.contains(input.message), "got \(error)")
  }

  @Test("errors are the same when every chunk is a single byte", arguments: cases)
  func malformedInTinyChunks(input: MalformedCSV) throws {
    let whole = try #require(parseError(bytes: input.bytes))
    #expect(parseError(bytes: input.bytes, chunkSize: 1) == whole)
  }

  @Test("records before the error are delivered, then the error repeats")
  func errorIsSticky() throws {
    let reader = CSVReader(bytes: Array("good,1\nbad\"x\nnever,2\n".utf8))
    #expect(try reader.next()?.fields == ["good", "1"])
    #expect(throws: CSVError(line: 2, message: "quote inside unquoted field; quote the whole field and double the quotes in it")) {
      try reader.next()
    }
    #expect(throws: CSVError.self) { try reader.next() }
  }

  @Test("the description reads like a compiler diagnostic")
  func description() {
    #expect(CSVError(line: 12, message: "unterminated quoted field").description == "line 12: unterminated quoted field")
  }
}
