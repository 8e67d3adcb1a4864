/// The coded lists of PRODUCT.md §3, each declared once as an enum conforming to `VocabularyCode`.
/// The schema's CHECK constraints and the seeded `vocabulary` table hold the same codes (a test proves it).
public enum Vocabulary: String, CaseIterable, Sendable {
  case category
  case riskFactor = "risk-factor"
  case scaling
  case morphology
  case bodySite = "body-site"
  case severity
  case action
  case treatment
  case dechallenge
  case rechallenge
  case outcome
  case sex
  case source
  case seriousness
  case whoUMC = "who-umc"

  /// The enum that declares the list's codes.
  public var codeType: any VocabularyCode.Type {
    switch self {
    case .category: Category.self
    case .riskFactor: RiskFactor.self
    case .scaling: Scaling.self
    case .morphology: Morphology.self
    case .bodySite: BodySite.self
    case .severity: Severity.self
    case .action: Action.self
    case .treatment: Treatment.self
    case .dechallenge: Dechallenge.self
    case .rechallenge: Rechallenge.self
    case .outcome: Outcome.self
    case .sex: Sex.self
    case .source: CaseSource.self
    case .seriousness: SeriousnessCriterion.self
    case .whoUMC: WHOUMC.Category.self
    }
  }

  /// The valid codes, in the order they are listed.
  public var codes: [String] { codeType.codes }

  /// Each code with its meaning, in the order they are listed.
  public var entries: [(code: String, meaning: String)] { Self.entries(of: codeType) }

  private static func entries<Code: VocabularyCode>(of type: Code.Type) -> [(code: String, meaning: String)] {
    type.allCases.map { ($0.rawValue, $0.meaning) }
  }

  /// The list's name in messages ("risk factor").
  public var label: String { self == .whoUMC ? "WHO-UMC causality" : rawValue.replacingOccurrences(of: "-", with: " ") }

  /// Checks one code.
  /// - Throws: `RegistryError.invalidData` listing the valid codes, with the closest one when a typo is likely.
  public func validate(_ code: String) throws -> String {
    if codes.contains(code) { return code }
    throw unknownCode(code)
  }

  /// Checks a list of codes, refusing repeats.
  public func validate(_ list: [String]) throws -> [String] {
    var seen = Set<String>()
    return try list.map { code in
      let valid = try validate(code)
      guard seen.insert(valid).inserted else { throw repeatedCode(code) }
      return valid
    }
  }

  /// The refusal of a code that is not in the list: the valid codes, after the closest one when a typo is likely.
  func unknownCode(_ code: String) -> RegistryError {
    var message = "unknown \(label) '\(Validate.shortened(code))'"
    if let suggestion = Vocabulary.closest(to: code, among: codes) {
      message += "; did you mean '\(suggestion)'?"
    }
    message += (message.hasSuffix("?") ? " Valid" : "; valid") + " \(label) codes: \(codes.joined(separator: ", "))"
    return RegistryError.invalid(message)
  }

  /// The refusal of a code given twice in one list.
  func repeatedCode(_ code: String) -> RegistryError {
    RegistryError.invalid("\(label) '\(Validate.shortened(code))' is given twice")
  }

  /// The candidate within a small edit distance, when exactly one is closest.
  static func closest(to word: String, among candidates: [String]) -> String? {
    let lowered = word.lowercased()
    if let exact = candidates.first(where: { $0.lowercased() == lowered }) { return exact }
    let scored = candidates.map { ($0, editDistance(lowered, $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    let limit = max(2, word.count / 4)
    guard best.1 <= limit, scored.filter({ $0.1 == best.1 }).count == 1 else {
      let prefixed = candidates.filter { $0.hasPrefix(lowered) }
      return prefixed.count == 1 && lowered.count >= 3 ? prefixed[0] : nil
    }
    return best.0
  }
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
func editDistance(_ a: String, _ b: String) -> Int {
  let s = Array(a.unicodeScalars)
  let t = Array(b.unicodeScalars)
  if s.isEmpty { return t.count }
  if t.isEmpty { return s.count }
  var previous2 = [Int](repeating: 0, count: t.count + 1)
  var previous = Array(0...t.count)
  var current = [Int](repeating: 0, count: t.count + 1)
  for i in 1...s.count {
    current[0] = i
    for j in 1...t.count {
      let cost = s[i - 1] == t[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
        current[j] = min(current[j], previous2[j - 2] + 1)
      }
    }
    (previous2, previous, current) = (previous, current, previous2)
  }
  return previous[t.count]
}
