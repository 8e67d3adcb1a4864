import AdregCore
import Testing

@Suite("Naranjo scale")
struct NaranjoTests {
  /// PRODUCT.md §7, typed from the published table: (yes, no, don't know) per question.
  static let published: [(Int, Int, Int)] = [
    (1, 0, 0), (2, -1, 0), (1, 0, 0), (2, -1, 0), (-1, 2, 0), (-1, 1, 0), (1, 0, 0), (1, 0, 0), (1, 0, 0), (1, 0, 0),
  ]

  @Test("each question scores yes, no and don't know as published", arguments: 1...10)
  func questionScores(number: Int) {
    let expected = Self.published[number - 1]
    #expect(Naranjo.score(question: number, .yes) == expected.0)
    #expect(Naranjo.score(question: number, .no) == expected.1)
    #expect(Naranjo.score(question: number, .unknown) == expected.2)
  }

  @Test("totals fall into the published bands at every boundary")
  func bands() {
    #expect(Naranjo.category(total: -4).rawValue == "doubtful")
    #expect(Naranjo.category(total: 0).rawValue == "doubtful")
    #expect(Naranjo.category(total: 1).rawValue == "possible")
    #expect(Naranjo.category(total: 4).rawValue == "possible")
    #expect(Naranjo.category(total: 5).rawValue == "probable")
    #expect(Naranjo.category(total: 8).rawValue == "probable")
    #expect(Naranjo.category(total: 9).rawValue == "definite")
    #expect(Naranjo.category(total: 13).rawValue == "definite")
  }
}

extension ReportFixture {
  /// Appends a follow-up built by `body` to case `id`.
  func followUp(_ id: Int64, _ body: (inout FollowUpDraft) -> Void) throws {
    var draft = FollowUpDraft()
    body(&draft)
    try registry.update(caseID: id, with: draft)
  }
}

@Suite("Assessing a case")
struct AssessmentTests {
  func update(_ f: ReportFixture, _ id: Int64, _ body: (inout FollowUpDraft) -> Void) throws {
    try f.followUp(id, body)
  }

