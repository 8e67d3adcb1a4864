import AdregFormats
import Testing

@Suite struct JSONParseTests {
  @Test("what serialized() writes parses back to the same value")
  func roundTrip() throws {
    let value: JSONValue = .object([
      ("int", .int(-9_223_372_036_854_775_807)), ("double", .double(0.1)), ("tiny", .double(1e-300)),
      ("text", .string("quote \" backslash \\ line\nbreak tab\t emoji 🙂 control \u{01}")), ("null", .null),
      ("flags", .array([.bool(true), .bool(false)])), ("empty", .object([])), ("list", .array([])),
      ("nested", .array([.array([.int(0), .int(3), .null])])),
    ])
    #expect(try JSONValue(parsing: Array(value.serialized().utf8)) == value)
    #expect(try JSONValue(parsing: Array(value.serialized(pretty: true).utf8)) == value)
  }

  @Test("escapes as other writers spell them: \\u with surrogate pairs, \\/")
  func escapes() throws {
    // python3 -c 'import json; print(json.dumps("é🙂/"))' prints "\u00e9\ud83d\ude42/"
    #expect(try JSONValue(parsing: Array(#""\u00e9\ud83d\ude42\/""#.utf8)) == .string("é🙂/"))
    #expect(try JSONValue(parsing: Array("  [1, 2.5e3, -0.5] ".utf8)) == .array([.int(1), .double(2500), .double(-0.5)]))
  }

  @Test("anything that is not one JSON value is refused")
  func refusals() {
    for text in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "tru", "\"\u{01}\"", "\"\\ud800\"", "[1] x", "\"\\q\"", "1e",
                 String(repeating: "[", count: 200) + String(repeating: "]", count: 200)] {
      #expect(throws: JSONParseError.self, "\(text)") { try JSONValue(parsing: Array(text.utf8)) }
    }
  }
}
