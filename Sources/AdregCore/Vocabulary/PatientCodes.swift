/// A patient's sex as the registry records it.
public enum Sex: String, VocabularyCode {
  case female = "F"
  case male = "M"
  /// Another sex or gender.
  case other = "X"
  case unknown

  public static var vocabulary: Vocabulary { .sex }

  public var meaning: String {
    switch self {
    case .female: "female"
    case .male: "male"
    case .other: "another sex or gender"
    case .unknown: "not recorded"
    }
  }
}

/// A baseline risk factor recorded at enrolment.
public enum RiskFactor: String, VocabularyCode {
  case psoriasisHistory = "psoriasis-history"
  case rosaceaHistory = "rosacea-history"
  case seborrheicDermatitisHistory = "seborrheic-dermatitis-history"
  case injectionSensitivity = "injection-sensitivity"
  case poorSkinBarrier = "poor-skin-barrier"

  public static var vocabulary: Vocabulary { .riskFactor }

  public var meaning: String {
    switch self {
    case .psoriasisHistory: "history of psoriasis"
    case .rosaceaHistory: "history of rosacea"
    case .seborrheicDermatitisHistory: "history of seborrheic dermatitis"
    case .injectionSensitivity: "earlier reactions to injections"
    case .poorSkinBarrier: "markedly impaired skin barrier"
    }
  }
}
