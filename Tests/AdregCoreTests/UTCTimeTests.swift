import Testing

@testable import AdregCore

/// `recorded_at` and `answered_at` as files give them: a UTC time with up to three digits of fraction, stored with
/// exactly three. The expected texts are written out by hand from that rule.
@Suite("UTC times in imported files")
struct UTCTimeTests {
  let today = Day(iso: "2025-06-30")!

  @Test(
    "a time is stored with three digits of milliseconds",
    arguments: [
      ("2025-01-02T03:04:05Z", "2025-01-02T03:04:05.000Z"),
      ("2025-01-02T03:04:05.5Z", "2025-01-02T03:04:05.500Z"),
      ("2025-01-02T03:04:05.25Z", "2025-01-02T03:04:05.250Z"),
      ("2025-01-02T03:04:05.123Z", "2025-01-02T03:04:05.123Z"),
      ("2025-06-30T23:59:59.999Z", "2025-06-30T23:59:59.999Z"),
    ])
  func stored(given: String, stored: String) throws {
    #expect(try ImportChecker.utcTime(given, field: "recorded_at", today: today) == stored)
  }

  @Test(
    "what is not a UTC time is refused, naming the field",
    arguments: [
      "2025-01-02 03:04:05Z", "2025-01-02T03:04:05", "2025-01-02T03:04:05.Z", "2025-01-02T03:04:05.1234Z",
      "2025-01-02T24:00:00Z", "2025-01-02T03:60:00Z", "2025-01-02T03:04:60Z", "2025-02-30T03:04:05Z",
      "2025-01-02T03:04:05.1aZ", "", "2025-01-02T03:04Z",
    ])
  func refused(given: String) {
    #expect {
      try ImportChecker.utcTime(given, field: "recorded_at", today: today)
    } throws: { error in
      "\(error)".contains("recorded_at:") && "\(error)".contains("is not a UTC time")
    }
  }

  @Test("a day after today is refused as in the future")
  func future() {
    #expect {
      try ImportChecker.utcTime("2025-07-01T00:00:00Z", field: "answered_at", today: today)
    } throws: { error in
      "\(error)".contains("answered_at: 2025-07-01 is in the future")
    }
  }
}
