import Testing
@testable import AdregFormats

@Suite("values that have a JSON form, optionals included")
struct JSONValueConvertibleTests {
  @Test("each plain value becomes its own case")
  func plainValues() {
    #expect(JSONValue(true) == .bool(true))
    #expect(JSONValue("P-001") == .string("P-001"))
    #expect(JSONValue(Int(34)) == .int(34))
    #expect(JSONValue(Int.max) == .int(Int64(Int.max)))
    #expect(JSONValue(Int64.min) == .int(.min))
    #expect(JSONValue(2.5) == .double(2.5))
    #expect(JSONValue(JSONValue.array([1, "a"])) == .array([.int(1), .string("a")]))
  }

  @Test("an absent optional is null and a present one is its value")
  func optionals() {
    let noYear: Int? = nil
    let year: Int? = 1990
    let noNote: String? = nil
    let note: String? = "left eyelid"
    let noRatio: Double? = nil
    let noID: Int64? = nil
    let noObject: JSONValue? = nil
    #expect(JSONValue(noYear) == .null)
    #expect(JSONValue(year) == .int(1990))
    #expect(JSONValue(noNote) == .null)
    #expect(JSONValue(note) == .string("left eyelid"))
    #expect(JSONValue(noRatio) == .null)
    #expect(JSONValue(noID) == .null)
    #expect(JSONValue(Int64?(7)) == .int(7))
    #expect(JSONValue(noObject) == .null)
    #expect(JSONValue(JSONValue?.some(["a": 1])) == .object([("a", .int(1))]))
  }

  @Test("a document built from optional fields serializes their absence as null")
  func document() {
    let stop: String? = nil
    let itch: Int? = 3
    let value: JSONValue = ["stop": JSONValue(stop), "itch": JSONValue(itch), "ratio": JSONValue(Double?.none)]
    #expect(value.serialized() == "{\"stop\":null,\"itch\":3,\"ratio\":null}")
  }

  @Test("a double without a JSON form is written as null, like any double")
  func nonFinite() {
    #expect(JSONValue(Double?.some(.nan)).serialized() == "null")
    #expect(JSONValue(Double.infinity).serialized() == "null")
    #expect(JSONValue(Double?.some(-0.0)).serialized() == "-0.0")
  }
}
