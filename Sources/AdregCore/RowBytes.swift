import AdregFormats

/// Bytes of rows being assembled, handed to a sink in blocks of about 64 KiB.
struct RowBytes {
  private var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(1 << 17) }

  mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func append(_ text: [UInt8]) { bytes.append(contentsOf: text) }

  mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

  mutating func comma() { bytes.append(UInt8(ascii: ",")) }

  /// CRLF, as RFC 4180 and `CSVWriter` end records.
  mutating func newline() {
    bytes.append(0x0D)
    bytes.append(0x0A)
  }

  mutating func integer(_ value: Int) {
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
      integer(-value)
      return
    }
    appendPadded(value, width: 1, to: &bytes)
  }

  /// A date from a table of the days the rows fall in: ten bytes copied instead of a calendar computed.
  mutating func date(_ day: Day, _ table: ISODateTable) {
    let offset = (day.number - table.first) * 10
    guard offset >= 0, offset + 10 <= table.bytes.count else { return date(day) }
    table.bytes.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[offset..<offset + 10])) }
  }

  mutating func date(_ day: Day) {
    let (year, month, dayOfMonth) = day.components
    appendPadded(year, width: 4, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendPadded(month, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendPadded(dayOfMonth, width: 2, to: &bytes)
  }

  /// The codes whose bits are set, `;`-separated, in the order of `codes`.
  mutating func codes(_ mask: UInt16, _ codes: [[UInt8]]) {
    var first = true
    for index in codes.indices where mask & (1 << index) != 0 {
      if !first { bytes.append(UInt8(ascii: ";")) }
      bytes.append(contentsOf: codes[index])
      first = false
    }
  }

  /// A UTC datetime as the registry records it: `YYYY-MM-DDTHH:MM:SS.000Z`, `second` of the day.
  mutating func datetime(_ day: Day, second: Int) {
    date(day)
    bytes.append(UInt8(ascii: "T"))
    appendPadded(second / 3600, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendPadded(second / 60 % 60, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendPadded(second % 60, width: 2, to: &bytes)
    append(".000Z" as StaticString)
  }

  /// A random version-4 UUID in lower case.
  mutating func uuid(_ random: inout SplitMix64) { Self.appendUUID(&random, to: &bytes) }

  /// A random version-4 UUID in lower case, as bytes.
  static func uuid(_ random: inout SplitMix64) -> [UInt8] {
    var text: [UInt8] = []
    text.reserveCapacity(36)
    appendUUID(&random, to: &text)
    return text
  }

  private static func appendUUID(_ random: inout SplitMix64, to bytes: inout [UInt8]) {
    let hex: StaticString = "0123456789abcdef"
    let high = (random.next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
    let low = (random.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
    hex.withUTF8Buffer { digits in
      for (index, word) in [high, low].enumerated() {
        for nibble in 0..<16 {
          let position = index * 16 + nibble
          if position == 8 || position == 12 || position == 16 || position == 20 { bytes.append(UInt8(ascii: "-")) }
          bytes.append(digits[Int((word >> UInt64(60 - 4 * nibble)) & 0xF)])
        }
      }
    }
  }

  mutating func flushIfFull<Sink: TextSink>(to sink: inout Sink) throws {
    if bytes.count >= 1 << 16 { try flush(to: &sink) }
  }

  /// The bytes assembled so far, leaving the buffer empty.
  mutating func taken() -> [UInt8] {
    defer { bytes = [] }
    return bytes
  }

  mutating func flush<Sink: TextSink>(to sink: inout Sink) throws {
    guard !bytes.isEmpty else { return }
    try bytes.withUnsafeBufferPointer { try sink.write($0) }
    bytes.removeAll(keepingCapacity: true)
  }
}

/// `YYYY-MM-DD` of every day in a range, made once: a synthetic cohort writes tens of millions of dates.
struct ISODateTable {
  let first: Int
  let bytes: [UInt8]

  init(from first: Day, through last: Day) {
    self.first = first.number
    var rows = RowBytes()
    for number in first.number...max(first.number, last.number) { rows.date(Day(number: number)) }
    bytes = rows.taken()
  }
}

/// Appends a non-negative number in decimal, zero-padded to `width` digits.
func appendPadded(_ value: Int, width: Int, to bytes: inout [UInt8]) {
  var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
    UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  var count = 0
  var rest = value
  withUnsafeMutableBytes(of: &digits) { buffer in
    repeat {
      buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
      rest /= 10
      count += 1
    } while rest > 0 && count < buffer.count
    for _ in count..<max(count, width) { bytes.append(UInt8(ascii: "0")) }
    for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
  }
}
