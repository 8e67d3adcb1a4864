import AdregFormats
import Foundation
import FuzzSupport

/// The JSON parser `pool` reads bundles with (`JSONValue(parsing:)`) on any bytes: a value or a
/// `JSONParseError` whose offset lies within the input, never a crash. A value it produced writes (compact and
/// pretty) and parses back equal. Foundation's JSONSerialization, an independent RFC 8259 parser, is the oracle
/// for acceptance on inputs both are meant to read alike: a UTF-8 text without byte order mark or NUL, nested
/// less than 100 deep, with numbers that fit a finite double, no \u escape (unpaired surrogates), and no comma
/// before a closing bracket (Foundation accepts `[1,]`, which RFC 8259 and adreg refuse).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  let accepted: Bool
  do {
    let value = try JSONValue(parsing: bytes)
    accepted = true
    for text in [value.serialized(), value.serialized(pretty: true)] {
      do {
        let again = try JSONValue(parsing: Array(text.utf8))
        fuzzCheck(again == value, "\(value) writes as \(text.debugDescription), which reads back as \(again)")
      } catch {
        fuzzCheck(false, "\(value) writes as \(text.debugDescription), which does not parse: \(error)")
      }
    }
  } catch {
    accepted = false
    fuzzCheck((0...bytes.count).contains(error.offset), "offset \(error.offset) outside \(bytes.count) bytes")
    fuzzCheck(!error.message.isEmpty, "an empty parse error")
  }
  guard comparable(bytes) else { return 0 }
  let foundation = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
  fuzzCheck(accepted == foundation,
    "adreg \(accepted ? "accepts" : "refuses") what JSONSerialization \(foundation ? "accepts" : "refuses"): "
      + String(decoding: bytes, as: UTF8.self).debugDescription)
  return 0
}

/// Whether the input avoids where the two parsers may rightly differ: encodings other than UTF-8 (Foundation
/// guesses them from NUL bytes and byte order marks), nesting at adreg's limit, numbers beyond a double, and \u
/// escapes (Foundation's handling of unpaired surrogates is its own), and trailing commas (Foundation's leniency).
private func comparable(_ bytes: [UInt8]) -> Bool {
  guard String(validating: bytes, as: UTF8.self) != nil, !bytes.contains(0), !bytes.starts(with: [0xEF, 0xBB, 0xBF])
  else { return false }
  var depth = 0
  var digits = 0
  var afterComma = false
  for (index, byte) in bytes.enumerated() {
    switch byte {
    case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
    case UInt8(ascii: "u") where index > 0 && bytes[index - 1] == UInt8(ascii: "\\"): return false
    case UInt8(ascii: "]") where afterComma, UInt8(ascii: "}") where afterComma: return false
    default: break
    }
    if byte == UInt8(ascii: ",") { afterComma = true } else if ![0x20, 0x09, 0x0A, 0x0D].contains(byte) { afterComma = false }
    // A long run of digits, or an exponent, can leave the range of a double.
    if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { digits += 1 } else { digits = 0 }
    let exponent = (byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")) && index > 0
      && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index - 1])
    if depth >= 100 || digits > 15 || exponent { return false }
  }
  return true
}
