import Testing
@testable import AdregFormats

@Suite("CSV reader: quoted fields")
struct CSVReaderQuotingTests {
  @Test("a comma inside quotes belongs to the field")
  func embeddedComma() throws {
    let records = try readAll("a,\"b,c\",d\n")
    #expect(records.map(\.fields) == [["a", "b,c", "d"]])
  }

  @Test("doubled quotes inside a quoted field become one quote")
  func doubledQuotes() throws {
    let records = try readAll("\"say \"\"hi\"\"\",x\n\"\"\"\"\n\"\"\"\"\"\"\n")
    #expect(records.map(\.fields) == [["say \"hi\"", "x"], ["\""], ["\"\""]])
  }

  @Test("an empty quoted field is an empty string")
  func emptyQuoted() throws {
    let records = try readAll("\"\",x,\"\"\n")
    #expect(records.map(\.fields) == [["", "x", ""]])
  }

  @Test("newlines inside quotes are kept byte for byte")
  func embeddedNewlines() throws {
    let records = try readAll("\"a\r\nb\",\"c\nd\",\"e\rf\"\r\nnext\n")
    #expect(records.map(\.fields) == [["a\r\nb", "c\nd", "e\rf"], ["next"]])
  }

  @Test("line numbers keep counting inside multi-line quoted fields")
  func lineNumbersAfterMultilineField() throws {
    let text = "h1,h2\r\n\"one\r\ntwo\r\nthree\",x\r\nafter,y\r\n\"\n\",z\nlast,w"
    let records = try readAll(text)
    #expect(records.map(\.line) == [1, 2, 5, 6, 8])
    #expect(records[1].fields == ["one\r\ntwo\r\nthree", "x"])
    #expect(records[3].fields == ["\n", "z"])
  }

  @Test("an empty last field is kept, after quoted and unquoted fields alike")
  func trailingEmptyField() throws {
    let records = try readAll("a,b,\n\"q\",\n,\n,")
    #expect(records.map(\.fields) == [["a", "b", ""], ["q", ""], ["", ""], ["", ""]])
  }

  @Test("spaces around fields are data, not padding")
  func spacesKept() throws {
    let records = try readAll(" a , b ,\" c \"\n")
    #expect(records.map(\.fields) == [[" a ", " b ", " c "]])
  }

  @Test("non-ASCII text and emoji come through unchanged, quoted or not")
  func unicode() throws {
    let records = try readAll("😀,é,日本語,\"👩🏽‍⚕️, nurse\"\n")
    #expect(records.map(\.fields) == [["😀", "é", "日本語", "👩🏽‍⚕️, nurse"]])
  }

  @Test("a field may end with a quoted field at the end of input")
  func quotedAtEnd() throws {
    let records = try readAll("a,\"b\"")
    #expect(records.map(\.fields) == [["a", "b"]])
  }
}
