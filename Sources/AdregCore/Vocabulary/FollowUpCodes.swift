/// What was done with dupilumab after a reaction.
public enum Action: String, VocabularyCode {
  case continued
  case intervalExtended = "interval-extended"
  case paused
  case discontinued
  case restarted

  public static var vocabulary: Vocabulary { .action }

  /// Whether dupilumab was withheld or spaced: a dechallenge.
  public var withholds: Bool { self == .paused || self == .intervalExtended || self == .discontinued }

  public var meaning: String {
    switch self {
    case .continued: "dupilumab continued unchanged"
    case .intervalExtended: "dosing interval extended"
    case .paused: "dupilumab paused"
    case .discontinued: "dupilumab stopped"
    case .restarted: "dupilumab restarted"
    }
  }
}

/// An add-on treatment given for a reaction.
public enum Treatment: String, VocabularyCode {
  case topicalCorticosteroid = "topical-corticosteroid"
  case calcineurinInhibitor = "calcineurin-inhibitor"
  case antifungal
  case antibiotic
  case antiviral
  case moisturizer
  case other

  public static var vocabulary: Vocabulary { .treatment }

  public var meaning: String {
    switch self {
    case .topicalCorticosteroid: "topical corticosteroid"
    case .calcineurinInhibitor: "topical calcineurin inhibitor"
    case .moisturizer: "emollient or moisturizer"
    case .other: "another treatment"
    default: rawValue
    }
  }
}

/// The result of pausing, stopping or spacing dupilumab.
public enum Dechallenge: String, VocabularyCode {
  case improved
  case notImproved = "not-improved"

  public static var vocabulary: Vocabulary { .dechallenge }

  public var meaning: String {
    switch self {
    case .improved: "improved after dupilumab was paused, stopped or spaced"
    case .notImproved: "did not improve after dechallenge"
    }
  }
}

/// The result of giving dupilumab again.
public enum Rechallenge: String, VocabularyCode {
  case recurred
  case noRecurrence = "no-recurrence"

  public static var vocabulary: Vocabulary { .rechallenge }

  public var meaning: String {
    switch self {
    case .recurred: "recurred when dupilumab was given again"
    case .noRecurrence: "did not recur on rechallenge"
    }
  }
}

/// How a reaction is now.
public enum Outcome: String, VocabularyCode {
  case ongoing
  case improving
  case resolved
  case resolvedWithSequelae = "resolved-with-sequelae"
  case unknown

  public static var vocabulary: Vocabulary { .outcome }

  /// Whether the reaction has ended; such an outcome needs the day it resolved.
  public var isResolved: Bool { self == .resolved || self == .resolvedWithSequelae }

  public var meaning: String {
    switch self {
    case .ongoing: "ongoing"
    case .improving: "improving"
    case .resolved: "resolved"
    case .resolvedWithSequelae: "resolved with lasting changes"
    case .unknown: "outcome unknown"
    }
  }
}
