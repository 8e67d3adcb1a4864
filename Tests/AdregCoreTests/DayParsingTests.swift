import AdregCore
import Testing

/// Stored dates are read from SQLite's bytes in place; that path must accept and refuse exactly what the text
/// path does.
@Suite("Day parsing from bytes")
struct DayParsingTests {
  func fromBytes(_ text: String) -> Day? {
    Array(text.utf8).withUnsafeBufferPointer { Day(isoBytes: $0) }
  }

  @Test("the bytes path agrees with the text path, day numbers counted from 1970-01-01")
  func agrees() {
    #expect(fromBytes("1970-01-01")?.number == 0)
    #expect(fromBytes("2024-02-29")?.number == 19_782)  // 54 years of 365 days, 13 leap days, then 31 + 28
    #expect(fromBytes("1969-12-31")?.number == -1)
    for text in ["2025-06-30", "2000-02-29", "1900-03-01", "9999-12-31", "0001-01-01"] {
      #expect(fromBytes(text) == Day(iso: text), "\(text)")
      #expect(fromBytes(text)?.iso == text, "\(text)")
    }
  }

  @Test("refuses what is not exactly YYYY-MM-DD or not a calendar day")
  func refuses() {
    for text in [
      "2023-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-1-01", "2025-01-1", "25-01-01", "2025/01/01",
      "2025-01-01 ", "20250101xx", "2025-0a-01", "", "0000-01-01", "2025-01-00",
    ] {
      #expect(fromBytes(text) == nil, "\(text)")
      #expect(Day(iso: text) == nil, "\(text)")
    }
  }
}
