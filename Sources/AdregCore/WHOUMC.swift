/// The WHO-UMC system for standardised case causality assessment, as PRODUCT.md §7 lets adreg suggest a category.
///
/// The suggestion reads four criteria, each the Naranjo answer to one question (a staff answer where given, else
/// what the record tells): *time* is question 2 (onset after the first dose), *alternative* question 5, *withdrawal*
/// question 3 (dechallenge) and *rechallenge* question 4.
public enum WHOUMC {
  /// The six WHO-UMC categories, strongest first; `Vocabulary.whoUMC` lists them.
  public enum Category: String, VocabularyCode {
    case certain, probable, possible, unlikely, conditional, unassessable

    public static var vocabulary: Vocabulary { .whoUMC }

    /// Whether adreg may suggest it; `unlikely` and `conditional` are staff judgements only.
    public var isSuggestible: Bool { self != .unlikely && self != .conditional }

    public var meaning: String {
      switch self {
      case .certain: "plausible timing, no other explanation, improved on withdrawal and recurred on rechallenge"
      case .probable: "plausible timing, no other explanation, improved on withdrawal"
      case .possible: "plausible timing, but another explanation exists or withdrawal information is lacking"
      case .unlikely: "timing or another cause makes a drug link improbable (a staff judgement)"
      case .conditional: "more data are needed before the case can be judged (a staff judgement)"
      case .unassessable: "the information is insufficient or contradictory and cannot be completed"
      }
    }
  }

  /// The four criteria the suggestion reads, with the Naranjo question each comes from.
  public enum Criterion: String, CaseIterable, Sendable {
    case time, alternative, withdrawal, rechallenge

    /// The Naranjo question whose answer the criterion reads.
    public var question: Int {
      switch self {
      case .time: 2
      case .alternative: 5
      case .withdrawal: 3
      case .rechallenge: 4
      }
    }

    /// What the answer means for this criterion, in words.
    public func finding(_ answer: Naranjo.Answer) -> String {
      switch (self, answer) {
      case (.time, .yes): "onset after the first dose"
      case (.time, .no): "onset not after the first dose"
      case (.time, .unknown): "timing not known"
      case (.alternative, .yes): "an alternative cause"
      case (.alternative, .no): "no alternative cause"
      case (.alternative, .unknown): "question 5 not answered"
      case (.withdrawal, .yes): "improved on withdrawal"
      case (.withdrawal, .no): "did not improve on withdrawal"
      case (.withdrawal, .unknown): "no dechallenge information"
      case (.rechallenge, .yes): "recurred on rechallenge"
      case (.rechallenge, .no): "did not recur on rechallenge"
      case (.rechallenge, .unknown): "no rechallenge information"
      }
    }
  }

  /// The suggested category and the rule that gave it.
  ///
  /// In this order: `unassessable` when the category cannot be judged (`other` without a description) or time is
  /// not met (question 2 answered no or don't know: every suggestion of §7 needs it); `certain` for time, no
  /// alternative, improved on withdrawal and recurred on rechallenge; `probable` for time, no alternative and
  /// improved on withdrawal; `possible` for time and an alternative, question 5 not answered, or no dechallenge
  /// information. What is left — time, no alternative, but no improvement on withdrawal — fits no rule of §7:
  /// adreg suggests the weakest category that keeps a drug link, `possible`, and says so.
  /// - Parameters:
  ///   - judgeable: false when the category cannot be judged.
  ///   - answers: the answer each criterion reads; a missing one counts as don't know.
  public static func suggest(
    judgeable: Bool, _ answers: [Criterion: Naranjo.Answer]
  ) -> (category: Category, rule: String) {
    let time = answers[.time] ?? .unknown
    let alternative = answers[.alternative] ?? .unknown
    let withdrawal = answers[.withdrawal] ?? .unknown
    let rechallenge = answers[.rechallenge] ?? .unknown
    guard judgeable else {
      return (.unassessable, "the category cannot be judged: 'other' without a description")
    }
    guard time == .yes else {
      return (
        .unassessable,
        "time is not met (question 2: \(time == .no ? "no" : "don't know")), and every suggestion needs it; "
          + "set 'unlikely' if the timing makes a drug link improbable")
    }
    if alternative == .no && withdrawal == .yes {
      if rechallenge == .yes {
        return (.certain, "time, no alternative cause, improved on withdrawal, recurred on rechallenge")
      }
      return (
        .probable,
        "time, no alternative cause, improved on withdrawal (not certain: "
          + (rechallenge == .no ? "did not recur on rechallenge)" : "no rechallenge information)"))
    }
    var reasons: [String] = []
    if alternative == .yes { reasons.append("an alternative cause") }
    if alternative == .unknown { reasons.append("question 5 not answered") }
    if withdrawal == .unknown { reasons.append("no dechallenge information") }
    if !reasons.isEmpty {
      return (.possible, "time, and " + reasons.joined(separator: ", "))
    }
    return (
      .possible,
      "time and no alternative cause, but no improvement on withdrawal: not probable, and no rule of §7 fits; "
        + "adreg suggests possible (staff may set unlikely)")
  }
}

/// One criterion of a WHO-UMC suggestion: the Naranjo answer it read and where that answer came from.
public struct WHOUMCCriterion: Sendable, Equatable {
  public var criterion: WHOUMC.Criterion
  public var answer: Naranjo.Answer
  public var source: AnswerSource
  /// The answer in the criterion's words ("no alternative cause").
  public var finding: String { criterion.finding(answer) }
}

/// The category staff set, with why, who and when; the latest one stands.
public struct WHOUMCSetting: Sendable, Equatable {
  public var category: WHOUMC.Category
  public var reason: String
  public var by: String
  public var at: String
}

/// The WHO-UMC side of an assessment: adreg's suggestion with the criteria it used, and the category staff set.
public struct WHOUMCAssessment: Sendable, Equatable {
  public var suggested: WHOUMC.Category
  /// The rule that gave the suggestion.
  public var rule: String
  public var criteria: [WHOUMCCriterion]
  /// The latest category staff set, if any.
  public var staff: WHOUMCSetting?
  /// The category that stands: staff's when set, else the suggestion.
  public var standing: WHOUMC.Category { staff?.category ?? suggested }
}
