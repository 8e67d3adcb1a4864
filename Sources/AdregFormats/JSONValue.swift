/// A JSON document whose objects keep their keys in the order they were built.
///
/// Ordered keys make exports diffable and predictable, which a `Dictionary` cannot give.
/// Literals work for building values:
///
/// ```swift
/// let value: JSONValue = ["id": "P-001", "age": 34, "sites": ["eyelid", "neck"], "note": nil]
/// value.serialized()  // {"id":"P-001","age":34,"sites":["eyelid","neck"],"note":null}
/// ```
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  /// Key–value pairs in output order. Duplicate keys are written as given.
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.int(let a), .int(let b)): a == b
    case (.double(let a), .double(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }
}

extension JSONValue {
  /// The value as JSON text (RFC 8259).
  ///
  /// Compact by default: `{"a":1,"b":[1,2]}`. Pretty output indents by two spaces, puts one
  /// member or element per line, writes `"key": value`, and keeps empty containers as `{}`
  /// and `[]`.
  ///
  /// Strings escape only what JSON requires (`"` `\` and control characters, using `\n` `\r`
  /// `\t` `\b` `\f` where they exist and `\u00XX` otherwise); `/`, non-ASCII and emoji are
  /// written as raw UTF-8. Doubles are written as Swift's shortest round-trip form, which
  /// always marks them as doubles: `5.0`, `0.1`, `1e-300`, `-0.0`. NaN and infinities have
  /// no JSON form and are written as `null`. Integers are exact across the whole `Int64` range.
  public func serialized(pretty: Bool = false) -> String {
    var out: [UInt8] = []
    write(to: &out, pretty: pretty, depth: 0)
    return String(decoding: out, as: UTF8.self)
  }

  /// Serialization works on bytes because appending to a String costs several times more.
  func write(to out: inout [UInt8], pretty: Bool, depth: Int) {
    switch self {
    case .null:
      Self.append("null", to: &out)
    case .bool(let value):
      Self.append(value ? "true" : "false", to: &out)
    case .int(let value):
      Self.append(String(value), to: &out)
    case .double(let value):
      Self.append(value.isFinite ? value.description : "null", to: &out)
    case .string(let value):
      Self.appendQuoted(value, to: &out)
    case .array(let elements):
      guard !elements.isEmpty else {
        Self.append("[]", to: &out)
        return
      }
      out.append(UInt8(ascii: "["))
      for index in elements.indices {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { Self.newline(&out, depth: depth + 1) }
        elements[index].write(to: &out, pretty: pretty, depth: depth + 1)
      }
      if pretty { Self.newline(&out, depth: depth) }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else {
        Self.append("{}", to: &out)
        return
      }
      out.append(UInt8(ascii: "{"))
      for index in members.indices {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { Self.newline(&out, depth: depth + 1) }
        Self.appendQuoted(members[index].0, to: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        members[index].1.write(to: &out, pretty: pretty, depth: depth + 1)
      }
      if pretty { Self.newline(&out, depth: depth) }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  private static func newline(_ out: inout [UInt8], depth: Int) {
    out.append(UInt8(ascii: "\n"))
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
  }

  @inline(__always)
  private static func append(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { out.append(contentsOf: $0) }
  }

  private static func appendQuoted(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { utf8 in
      // Bytes of multi-byte UTF-8 sequences are all >= 0x80, so escaping byte by byte is safe
      // and leaves non-ASCII text as raw UTF-8.
      var runStart = 0
      for index in utf8.indices {
        let byte = utf8[index]
        guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
        runStart = index + 1
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: out.append(UInt8(ascii: "\""))
        case 0x5C: out.append(UInt8(ascii: "\\"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
          out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
          out.append(hexDigits[Int(byte >> 4)])
          out.append(hexDigits[Int(byte & 0x0F)])
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
    out.append(UInt8(ascii: "\""))
  }
}

extension JSONValue: ExpressibleByNilLiteral {
  public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
  public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int64) { self = .int(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
  public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
  public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
  /// Keeps the literal's key order.
  public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
}

/// Writes one JSON value per line (JSON Lines, `\n`-terminated), compact, to a ``TextSink``.
public struct JSONLinesWriter<Sink: TextSink> {
  public var sink: Sink
  /// One line's bytes, reused so steady-state writing does not allocate.
  private var line: [UInt8] = []

  public init(sink: Sink) {
    self.sink = sink
  }

  /// Appends `value` in compact form followed by a line feed.
  public mutating func write(_ value: JSONValue) throws {
    line.removeAll(keepingCapacity: true)
    value.write(to: &line, pretty: false, depth: 0)
    line.append(UInt8(ascii: "\n"))
    try line.withUnsafeBufferPointer { try sink.write($0) }
  }
}

extension JSONLinesWriter: Sendable where Sink: Sendable {}
