@testable import AdregCore
import Testing

/// Reports read stored dates through a reader that remembers months: it must accept and refuse exactly what
/// `Day(isoBytes:)` does, whatever it has read before.
@Suite("ISO day reader")
struct ISODayReaderTests {
  func read(_ texts: [String]) -> [Day?] {
    var reader = ISODayReader()
    return texts.map { text in Array(text.utf8).withUnsafeBufferPointer { reader.day($0) } }
  }

  func parsed(_ text: String) -> Day? {
    Array(text.utf8).withUnsafeBufferPointer { Day(isoBytes: $0) }
  }

  @Test("a bad date is refused each time, and a good one of the same month after it is read")
  func badThenGood() {
    #expect(read(["2025-02-30", "2025-02-30", "2025-02-28"]) == [nil, nil, Day(iso: "2025-02-28")])
    #expect(read(["2025-13-01", "2025-13-01"]) == [nil, nil])
  }

  @Test("a remembered month still refuses a day it does not have, or one that is not two digits")
  func rememberedMonth() {
    let days = read([
      "2025-02-01", "2025-02-29", "2025-02-00", "2025-02-3x", "2025-02-1", "2025-02-011", "2025-02-28", "2024-02-29",
      "2024-02-30", "2025-04-31", "2025-04-30", "1969-12-31", "1969-12-32", "1969-12-01",
    ])
    let expected = [
      "2025-02-01", nil, nil, nil, nil, nil, "2025-02-28", "2024-02-29", nil, nil, "2025-04-30", "1969-12-31", nil,
      "1969-12-01",
    ].map { $0.flatMap { Day(iso: $0) } }
    #expect(days == expected)
    #expect(days.last??.number == -31)
  }

  @Test("agrees with Day(isoBytes:) on every day of three centuries and on each of them with one byte changed")
  func agreesEverywhere() {
    var reader = ISODayReader()
    var state: UInt64 = 11
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    var disagreements: [String] = []
    let first = Day(iso: "1900-01-01")?.number ?? 0
    let last = Day(iso: "2199-12-31")?.number ?? 0
    // Dates from far apart months in turn, so that months share slots and replace each other.
    for number in stride(from: first, through: last, by: 1) {
      let valid = Array(Day(number: number).iso.utf8)
      var changed = valid
      let position = Int(next() % 10)
      changed[position] = UInt8(truncatingIfNeeded: next() % 64 + 32)
      let far = Array(Day(number: first + last - number).iso.utf8)
      for bytes in [valid, changed, far, Array(valid.prefix(9)), valid + [UInt8(ascii: "0")]] {
        let text = String(decoding: bytes, as: UTF8.self)
        let fromReader = bytes.withUnsafeBufferPointer { reader.day($0) }
        if fromReader != parsed(text) { disagreements.append(text) }
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
  }
}
