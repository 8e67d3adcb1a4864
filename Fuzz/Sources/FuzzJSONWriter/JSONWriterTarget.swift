import AdregFormats
import Foundation
import FuzzSupport

// adreg has no JSON reader of its own yet (JSONValue only writes). Foundation's JSONSerialization, an independent
// RFC 8259 parser, is the oracle: whatever JSONValue writes, compact or pretty, must parse back to the same value.

/// JSONValue's writer on values built from the fuzzer's bytes: the compact and the pretty text both parse, as
/// JSON, back to the value written (strings compared scalar by scalar, integers exactly, non-finite doubles as
/// null); compact text never holds a raw line feed, so one value is one line of JSON Lines.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONWriter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = ValueBuilder(bytes: fuzzBytes(data, size))
  let value = input.value(depth: 0)
  let compact = value.serialized()
  fuzzCheck(!compact.utf8.contains(0x0A), "compact JSON holds a raw line feed: \(compact.debugDescription)")
  for text in [compact, value.serialized(pretty: true)] {
    do {
      let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
      fuzzCheck(matches(value, parsed), "\(text.debugDescription) parses as \(parsed), not as written")
    } catch {
      fuzzCheck(false, "JSONValue wrote text that is not JSON: \(text.debugDescription): \(error)")
    }
  }
  return 0
}

/// Whether JSONSerialization's result is the value that was written.
private func matches(_ value: JSONValue, _ parsed: Any) -> Bool {
  switch value {
  case .null: return parsed is NSNull
  case .bool(let flag): return (parsed as? Bool) == flag
  case .int(let number): return (parsed as? NSNumber)?.int64Value == number && (parsed as? NSNumber)?.stringValue == String(number)
  case .double(let number):
    guard number.isFinite else { return parsed is NSNull }
    // Foundation may hold a parsed number as a Decimal whose doubleValue rounds; its decimal text is exact.
    guard let got = parsed as? NSNumber else { return false }
    return got.doubleValue == number || Double(got.stringValue) == number
  case .string(let text):
    guard let got = parsed as? String else { return false }
    return got.unicodeScalars.elementsEqual(text.unicodeScalars)
  case .array(let elements):
    guard let got = parsed as? [Any], got.count == elements.count else { return false }
    return zip(elements, got).allSatisfy { matches($0, $1) }
  case .object(let members):
    // Keys are distinct by construction, so a dictionary holds every member.
    guard let got = parsed as? [String: Any], got.count == members.count else { return false }
    return members.allSatisfy { key, member in got[key].map { matches(member, $0) } ?? false }
  }
}

/// Reads a JSON value out of bytes: a kind byte, then what that kind needs; running out of bytes gives null.
private struct ValueBuilder {
  var bytes: [UInt8]
  var position = 0

  mutating func byte() -> UInt8? {
    guard position < bytes.count else { return nil }
    defer { position += 1 }
    return bytes[position]
  }

  mutating func word() -> UInt64 {
    var result: UInt64 = 0
    for _ in 0..<8 { result = result << 8 | UInt64(byte() ?? 0) }
    return result
  }

  mutating func string() -> String {
    let length = Int(byte() ?? 0) % 48
    let end = min(bytes.count, position + length)
    defer { position = end }
    return String(decoding: bytes[position..<end], as: UTF8.self)
  }

  mutating func value(depth: Int) -> JSONValue {
    guard let kind = byte() else { return .null }
    switch kind % 8 {
    case 0: return .null
    case 1: return .bool(kind & 0x80 != 0)
    case 2: return .int(Int64(bitPattern: word()))
    case 3: return .double(Double(bitPattern: word()))
    case 4, 5: return .string(string())
    case 6 where depth < 8:
      let count = Int(byte() ?? 0) % 6
      return .array((0..<count).map { _ in value(depth: depth + 1) })
    case 7 where depth < 8:
      let count = Int(byte() ?? 0) % 6
      // A number in front keeps keys distinct; the rest of the key is any text.
      return .object((0..<count).map { index in ("\(index)" + string(), value(depth: depth + 1)) })
    default: return .int(Int64(kind))
    }
  }
}
