import AdregCore
import Testing

/// PRODUCT.md §7, WHO-UMC: every rule at its boundaries, first on the criteria alone, then through the registry
/// with and without staff answers to Naranjo question 5. Each expected category is worked by hand from §7's words.
@Suite("WHO-UMC suggestion")
struct WHOUMCTests {
  typealias A = Naranjo.Answer

  func suggest(time: A = .yes, alternative: A, withdrawal: A, rechallenge: A, judgeable: Bool = true) -> WHOUMC.Category {
    WHOUMC.suggest(
      judgeable: judgeable,
      [.time: time, .alternative: alternative, .withdrawal: withdrawal, .rechallenge: rechallenge]
    ).category
  }

  @Test("certain needs all four criteria; taking any one away gives probable or possible")
  func certainBoundary() {
    // time, no alternative (Q5 no), improved (Q3 yes), recurred (Q4 yes): §7 certain.
    #expect(suggest(alternative: .no, withdrawal: .yes, rechallenge: .yes) == .certain)
    // rechallenge did not recur / unknown: still time, no alternative, improved → probable.
    #expect(suggest(alternative: .no, withdrawal: .yes, rechallenge: .no) == .probable)
    #expect(suggest(alternative: .no, withdrawal: .yes, rechallenge: .unknown) == .probable)
    // Q5 not answered or an alternative: possible, however strong the rest.
    #expect(suggest(alternative: .unknown, withdrawal: .yes, rechallenge: .yes) == .possible)
    #expect(suggest(alternative: .yes, withdrawal: .yes, rechallenge: .yes) == .possible)
    // No dechallenge information: possible even with a recurrence on rechallenge.
    #expect(suggest(alternative: .no, withdrawal: .unknown, rechallenge: .yes) == .possible)
    // Time not met (staff said no or don't know): unassessable, never certain.
    #expect(suggest(time: .no, alternative: .no, withdrawal: .yes, rechallenge: .yes) == .unassessable)
    #expect(suggest(time: .unknown, alternative: .no, withdrawal: .yes, rechallenge: .yes) == .unassessable)
    // A category that cannot be judged ('other' without a description) is unassessable whatever the answers.
    #expect(suggest(alternative: .no, withdrawal: .yes, rechallenge: .yes, judgeable: false) == .unassessable)
  }

  @Test("each suggestion names the rule and the criteria that gave it")
  func rules() {
    func rule(_ a: A, _ d: A, _ r: A) -> String {
      WHOUMC.suggest(judgeable: true, [.time: .yes, .alternative: a, .withdrawal: d, .rechallenge: r]).rule
    }
    #expect(rule(.no, .yes, .yes) == "time, no alternative cause, improved on withdrawal, recurred on rechallenge")
    #expect(rule(.no, .yes, .no).hasSuffix("(not certain: did not recur on rechallenge)"))
    #expect(rule(.no, .yes, .unknown).hasSuffix("(not certain: no rechallenge information)"))
    #expect(rule(.yes, .unknown, .unknown) == "time, and an alternative cause, no dechallenge information")
    #expect(rule(.unknown, .yes, .unknown) == "time, and question 5 not answered")
    #expect(rule(.no, .unknown, .unknown) == "time, and no dechallenge information")
    // Time and no alternative but not improved on withdrawal fits none of §7's rules: possible, and it says so.
    #expect(rule(.no, .no, .yes).contains("no rule of §7 fits"))
    let untimed = WHOUMC.suggest(judgeable: true, [.time: .no]).rule
    #expect(untimed.contains("question 2: no") && untimed.contains("'unlikely'"))
  }

