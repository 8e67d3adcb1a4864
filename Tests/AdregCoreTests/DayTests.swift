@testable import AdregCore
import AdregStatistics
import AdregTestSupport
import Foundation
import Testing

/// Day's calendar arithmetic, checked against Foundation's Gregorian calendar (an independent implementation) and
/// against dates counted by hand.
@Suite("Day: calendar arithmetic")
struct DayTests {
  static let gregorian: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    return calendar
  }()

  /// Days since 1970-01-01 by Foundation.
  static func foundationNumber(_ year: Int, _ month: Int, _ day: Int) -> Int? {
    let epoch = DateComponents(year: 1970, month: 1, day: 1)
    let target = DateComponents(year: year, month: month, day: day)
    guard let from = gregorian.date(from: epoch), let to = gregorian.date(from: target) else { return nil }
    return gregorian.dateComponents([.day], from: from, to: to).day
  }

  @Test("day numbers and components agree with Foundation's Gregorian calendar on 2,000 seeded dates")
  func agreesWithFoundation() throws {
    var random = SplitMix64(seed: 1_234)
    for _ in 0..<2_000 {
      // Foundation switches to the Julian calendar before 1582-10-15; compare from 1600 on.
      let year = 1_600 + random.below(800)
      let month = 1 + random.below(12)
      let day = 1 + random.below(28)
      let parsed = try #require(Day(year: year, month: month, day: day))
      #expect(parsed.number == Self.foundationNumber(year, month, day), "\(year)-\(month)-\(day)")
      #expect(parsed.components == (year, month, day))
      #expect(Day(iso: parsed.iso) == parsed)
    }
  }

  @Test("month lengths and leap years, by hand: 1900 is not leap, 2000 is, 2024 is, 2023 is not")
  func monthEnds() {
    #expect(Day(year: 1900, month: 2, day: 29) == nil)
    #expect(Day(year: 2000, month: 2, day: 29) != nil)
    #expect(Day(year: 2024, month: 2, day: 29) != nil)
    #expect(Day(year: 2023, month: 2, day: 29) == nil)
    for (month, length) in [(1, 31), (3, 31), (4, 30), (6, 30), (9, 30), (11, 30), (12, 31)] {
      #expect(Day(year: 2025, month: month, day: length) != nil)
      #expect(Day(year: 2025, month: month, day: length + 1) == nil)
    }
    #expect(Day(year: 0, month: 1, day: 1) == nil)
    #expect(Day(year: 10_000, month: 1, day: 1) == nil)
  }

  @Test("adding and counting days crosses month, year and leap-day boundaries")
  func arithmetic() throws {
    let start = try #require(Day(iso: "2024-02-28"))
    #expect(start.adding(days: 1).iso == "2024-02-29")
    #expect(start.adding(days: 2).iso == "2024-03-01")
    #expect(start.adding(days: 366).iso == "2025-02-28")  // 2024-02-29 lies between
    #expect(start.adding(days: -59).iso == "2023-12-31")  // 28 days of February, 31 of January
    let end = try #require(Day(iso: "2025-06-30"))
    #expect(end.days(since: start) == 488)  // 366 (to 2025-02-28) + 122 (March 31, April 30, May 31, June 30)
    #expect(start.days(since: end) == -488)
    #expect(start < end)
    #expect(Day(number: 0).iso == "1970-01-01")
    #expect(Day(number: -1).iso == "1969-12-31")
  }
}
