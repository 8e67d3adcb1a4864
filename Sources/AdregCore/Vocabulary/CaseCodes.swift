/// Who reported a case.
public enum CaseSource: String, VocabularyCode {
  case patient
  case clinician

  public static var vocabulary: Vocabulary { .source }

  public var meaning: String {
    switch self {
    case .patient: "reported by the patient"
    case .clinician: "observed by a clinician"
    }
  }
}

/// Whether a reaction scales.
public enum Scaling: String, VocabularyCode {
  case present
  case absent
  case unknown

  public static var vocabulary: Vocabulary { .scaling }

  public var meaning: String {
    switch self {
    case .present: "scaling present"
    case .absent: "no scaling"
    case .unknown: "scaling not assessed"
    }
  }
}

/// What a reaction looks like; a case lists any number.
public enum Morphology: String, VocabularyCode {
  case erythema
  case papules
  case plaques
  case pustules
  case vesicles
  case oozing
  case crusting
  case lichenification
  case swelling
  case telangiectasia

  public static var vocabulary: Vocabulary { .morphology }

  public var meaning: String {
    switch self {
    case .erythema: "redness"
    case .papules: "small raised bumps"
    case .plaques: "raised flat-topped patches"
    case .pustules: "pus-filled bumps"
    case .vesicles: "small blisters"
    case .oozing: "weeping skin"
    case .crusting: "dried exudate"
    case .lichenification: "thickened skin from scratching"
    case .swelling: "oedema"
    case .telangiectasia: "visible small vessels"
    }
  }
}

/// Where on the body a reaction is; a case lists any number.
public enum BodySite: String, VocabularyCode {
  case face
  case eyelids
  case scalp
  case neck
  case trunk
  case arms
  case hands
  case legs
  case feet
  case flexures
  case injectionSite = "injection-site"
  case widespread

  public static var vocabulary: Vocabulary { .bodySite }

  public var meaning: String {
    switch self {
    case .flexures: "skin folds"
    case .injectionSite: "where the injection was given"
    default: rawValue
    }
  }
}

/// How severe a reaction is.
public enum Severity: String, VocabularyCode {
  case mild
  case moderate
  case severe

  public static var vocabulary: Vocabulary { .severity }

  public var meaning: String { rawValue }
}

/// A seriousness criterion of ICH E2B(R3) E.i.3.2a–f; a case is serious when it has one.
public enum SeriousnessCriterion: String, VocabularyCode {
  case death
  case lifeThreatening = "life-threatening"
  case hospitalisation
  case disability
  case congenitalAnomaly = "congenital-anomaly"
  case medicallyImportant = "medically-important"

  public static var vocabulary: Vocabulary { .seriousness }

  public var meaning: String {
    switch self {
    case .death: "results in death (E.i.3.2a)"
    case .lifeThreatening: "life-threatening (E.i.3.2b)"
    case .hospitalisation: "caused or prolonged hospitalisation (E.i.3.2c)"
    case .disability: "disabling or incapacitating (E.i.3.2d)"
    case .congenitalAnomaly: "congenital anomaly or birth defect (E.i.3.2e)"
    case .medicallyImportant: "other medically important condition (E.i.3.2f)"
    }
  }
}