  /// §7 restated as sets, independently of the chain of `if`s in `WHOUMC.suggest`, over all 3⁴ answer combinations.
  @Test("over every combination of answers, the suggestion is §7's and never a staff-only category")
  func exhaustive() {
    for t in A.allCases {
      for a in A.allCases {
        for d in A.allCases {
          for r in A.allCases {
            let expected: WHOUMC.Category
            if t != .yes {
              expected = .unassessable
            } else if a == .no && d == .yes {
              expected = r == .yes ? .certain : .probable
            } else {
              expected = .possible  // an alternative, Q5 unanswered, no dechallenge information, or not improved
            }
            let got = suggest(time: t, alternative: a, withdrawal: d, rechallenge: r)
            #expect(got == expected, "time \(t) alternative \(a) withdrawal \(d) rechallenge \(r)")
            #expect(got.isSuggestible)
          }
        }
      }
    }
    #expect(!WHOUMC.Category.unlikely.isSuggestible && !WHOUMC.Category.conditional.isSuggestible)
    #expect(Vocabulary.whoUMC.codes == ["certain", "probable", "possible", "unlikely", "conditional", "unassessable"])
  }
}

@Suite("WHO-UMC from the record and staff answers")
struct WHOUMCRecordTests {
  func who(_ f: ReportFixture, _ id: Int64) throws -> WHOUMCAssessment { try f.registry.assess(caseID: id).whoUMC }

  /// A registry with one patient, started 2025-01-01, and one case.
  func oneCase(_ category: String, onset: String, risks: [String] = []) throws -> (ReportFixture, CaseRecord) {
    let f = try ReportFixture()
    try f.patient("P1", start: "2025-01-01", risks: risks)
    return (f, try f.reaction("P1", category, onset: onset))
  }

