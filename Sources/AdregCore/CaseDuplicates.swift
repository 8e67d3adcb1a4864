/// A likely duplicate pair of one patient's cases, as `case duplicates` lists it; never merged automatically.
public struct DuplicatePair: Sendable, Equatable {
  /// The case with the earlier onset (the lower id on the same day).
  public var first: CaseRecord
  public var second: CaseRecord
  public var daysApart: Int
  /// 0–100; see `DuplicateScore`.
  public var score: Double
  /// Why the two were paired.
  public var rules: [String]
  /// Fields both cases give and that are the same.
  public var agree: [String]
  /// Fields both cases give and that differ (for morphology and body sites: not the same set).
  public var differ: [String]
}

/// How alike two cases of one patient and category are, from 0 to 100.
///
/// score = 50 × (1 − d / (W + 1)) + 10 × (scaling + severity + itch + morphology + body sites), where d is the days
/// between the onsets and W the window (`--days`): the onset part is 50 on the same day and 50 / (W + 1) at the
/// window's edge. Each appearance field gives 1 when both cases record it and agree, 0 when they differ, and 0.5
/// when either does not record it (scaling `unknown`, no severity, itch, morphology or site): no evidence either
/// way. Morphology and body sites give the share of codes in common (codes in both / codes in either). Reported
/// date and source are shown as agreeing or differing but not scored: a duplicate is as often entered twice by
/// staff (same source) as reported by the patient and then by a clinician (different sources).
public enum DuplicateScore {
  /// The appearance fields scored, in the order they are listed.
  public static let appearanceFields = ["scaling", "severity", "itch", "morphology", "sites"]

  /// The pair of `a` and `b` (same patient and category, onsets at most `window` days apart), scored.
  public static func pair(_ a: CaseRecord, _ b: CaseRecord, window: Int) -> DuplicatePair {
    let (first, second) = (a.onset, a.id) <= (b.onset, b.id) ? (a, b) : (b, a)
    let days = second.onset.days(since: first.onset)
    var agree: [String] = []
    var differ: [String] = []
    func note(_ field: String, _ same: Bool) { same ? agree.append(field) : differ.append(field) }
    note("onset", days == 0)
    note("reported", first.reported == second.reported)
    note("source", first.source == second.source)
    var points = 0.0
    func scored(_ field: String, _ value: Double?) {
      guard let value else {
        points += 0.5
        return
      }
      points += value
      note(field, value == 1)
    }
    let scalingKnown = first.scaling != .unknown && second.scaling != .unknown
    scored("scaling", scalingKnown ? same(first.scaling, second.scaling) : nil)
    scored("severity", both(first.severity, second.severity).map { same($0.0, $0.1) })
    scored("itch", both(first.itch, second.itch).map { same($0.0, $0.1) })
    scored("morphology", overlap(first.morphology, second.morphology))
    scored("sites", overlap(first.bodySites, second.bodySites))
    var rules = ["same category, onsets within \(window) day\(window == 1 ? "" : "s")"]
    if days == 0 && first.source != second.source { rules.append("same onset and category, different sources") }
    let score = 50 * (1 - Double(days) / Double(window + 1)) + 10 * points
    return DuplicatePair(
      first: first, second: second, daysApart: days, score: score, rules: rules, agree: agree, differ: differ)
  }

  static func same<T: Equatable>(_ a: T, _ b: T) -> Double { a == b ? 1 : 0 }

  static func both<T>(_ a: T?, _ b: T?) -> (T, T)? {
    guard let a, let b else { return nil }
    return (a, b)
  }

  /// Codes in both / codes in either; nil when either list is empty.
  static func overlap<Code: VocabularyCode>(_ a: [Code], _ b: [Code]) -> Double? {
    guard !a.isEmpty, !b.isEmpty else { return nil }
    let (x, y) = (Set(a), Set(b))
    return Double(x.intersection(y).count) / Double(x.union(y).count)
  }
}
