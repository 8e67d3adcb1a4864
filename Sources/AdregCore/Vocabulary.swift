/// The coded lists of PRODUCT.md §3. The schema's CHECK constraints hold the same codes.
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

  /// The valid codes, in the order they are listed.
  public var codes: [String] {
    switch self {
    case .category:
      ["eczema-worsening", "facial-redness", "seborrheic-like", "psoriasiform", "rosacea-like",
       "injection-site", "skin-infection", "conjunctivitis", "other"]
    case .riskFactor:
      ["psoriasis-history", "rosacea-history", "seborrheic-dermatitis-history", "injection-sensitivity",
       "poor-skin-barrier"]
    case .scaling: ["present", "absent", "unknown"]
    case .morphology:
      ["erythema", "papules", "plaques", "pustules", "vesicles", "oozing", "crusting", "lichenification",
       "swelling", "telangiectasia"]
    case .bodySite:
      ["face", "eyelids", "scalp", "neck", "trunk", "arms", "hands", "legs", "feet", "flexures",
       "injection-site", "widespread"]
    case .severity: ["mild", "moderate", "severe"]
    case .action: ["continued", "interval-extended", "paused", "discontinued", "restarted"]
    case .treatment:
      ["topical-corticosteroid", "calcineurin-inhibitor", "antifungal", "antibiotic", "antiviral",
       "moisturizer", "other"]
    case .dechallenge: ["improved", "not-improved"]
    case .rechallenge: ["recurred", "no-recurrence"]
    case .outcome: ["ongoing", "improving", "resolved", "resolved-with-sequelae", "unknown"]
    case .sex: ["F", "M", "X", "unknown"]
    case .source: ["patient", "clinician"]
    case .seriousness:
      ["death", "life-threatening", "hospitalisation", "disability", "congenital-anomaly", "medically-important"]
    case .whoUMC: WHOUMC.Category.allCases.map(\.rawValue)
    }
  }

  /// The list's name in messages ("risk factor").
  public var label: String { self == .whoUMC ? "WHO-UMC causality" : rawValue.replacingOccurrences(of: "-", with: " ") }

  /// Checks one code.
  /// - Throws: `RegistryError.invalidData` listing the valid codes, with the closest one when a typo is likely.
  public func validate(_ code: String) throws -> String {
    if codes.contains(code) { return code }
    var message = "unknown \(label) '\(Validate.shortened(code))'"
    if let suggestion = Vocabulary.closest(to: code, among: codes) {
      message += "; did you mean '\(suggestion)'?"
    }
    message += (message.hasSuffix("?") ? " Valid" : "; valid") + " \(label) codes: \(codes.joined(separator: ", "))"
    throw RegistryError.invalid(message)
  }

  /// Checks a list of codes, refusing repeats.
  public func validate(_ list: [String]) throws -> [String] {
    var seen = Set<String>()
    return try list.map { code in
      let valid = try validate(code)
      guard seen.insert(valid).inserted else { throw RegistryError.invalid("\(label) '\(Validate.shortened(code))' is given twice") }
      return valid
    }
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
