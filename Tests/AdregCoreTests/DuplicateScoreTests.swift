import AdregCore
import Testing

/// The duplicate score on fields that disagree, worked by hand from its definition in `DuplicateScore`.
@Suite("Duplicate score")
struct DuplicateScoreTests {
  func record(_ f: ReportFixture, onset: String, _ body: (inout CaseDraft) -> Void) throws {
    var draft = CaseDraft(patientCode: "P1", category: "skin-infection", onset: onset)
    draft.reported = onset
    body(&draft)
    try f.registry.record(draft)
  }

  @Test("disagreeing fields score 0, agreeing 1, disjoint code lists 0; the later onset lowers the onset part")
  func disagreement() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2025-01-01")
    try record(f, onset: "2025-03-01") {
      ($0.scaling, $0.severity, $0.itch) = ("present", "mild", "3")
      ($0.morphology, $0.bodySites) = (["papules"], ["face"])
    }
    try record(f, onset: "2025-03-04") {
      ($0.scaling, $0.severity, $0.itch, $0.source) = ("absent", "severe", "3", "patient")
      ($0.morphology, $0.bodySites) = (["pustules"], ["face"])
    }
    let pairs = try f.registry.duplicatePairs(days: 14)
    #expect(pairs.count == 1)
    let pair = try #require(pairs.first)
    // d = 3, W = 14: 50 × (1 − 3/15) = 40; scaling 0, severity 0, itch 1, morphology {papules} vs {pustules} 0,
    // sites 1 → 2 × 10 = 20; score 60.
    #expect(abs(pair.score - 60) < 1e-9)
    #expect(pair.daysApart == 3)
    #expect(pair.agree == ["itch", "sites"])
    #expect(pair.differ == ["onset", "reported", "source", "scaling", "severity", "morphology"])
    #expect(pair.rules == ["same category, onsets within 14 days"], "different sources, but not the same onset")
    // W = 3 puts the pair on the window's edge: 50 × (1 − 3/4) + 20 = 32.5; W = 2 leaves it out.
    #expect(abs((try f.registry.duplicatePairs(days: 3).first?.score ?? 0) - 32.5) < 1e-9)
    #expect(try f.registry.duplicatePairs(days: 2).isEmpty)
    #expect(throws: RegistryError.self) { try f.registry.duplicatePairs(days: -1) }
  }
}
