import AdregDatabase

/// A calendar date without time or zone, as clinics write it: `YYYY-MM-DD`.
///
/// Stored as a day number (days since 1970-01-01, proleptic Gregorian) so that day counts are
/// subtraction; parsing accepts only the ISO form, since `03/04/2025` means two different days.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public let number: Int

  public init(number: Int) { self.number = number }

  /// A date from its parts; nil when the day does not exist (2023-02-29, 2024-13-01).
  public init?(year: Int, month: Int, day: Int) {
    guard (1..<10_000).contains(year), (1...12).contains(month),
      (1...Day.daysInMonth(year: year, month: month)).contains(day)
    else { return nil }
    // Days from civil (H. Hinnant's algorithm): exact for the proleptic Gregorian calendar.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    number = era * 146_097 + doe - 719_468
  }

  /// Parses exactly `YYYY-MM-DD`; nil for anything else.
  public init?(iso text: String) {
    self.init(isoBytes: text.utf8)
  }

  /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes in memory; nil for anything else. Reports read a million stored
  /// dates at a time, so the ten bytes are read by position.
  public init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for position in range {
        let digit = bytes[position] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = value * 10 + Int(digit)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes; nil for anything else.
  public init?<Bytes: Sequence<UInt8>>(isoBytes: Bytes) {
    // Bulk imports and reports parse millions of dates: read the bytes in place, with no allocation.
    var fields = (year: 0, month: 0, day: 0)
    var position = 0
    for byte in isoBytes {
      if position == 4 || position == 7 {
        guard byte == UInt8(ascii: "-") else { return nil }
      } else {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        let digit = Int(byte &- UInt8(ascii: "0"))
        switch position {
        case 0..<4: fields.year = fields.year * 10 + digit
        case 5..<7: fields.month = fields.month * 10 + digit
        default: fields.day = fields.day * 10 + digit
        }
      }
      position += 1
      if position > 10 { return nil }
    }
    guard position == 10 else { return nil }
    self.init(year: fields.year, month: fields.month, day: fields.day)
  }

  /// Year, month and day of month.
  public var components: (year: Int, month: Int, day: Int) {
    let z = number + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  public var year: Int { components.year }

  /// `YYYY-MM-DD`.
  public var iso: String {
    let (y, m, d) = components
    guard (0...9999).contains(y) else { return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) }
    // Written digit by digit: imports and exports spell millions of dates, and ten bytes are a small string.
    return String(unsafeUninitializedCapacity: 10) { bytes in
      for (position, value, width) in [(0, y, 4), (5, m, 2), (8, d, 2)] {
        var rest = value
        for offset in (0..<width).reversed() {
          bytes[position + offset] = UInt8(ascii: "0") &+ UInt8(rest % 10)
          rest /= 10
        }
      }
      bytes[4] = UInt8(ascii: "-")
      bytes[7] = UInt8(ascii: "-")
      return 10
    }
  }

  public var description: String { iso }

  /// The day `days` later (earlier when negative).
  public func adding(days: Int) -> Day { Day(number: number + days) }

  /// Days from `other` to this day (positive when this one is later).
  public func days(since other: Day) -> Int { number - other.number }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

  static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

private func pad(_ value: Int, _ width: Int) -> String {
  let text = String(value)
  return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

extension Day: DatabaseValueConvertible {
  /// Stored as its `YYYY-MM-DD` text, which sorts and compares in SQL as the days do.
  public var databaseValue: DatabaseValue { .text(iso) }

  /// A stored `YYYY-MM-DD` text; nil for anything else.
  public static func fromDatabaseValue(_ value: DatabaseValue) -> Day? {
    if case .text(let text) = value { return Day(iso: text) }
    return nil
  }
}

/// Reads many stored `YYYY-MM-DD` dates, remembering the months it has met: a registry's million dates fall in a few
/// hundred months, so most are a lookup of their first eight bytes and a check of the last two.
///
/// Accepts and refuses exactly what `Day(isoBytes:)` does: a month is remembered only after a whole date of it
/// parsed, and the day of month is still checked against that month's length.
struct ISODayReader {
  private static let slots = 256
  /// The first eight bytes of a remembered month, as read from memory; 0 for an empty slot (digits are never 0).
  private var prefixes = [UInt64](repeating: 0, count: ISODayReader.slots)
  /// The day number before the month's first day in the high bits, the month's length in the low eight.
  private var months = [Int64](repeating: 0, count: ISODayReader.slots)

  mutating func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
    guard bytes.count == 10, let base = bytes.baseAddress else { return nil }
    let prefix = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
    let slot = Int(truncatingIfNeeded: (prefix &* 0x9E37_79B9_7F4A_7C15) >> 56)
    if prefixes[slot] == prefix {
      let (tens, ones) = (bytes[8] &- UInt8(ascii: "0"), bytes[9] &- UInt8(ascii: "0"))
      guard tens < 10, ones < 10 else { return nil }
      let dayOfMonth = Int64(tens) * 10 + Int64(ones)
      let month = months[slot]
      guard dayOfMonth >= 1, dayOfMonth <= month & 0xFF else { return nil }
      return Day(number: Int((month >> 8) + dayOfMonth))
    }
    guard let day = Day(isoBytes: bytes) else { return nil }
    let (year, month, dayOfMonth) = day.components
    prefixes[slot] = prefix
    months[slot] = Int64(day.number - dayOfMonth) << 8 | Int64(Day.daysInMonth(year: year, month: month))
    return day
  }
}