  @Test("without a staff answer to question 5 the record never reaches probable; with 5=no it reaches certain")
  func questionFive() throws {
    let (f, record) = try oneCase("facial-redness", onset: "2025-01-20")
    try f.followUp(record.id) { $0.action = "paused" }
    try f.followUp(record.id) { $0.dechallenge = "improved" }
    try f.followUp(record.id) { $0.rechallenge = "recurred" }
    // No history explains facial redness, so Q5 is don't know: time, Q5 not answered → possible.
    var w = try who(f, record.id)
    #expect(w.suggested == .possible)
    #expect(w.rule == "time, and question 5 not answered")
    #expect(w.criteria.map(\.answer) == [.yes, .unknown, .yes, .yes])
    #expect(w.criteria[2].source == .record("dechallenge: improved"))
    // Staff 5=no: time, no alternative, improved, recurred → certain.
    try f.registry.answer(caseID: record.id, [(5, .no)])
    w = try who(f, record.id)
    #expect(w.suggested == .certain)
    if case .staff(let user, _) = w.criteria[1].source { #expect(user == "tester") } else { Issue.record("Q5 is staff's") }
    // Staff 5=unknown: back to not answered → possible. Staff 5=yes: an alternative → possible.
    try f.registry.answer(caseID: record.id, [(5, .unknown)])
    #expect(try who(f, record.id).suggested == .possible)
    try f.registry.answer(caseID: record.id, [(5, .yes)])
    w = try who(f, record.id)
    #expect(w.suggested == .possible)
    #expect(w.rule == "time, and an alternative cause")
  }

  @Test("a baseline history answers question 5 yes from the record; staff 5=no overrides it")
  func historyAlternative() throws {
    let (f, record) = try oneCase("psoriasiform", onset: "2025-02-10", risks: ["psoriasis-history"])
    try f.followUp(record.id) { $0.action = "paused" }
    try f.followUp(record.id) { $0.dechallenge = "improved" }
    // Record: time, an alternative (psoriasis history) → possible, though dechallenge improved.
    var w = try who(f, record.id)
    #expect(w.suggested == .possible)
    #expect(w.criteria[1].source == .record("baseline psoriasis-history can explain psoriasiform"))
    // Staff judge the history does not explain it: time, no alternative, improved, no rechallenge → probable.
    try f.registry.answer(caseID: record.id, [(5, .no)])
    w = try who(f, record.id)
    #expect(w.suggested == .probable)
    #expect(w.rule.hasSuffix("(not certain: no rechallenge information)"))
    // A rechallenge without recurrence stays probable (one criterion short of certain).
    try f.followUp(record.id) { $0.rechallenge = "no-recurrence" }
    #expect(try who(f, record.id).suggested == .probable)
  }

  @Test("dechallenge not improved with no alternative is possible; staff answers to 3 and 4 feed the criteria")
  func withdrawalAndRechallenge() throws {
    let (f, record) = try oneCase("eczema-worsening", onset: "2025-03-01")
    try f.followUp(record.id) { $0.dechallenge = "not-improved" }
    try f.registry.answer(caseID: record.id, [(5, .no)])
    // time, no alternative, did not improve: not probable; adreg suggests possible.
    var w = try who(f, record.id)
    #expect(w.suggested == .possible)
    #expect(w.criteria[2].finding == "did not improve on withdrawal")
    // Staff correct question 3 to yes and answer 4 yes (no follow-up says so): time, no alternative, improved,
    // recurred → certain, each criterion from staff.
    try f.registry.answer(caseID: record.id, [(3, .yes), (4, .yes)])
    w = try who(f, record.id)
    #expect(w.suggested == .certain)
    for criterion in w.criteria.dropFirst() {
      if case .staff = criterion.source {} else { Issue.record("\(criterion.criterion) should be staff's") }
    }
  }

  @Test("time: onset on the first day of treatment counts; staff answering question 2 no or don't know makes it unassessable")
  func timeBoundary() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2025-01-01")
    // Onset on the start day (day 0): §7 "onset after the first dose" — the record's Q2 is yes.
    let record = try f.reaction("P1", "injection-site", onset: "2025-01-01")
    try f.followUp(record.id) { $0.dechallenge = "improved" }
    try f.registry.answer(caseID: record.id, [(5, .no)])
    #expect(try who(f, record.id).criteria[0].source == .record("onset on day 1 of treatment, after the first dose"))
    #expect(try who(f, record.id).suggested == .probable)
    try f.registry.answer(caseID: record.id, [(2, .no)])
    #expect(try who(f, record.id).suggested == .unassessable)
    try f.registry.answer(caseID: record.id, [(2, .unknown)])
    #expect(try who(f, record.id).suggested == .unassessable)
    try f.registry.answer(caseID: record.id, [(2, .yes)])
    #expect(try who(f, record.id).suggested == .probable)
  }

  @Test("the category staff set stands over the suggestion; the latest setting wins and a bad one writes nothing")
  func staffSetting() throws {
    let (f, record) = try oneCase("facial-redness", onset: "2025-01-20")
    #expect(try who(f, record.id).staff == nil)
    #expect(try who(f, record.id).standing == .possible)
    try f.registry.recordAssessment(caseID: record.id, answers: [], whoUMC: ("conditional", "biopsy pending"))
    try f.registry.recordAssessment(caseID: record.id, answers: [(5, .no)], whoUMC: ("unlikely", "rosacea since youth"))
    let w = try who(f, record.id)
    #expect(w.suggested == .possible, "the suggestion is still computed: time, no dechallenge information")
    #expect(w.staff?.category == .unlikely && w.staff?.reason == "rosacea since youth" && w.staff?.by == "tester")
    #expect(w.standing == .unlikely)
    #expect(throws: RegistryError.self) {
      try f.registry.recordAssessment(caseID: record.id, answers: [(3, .yes)], whoUMC: ("likely", "x"))
    }
    #expect(throws: RegistryError.self) {
      try f.registry.recordAssessment(caseID: record.id, answers: [(3, .yes)], whoUMC: ("certain", "  "))
    }
    #expect(try f.registry.assess(caseID: record.id).questions[2].source == .unknown, "the refused answer was not stored")
    #expect(try who(f, record.id).staff?.category == .unlikely)
  }
}
