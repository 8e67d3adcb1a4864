import Testing
@testable import AdregFormats

@Suite("JSON value serialization")
struct JSONValueTests {
  @Test("compact output keeps keys in insertion order")
  func keyOrder() {
    let value: JSONValue = .object([("z", .int(1)), ("a", .array([.int(1), .int(2)])), ("m", .null)])
    #expect(value.serialized() == "{\"z\":1,\"a\":[1,2],\"m\":null}")
  }

  @Test("literals build the same values as the cases")
  func literals() {
    let literal: JSONValue = ["b": true, "a": [1, 2.5, "s", nil]]
    let explicit: JSONValue = .object([("b", .bool(true)), ("a", .array([.int(1), .double(2.5), .string("s"), .null]))])
    #expect(literal == explicit)
  }

  @Test("object equality depends on key order")
  func orderedEquality() {
    #expect(JSONValue.object([("a", 1), ("b", 2)]) != .object([("b", 2), ("a", 1)]))
    #expect(JSONValue.object([("a", 1)]) != .object([("a", 1), ("a", 1)]))
  }

  @Test(
    "strings are escaped as RFC 8259 requires and no further",
    arguments: [
      ("plain", "\"plain\""),
      ("quote\"", "\"quote\\\"\""),
      ("back\\slash", "\"back\\\\slash\""),
      ("\n\r\t", "\"\\n\\r\\t\""),
      ("\u{08}\u{0C}", "\"\\b\\f\""),
      ("\u{00}\u{01}\u{1F}", "\"\\u0000\\u0001\\u001f\""),
      ("\u{7F}", "\"\u{7F}\""),
      ("a/b", "\"a/b\""),
      ("é 日本 😀 👩🏽‍⚕️", "\"é 日本 😀 👩🏽‍⚕️\""),
      ("\u{2028}", "\"\u{2028}\""),
      ("", "\"\""),
    ]
  )
  func escaping(text: String, expected: String) {
    #expect(JSONValue.string(text).serialized() == expected)
  }

  @Test("keys are escaped like strings")
  func keyEscaping() {
    #expect(JSONValue.object([("a\"b\n", .null)]).serialized() == "{\"a\\\"b\\n\":null}")
  }

  @Test(
    "doubles print as the shortest form that round-trips",
    arguments: [
      (0.1, "0.1"), (1e-300, "1e-300"), (123456789.125, "123456789.125"), (-0.0, "-0.0"), (5.0, "5.0"),
      (1e16, "1e+16"), (-2.5, "-2.5"), (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
      (Double.leastNonzeroMagnitude, "5e-324"),
    ]
  )
  func doubles(value: Double, expected: String) {
    #expect(JSONValue.double(value).serialized() == expected)
    #expect(Double(expected) == value)
  }

  @Test("non-finite doubles have no JSON form and become null", arguments: [Double.nan, .infinity, -.infinity])
  func nonFinite(value: Double) {
    #expect(JSONValue.double(value).serialized() == "null")
  }

  @Test("Int64 extremes are exact")
  func integers() {
    #expect(JSONValue.int(.max).serialized() == "9223372036854775807")
    #expect(JSONValue.int(.min).serialized() == "-9223372036854775808")
    #expect(JSONValue.int(0).serialized() == "0")
  }

  @Test("booleans and null")
  func scalars() {
    #expect(JSONValue.bool(true).serialized() == "true")
    #expect(JSONValue.bool(false).serialized() == "false")
    #expect(JSONValue.null.serialized() == "null")
  }

  @Test("pretty output indents nested containers by two spaces")
  func pretty() {
    let value: JSONValue = [
      "name": "P-001",
      "sites": ["eyelid", "neck"],
      "dose": ["mg": 300, "every_days": 14],
      "empty_list": [],
      "empty_object": .object([]),
      "matrix": [[1, 2], []],
    ]
    let expected = """
      {
        "name": "P-001",
        "sites": [
          "eyelid",
          "neck"
        ],
        "dose": {
          "mg": 300,
          "every_days": 14
        },
        "empty_list": [],
        "empty_object": {},
        "matrix": [
          [
            1,
            2
          ],
          []
        ]
      }
      """
    #expect(value.serialized(pretty: true) == expected)
    #expect(value.serialized() == "{\"name\":\"P-001\",\"sites\":[\"eyelid\",\"neck\"],\"dose\":{\"mg\":300,\"every_days\":14},\"empty_list\":[],\"empty_object\":{},\"matrix\":[[1,2],[]]}")
  }

  @Test("pretty scalars have no surrounding whitespace")
  func prettyScalar() {
    #expect(JSONValue.string("x").serialized(pretty: true) == "\"x\"")
  }
}
