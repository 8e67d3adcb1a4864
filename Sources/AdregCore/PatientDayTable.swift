/// A day number per patient id, for passes that touch every patient of a large cohort.
///
/// As in `PatientIDSet`, ids below a bound (rowids handed out from 1) sit in one flat array, which costs one memory
/// access where a dictionary hashed each of a million ids; an id at or above it (written by hand) is hashed.
struct PatientDayTable {
  private static let absent = Int32.min
  private var flat: [Int32]
  private var above: [Int64: Int32] = [:]

  /// - Parameter bound: ids in `0..<bound` are kept flat.
  init(bound: Int64) {
    flat = Array(repeating: PatientDayTable.absent, count: Int(max(0, bound)))
  }

  /// The number kept for a patient, or nil.
  subscript(id: Int64) -> Int? {
    get {
      let value = id >= 0 && id < flat.count ? flat[Int(id)] : above[id] ?? PatientDayTable.absent
      return value == PatientDayTable.absent ? nil : Int(value)
    }
    set {
      let value = newValue.map { Int32(clamping: $0) } ?? PatientDayTable.absent
      if id >= 0, id < flat.count {
        flat[Int(id)] = value
      } else if newValue == nil {
        above[id] = nil
      } else {
        above[id] = value
      }
    }
  }
}
