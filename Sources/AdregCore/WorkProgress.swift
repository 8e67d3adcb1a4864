/// How far long work (an import, an export, a synthetic cohort) has got, for a progress display.
public struct WorkProgress: Sendable, Equatable {
  /// Rows read or written so far (patients, for a synthetic cohort).
  public var rows: Int
  /// Work done, in the unit of `total`: bytes of the file for an import, rows for an export, patients for synth.
  public var done: Int
  /// All the work; 0 when it is not known.
  public var total: Int

  public init(rows: Int, done: Int, total: Int) {
    self.rows = rows
    self.done = done
    self.total = total
  }

  /// The share done, from 0 to 1; nil when the total is not known.
  public var fraction: Double? {
    guard total > 0 else { return nil }
    return min(1, max(0, Double(done) / Double(total)))
  }
}
