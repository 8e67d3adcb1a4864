/// The Naranjo adverse drug reaction probability scale (Naranjo et al., Clin Pharmacol Ther 1981).
public enum Naranjo {
  /// An answer to one question.
  public enum Answer: String, Sendable, CaseIterable {
    case yes, no, unknown
  }

  /// The probability band of a total score.
  public enum Band: String, Sendable, CaseIterable, CustomStringConvertible {
    case definite, probable, possible, doubtful

    /// The band's name, as `assess` prints it.
    public var description: String { rawValue }
  }

  /// The ten questions with their scores for yes, no and don't know.
  public static let questions: [(text: String, yes: Int, no: Int)] = [
    ("Are there previous conclusive reports on this reaction?", 1, 0),
    ("Did the adverse event appear after the suspected drug was administered?", 2, -1),
    ("Did the adverse reaction improve when the drug was discontinued or a specific antagonist was administered?", 1, 0),
    ("Did the adverse reaction reappear when the drug was readministered?", 2, -1),
    ("Are there alternative causes (other than the drug) that could on their own have caused the reaction?", -1, 2),
    ("Did the reaction reappear when a placebo was given?", -1, 1),
    ("Was the drug detected in the blood (or other fluids) in concentrations known to be toxic?", 1, 0),
    ("Was the reaction more severe when the dose was increased, or less severe when the dose was decreased?", 1, 0),
    ("Did the patient have a similar reaction to the same or similar drugs in any previous exposure?", 1, 0),
    ("Was the adverse event confirmed by any objective evidence?", 1, 0),
  ]

  /// The score of one answer to question `number` (1–10); "don't know" scores 0.
  public static func score(question number: Int, _ answer: Answer) -> Int {
    guard (1...10).contains(number) else { return 0 }
    let question = questions[number - 1]
    switch answer {
    case .yes: return question.yes
    case .no: return question.no
    case .unknown: return 0
    }
  }

  /// The category of a total: ≥ 9 definite, 5–8 probable, 1–4 possible, ≤ 0 doubtful.
  public static func category(total: Int) -> Band {
    switch total {
    case 9...: .definite
    case 5...8: .probable
    case 1...4: .possible
    default: .doubtful
    }
  }
}

/// Where an answer came from.
public enum AnswerSource: Sendable, Equatable {
  /// Derived from the record, with the fact it rests on.
  case record(String)
  /// Given by staff, with who and when.
  case staff(user: String, at: String)
  /// Nothing in the record tells.
  case unknown
}

/// One answered question of an assessment.
public struct AssessedQuestion: Sendable, Equatable {
  public var number: Int
  public var text: String
  public var answer: Naranjo.Answer
  public var source: AnswerSource
  public var score: Int
}

/// A differentiation hint from clinical practice, with the rule that fired.
public struct DifferentiationHint: Sendable, Equatable {
  public var rule: String
  public var hint: String
}

/// The causality assessment of one case.
public struct Assessment: Sendable, Equatable {
  public var caseID: Int64
  public var questions: [AssessedQuestion]
  public var total: Int { questions.reduce(0) { $0 + $1.score } }
  public var category: Naranjo.Band { Naranjo.category(total: total) }
  public var hints: [DifferentiationHint]
  /// Hints whose rule could not be checked for want of data, each saying what is missing and how to add it.
  public var unchecked: [DifferentiationHint] = []
  /// The WHO-UMC category adreg suggests, with its criteria, beside the one staff set.
  public var whoUMC: WHOUMCAssessment
}
