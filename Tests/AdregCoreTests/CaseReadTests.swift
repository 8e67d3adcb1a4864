import AdregSQLite3
import AdregTestSupport
import Foundation
import Testing
@testable import AdregCore
@testable import AdregDatabase

/// Counts the statements a connection runs while it is traced (`sqlite3_trace_v2`, SQLITE_TRACE_STMT).
private final class StatementLog {
  var statements: [String] = []

  /// The queries `body` runs on `connection`: its SELECT statements, leaving out BEGIN and COMMIT.
  static func queries(on connection: Connection, _ body: () throws -> Void) throws -> [String] {
    let log = StatementLog()
    let context = Unmanaged.passRetained(log)
    defer { context.release() }
    sqlite3_trace_v2(
      connection.handle, UInt32(SQLITE_TRACE_STMT),
      { _, context, _, sql in
        guard let context, let sql else { return 0 }
        let text = String(cString: sql.assumingMemoryBound(to: CChar.self))
        Unmanaged<StatementLog>.fromOpaque(context).takeUnretainedValue().statements.append(text)
        return 0
      }, context.toOpaque())
    defer { sqlite3_trace_v2(connection.handle, 0, nil, nil) }
    try body()
    return log.statements.filter { $0.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().hasPrefix("SELECT") }
  }
}

@Suite("reading one case")
struct CaseReadTests {
  static let today = Day(year: 2025, month: 6, day: 30) ?? Day(number: 0)

  /// A registry with patient P-1 (a dose on 2025-01-10) and case 1 of P-1 with two morphology codes, two body
  /// sites and a seriousness criterion; case 2, of the same patient, is withdrawn as its duplicate.
  private static func registry(in folder: TemporaryDirectory) throws -> Registry {
    let registry = try Registry.initialize(
      at: folder.path("registry.sqlite"), user: "dm.lee", today: today, defaultSite: "north",
      clock: { Date(timeIntervalSince1970: 1_751_284_800) }
    ).registry
    var patient = PatientDraft(code: "P-1", start: "2025-01-01")
    patient.riskFactors = ["rosacea-history"]
    try registry.addPatient(patient)
    _ = try registry.addDose(code: "P-1", date: "2025-01-10")
    var draft = CaseDraft(patientCode: "P-1", category: "facial-redness", onset: "2025-01-12")
    draft.morphology = ["papules", "erythema"]
    draft.bodySites = ["neck", "face"]
    draft.seriousness = ["medically-important"]
    try registry.record(draft)
    try registry.record(CaseDraft(patientCode: "P-1", category: "facial-redness", onset: "2025-01-13"))
    try registry.withdraw(caseID: 2, duplicateOf: 1)
    return registry
  }

  @Test("a case with follow-ups, link tables, a withdrawn duplicate and a last dose is read in two queries")
  func twoQueries() throws {
    let folder = try TemporaryDirectory(prefix: "adreg-case-read")
    let registry = try Self.registry(in: folder)
    var first = FollowUpDraft()
    first.action = "paused"
    first.treatments = ["topical-corticosteroid", "antifungal"]
    try registry.update(caseID: 1, with: first)
    var second = FollowUpDraft()
    second.outcome = "resolved"
    second.outcomeDate = "2025-02-01"
    try registry.update(caseID: 1, with: second)

    var record: CaseRecord?
    let queries = try StatementLog.queries(on: registry.db) { record = try registry.caseRecord(id: 1) }
    #expect(queries.count <= 2, "\(queries)")
    let read = try #require(record)
    #expect(read.morphology.codes == ["erythema", "papules"])
    #expect(read.bodySites.codes == ["face", "neck"])
    #expect(read.seriousness.codes == ["medically-important"])
    #expect(read.duplicates == [2])
    #expect(read.timing.lastDose == Day(year: 2025, month: 1, day: 10))
    #expect(read.followUps.map(\.action?.rawValue) == ["paused", nil])
    #expect(read.followUps.first?.treatments.codes == ["antifungal", "topical-corticosteroid"])
    #expect(read.current.outcomeDate == Day(year: 2025, month: 2, day: 1))
  }

  @Test("a withdrawn case without follow-ups is read in one query, its withdrawal with it")
  func oneQuery() throws {
    let folder = try TemporaryDirectory(prefix: "adreg-case-read")
    let registry = try Self.registry(in: folder)
    var record: CaseRecord?
    let queries = try StatementLog.queries(on: registry.db) { record = try registry.caseRecord(id: 2) }
    #expect(queries.count == 1, "\(queries)")
    let withdrawal = try #require(record?.withdrawal)
    #expect(withdrawal.duplicateOf == 1)
    #expect(withdrawal.reason == "duplicate of case 1")
    #expect(withdrawal.by == "dm.lee")
    #expect(record?.followUps == [])
  }
}
