import Testing
@testable import AdregFormats

@Suite("CSV reader: lines, endings and byte-order mark")
struct CSVReaderLineTests {
  @Test("CRLF, LF and a mix of both give the same records", arguments: ["\r\n", "\n", "mixed"])
  func lineEndings(ending: String) throws {
    let rows = ["a,b", "c,d", "e,f"]
    let text: String
    if ending == "mixed" {
      text = "a,b\r\nc,d\ne,f\r\n"
    } else {
      text = rows.map { $0 + ending }.joined()
    }
    let records = try readAll(text)
    #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"]])
    #expect(records.map(\.line) == [1, 2, 3])
  }

  @Test("a last line without a newline is a record")
  func finalLineWithoutNewline() throws {
    #expect(try readAll("a,b\nc,d").map(\.fields) == [["a", "b"], ["c", "d"]])
    #expect(try readAll("single").map(\.fields) == [["single"]])
  }

  @Test("empty lines are skipped but still counted")
  func emptyLines() throws {
    let records = try readAll("\na\n\n\nb\r\n\r\nc\n\n")
    #expect(records.map(\.fields) == [["a"], ["b"], ["c"]])
    #expect(records.map(\.line) == [2, 5, 7])
  }

  @Test("a UTF-8 byte-order mark at the start is not part of the first field")
  func byteOrderMark() throws {
    let records = try readAll(bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\n1,x\n".utf8))
    #expect(records.map(\.fields) == [["id", "name"], ["1", "x"]])
    #expect(records.first?.line == 1)
  }

  @Test("a byte-order mark later in the text is ordinary data")
  func byteOrderMarkInside() throws {
    let records = try readAll("a\n\u{FEFF}b\n")
    #expect(records.map(\.fields) == [["a"], ["\u{FEFF}b"]])
  }

  @Test("input with no records yields nil, and keeps yielding nil", arguments: ["", "\n", "\r\n\n\r\n", "\u{FEFF}", "\u{FEFF}\n"])
  func noRecords(text: String) throws {
    let reader = CSVReader(bytes: Array(text.utf8))
    #expect(try reader.next() == nil)
    #expect(try reader.next() == nil)
  }

  @Test("a carriage return as the very last byte ends the record")
  func trailingCarriageReturn() throws {
    #expect(try readAll("a,b\r").map(\.fields) == [["a", "b"]])
    #expect(try readAll("a,\"b\"\r").map(\.fields) == [["a", "b"]])
    #expect(try readAll("a\n\r").map(\.fields) == [["a"]])
  }

  @Test("records may have different field counts; checking widths is the caller's job")
  func ragged() throws {
    #expect(try readAll("a\nb,c,d\n").map(\.fields) == [["a"], ["b", "c", "d"]])
  }
}
