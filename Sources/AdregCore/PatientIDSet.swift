/// A set of patient ids that counts its members cheaply.
///
/// Patient ids are rowids handed out from 1 upwards, so ids below a bound are kept as one bit each, which
/// costs far less than hashing when a report marks hundreds of thousands of them; an id outside the bound
/// (only possible when someone wrote ids by hand) goes to an ordinary set, so no id is ever lost.
struct PatientIDSet {
  private var bits: [UInt64]
  private var others = Set<Int64>()
  private(set) var count = 0

  /// - Parameter bound: ids in `0..<bound` are kept as bits.
  init(bound: Int64) {
    bits = Array(repeating: 0, count: Int((max(0, bound) + 63) / 64))
  }

  mutating func insert(_ id: Int64) {
    let word = Int(truncatingIfNeeded: id >> 6)
    guard id >= 0, word < bits.count else {
      if others.insert(id).inserted { count += 1 }
      return
    }
    let mask = UInt64(1) << UInt64(id & 63)
    if bits[word] & mask == 0 {
      bits[word] |= mask
      count += 1
    }
  }

  func contains(_ id: Int64) -> Bool {
    let word = Int(truncatingIfNeeded: id >> 6)
    guard id >= 0, word < bits.count else { return others.contains(id) }
    return bits[word] & (UInt64(1) << UInt64(id & 63)) != 0
  }

  /// Adds every member of `other`, a set made with the same bound (the report makes all its sets so).
  mutating func formUnion(_ other: PatientIDSet) {
    if other.bits.count > bits.count { bits += repeatElement(0, count: other.bits.count - bits.count) }
    for index in other.bits.indices { bits[index] |= other.bits[index] }
    others.formUnion(other.others)
    count = bits.reduce(0) { $0 + $1.nonzeroBitCount } + others.count
  }
}
