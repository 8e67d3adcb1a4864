/// The treatment days of a cohort by patient id, read once: start and stop day numbers packed in one flat array for
/// ids below a bound (rowids handed out from 1), hashed above it, so that a pass over cases finds each case's
/// patient without a b-tree seek, and with one memory access.
struct CohortDays {
  /// Start in the high 32 bits, stop in the low ones; `absent` for an id not in the cohort.
  private static let absent = Int64.min
  private static let running = Int32.max
  private let bound: Int
  private var packed: [Int64]
  private var above: [Int64: Int64] = [:]
  private(set) var count = 0

  init(bound: Int64) {
    self.bound = Int(max(0, bound))
    packed = Array(repeating: CohortDays.absent, count: self.bound)
  }

  private static func pack(_ start: Day, _ stop: Day?) -> Int64 {
    let stopNumber = stop.map { Int32(clamping: $0.number) } ?? running
    return Int64(Int32(clamping: start.number)) << 32 | Int64(UInt32(bitPattern: stopNumber))
  }

  private static func unpack(_ value: Int64) -> (start: Day, stop: Day?) {
    let stop = Int32(bitPattern: UInt32(truncatingIfNeeded: value))
    return (Day(number: Int(value >> 32)), stop == running ? nil : Day(number: Int(stop)))
  }

  /// Adds a patient; each id once (the cohort query reads each patient once). The write is not preceded by a read:
  /// ids come in start-date order, so each slot is a cache miss, which a store alone does not wait for.
  mutating func insert(_ id: Int64, start: Day, stop: Day?) {
    let value = CohortDays.pack(start, stop)
    if id >= 0, id < bound {
      packed[Int(id)] = value
    } else {
      above[id] = value
    }
    count += 1
  }

  /// Adds a patient not already in: the two readers of a cohort split between threads may both read a few rows
  /// where they meet.
  mutating func insertIfAbsent(_ id: Int64, start: Day, stop: Day?) {
    guard self[id] == nil else { return }
    insert(id, start: start, stop: stop)
  }

  /// The patient's start and stop, or nil when the patient is not in the cohort.
  subscript(id: Int64) -> (start: Day, stop: Day?)? {
    let value = id >= 0 && id < bound ? packed[Int(id)] : above[id] ?? CohortDays.absent
    return value == CohortDays.absent ? nil : CohortDays.unpack(value)
  }

  /// Every member, in id order.
  func forEach(_ body: (Int64, Day, Day?) throws -> Void) rethrows {
    for index in packed.indices where packed[index] != CohortDays.absent {
      let days = CohortDays.unpack(packed[index])
      try body(Int64(index), days.start, days.stop)
    }
    for id in above.keys.sorted() {
      if let value = above[id] {
        let days = CohortDays.unpack(value)
        try body(id, days.start, days.stop)
      }
    }
  }
}