  @Test("answers come from the record where it can tell, each with its reason")
  func derived() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2025-01-01", risks: ["psoriasis-history"])
    let record = try f.reaction("P1", "psoriasiform", onset: "2025-01-20")
    let a = try f.registry.assess(caseID: record.id)
    #expect(a.questions.map(\.answer) == [.yes, .yes, .unknown, .unknown, .yes, .unknown, .unknown, .unknown, .unknown, .unknown])
    // +1 (documented) +2 (after the first dose) −1 (psoriasis history explains it) = 2
    #expect(a.total == 2)
    #expect(a.category.rawValue == "possible")
    #expect(a.questions[4].source == .record("baseline psoriasis-history can explain psoriasiform"))
    #expect(a.questions[5].source == .unknown)
  }

  @Test("band boundary 0/1: staff answers move a case from doubtful to possible")
  func boundaryZeroOne() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2025-01-01")
    let record = try f.reaction("P1", "other", onset: "2025-01-20")
    // Q1 unknown for 'other'; Q2 +2; staff: Q5 yes −1, Q6 yes −1 → 0.
    try f.registry.answer(caseID: record.id, [(5, .yes), (6, .yes)])
    #expect(try f.registry.assess(caseID: record.id).total == 0)
    #expect(try f.registry.assess(caseID: record.id).category.rawValue == "doubtful")
    try f.registry.answer(caseID: record.id, [(6, .unknown)])
    let after = try f.registry.assess(caseID: record.id)
    #expect(after.total == 1)
    #expect(after.category.rawValue == "possible")
    if case .staff(let user, _) = after.questions[4].source { #expect(user == "tester") } else { Issue.record("Q5 is the staff's") }
  }

  @Test("band boundary 4/5: dechallenge, then a staff-confirmed objective finding")
  func boundaryFourFive() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2025-01-01")
    let record = try f.reaction("P1", "facial-redness", onset: "2025-01-20")
    try update(f, record.id) { $0.action = "paused" }
    try update(f, record.id) { $0.dechallenge = "improved" }
    // +1 +2 +1 (dechallenge improved) = 4
    #expect(try f.registry.assess(caseID: record.id).total == 4)
    try f.registry.answer(caseID: record.id, [(10, .yes)])
    let after = try f.registry.assess(caseID: record.id)
    #expect(after.total == 5)
    #expect(after.category.rawValue == "probable")
  }

  @Test("band boundary 8/9: improvement after the interval was extended answers question 8")
  func boundaryEightNine() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2025-01-01")
    try f.patient("P2", start: "2025-01-01")
    let paused = try f.reaction("P1", "facial-redness", onset: "2025-01-20")
    let extended = try f.reaction("P2", "facial-redness", onset: "2025-01-20")
    for (record, action) in [(paused, "paused"), (extended, "interval-extended")] {
      try update(f, record.id) { $0.action = action }
      try update(f, record.id) { $0.dechallenge = "improved" }
      try update(f, record.id) { $0.rechallenge = "recurred" }
      try f.registry.answer(caseID: record.id, [(5, .no)])
    }
    // +1 +2 +1 (dechallenge) +2 (rechallenge) +2 (no alternative cause) = 8
    let eight = try f.registry.assess(caseID: paused.id)
    #expect(eight.total == 8)
    #expect(eight.category.rawValue == "probable")
    let nine = try f.registry.assess(caseID: extended.id)
    #expect(nine.questions[7].answer == .yes)
    #expect(nine.total == 9)
    #expect(nine.category.rawValue == "definite")
  }

  @Test("an answer to a question outside 1 to 10 is refused and stores nothing")
  func malformed() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2025-01-01")
    let record = try f.reaction("P1", "facial-redness", onset: "2025-01-20")
    #expect(throws: RegistryError.self) { try f.registry.answer(caseID: record.id, [(5, .yes), (11, .yes)]) }
    #expect(throws: RegistryError.self) { try f.registry.answer(caseID: record.id, [(0, .no)]) }
    #expect(try f.registry.assess(caseID: record.id).questions[4].source == .unknown)
  }

  @Test("differentiation hints fire on their rules only")
  func hints() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2025-01-01", risks: ["rosacea-history"])
    var draft = CaseDraft(patientCode: "P1", category: "facial-redness", onset: "2025-04-23")  // 112 days after start
    draft.scaling = "absent"
    draft.reported = "2025-04-23"
    let early = try f.registry.record(draft)
    try update(f, early.id) { $0.action = "paused" }
    try update(f, early.id) { $0.dechallenge = "improved" }
    let rules = try f.registry.assess(caseID: early.id).hints.map(\.rule)
    #expect(rules.count == 4)
    #expect(rules[0].hasPrefix("onset within 16 weeks"))
    #expect(rules[1] == "facial redness with scaling absent")
    #expect(rules[2].hasPrefix("improvement after dupilumab was paused"))
    #expect(rules[3] == "baseline rosacea-history")

    try f.patient("P2", start: "2025-01-01")
    draft = CaseDraft(patientCode: "P2", category: "eczema-worsening", onset: "2025-04-24")  // 113 days: past 16 weeks
    draft.scaling = "present"
    draft.reported = "2025-04-24"
    let late = try f.registry.record(draft)
    #expect(try f.registry.assess(caseID: late.id).hints.isEmpty)

    // Onset 0–3 days after a logged injection, at the injection site; 4 days after, or elsewhere, no hint.
    try f.patient("P3", start: "2024-01-01")
    try f.registry.addDose(code: "P3", date: "2025-03-01")
    for (onset, sites, fires) in [
      ("2025-03-04", ["injection-site"], true), ("2025-03-01", ["injection-site"], true),
      ("2025-03-05", ["injection-site"], false), ("2025-03-02", ["arms"], false),
    ] {
      draft = CaseDraft(patientCode: "P3", category: "other", onset: onset)
      draft.description = "local swelling"
      draft.bodySites = sites
      draft.reported = onset
      let record = try f.registry.record(draft)
      let rules = try f.registry.assess(caseID: record.id).hints.map(\.rule)
      #expect(rules.contains { $0.hasSuffix("after a logged injection, at the injection site") } == fires, "\(onset) \(sites)")
    }
    try f.patient("P4", start: "2024-01-01")
    draft = CaseDraft(patientCode: "P4", category: "injection-site", onset: "2025-03-02")
    draft.reported = "2025-03-02"
    let withoutDose = try f.registry.record(draft)
    #expect(try f.registry.assess(caseID: withoutDose.id).hints.isEmpty, "no logged dose: no timing to judge")
  }
}
