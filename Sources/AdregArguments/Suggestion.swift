/// "Did you mean" candidates for mistyped commands and options.
enum Suggestion {
  /// The closest candidate to `typed`, or nil when nothing is close.
  ///
  /// Close means a Damerau–Levenshtein distance of at most 2 (the nearest wins, ties go to
  /// the earlier candidate) or, failing that, `typed` being a prefix of exactly one candidate.
  /// The distance must also be below the typed length, so that a one- or two-letter word
  /// is not "close" to every short name.
  static func closest(to typed: String, among candidates: [String]) -> String? {
    guard !typed.isEmpty else { return nil }
    var best: (candidate: String, distance: Int)?
    for candidate in candidates where candidate != typed {
      let distance = damerauLevenshtein(typed, candidate)
      guard distance <= 2, distance < typed.count else { continue }
      if best.map({ distance < $0.distance }) ?? true {
        best = (candidate, distance)
      }
    }
    if let best { return best.candidate }
    var prefixed: [String] = []
    for candidate in candidates where candidate.hasPrefix(typed) && !prefixed.contains(candidate) {
      prefixed.append(candidate)
    }
    return prefixed.count == 1 ? prefixed.first : nil
  }

  /// Edit distance counting insertions, deletions, substitutions and transpositions of
  /// adjacent characters (the optimal-string-alignment form).
  static func damerauLevenshtein(_ source: String, _ target: String) -> Int {
    let a = Array(source)
    let b = Array(target)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    // Three rows suffice because a transposition only looks two rows back.
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var distance = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          distance = min(distance, beforePrevious[j - 2] + 1)
        }
        current[j] = distance
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
  }
}
