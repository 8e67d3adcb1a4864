import AdregTestSupport
import Dispatch
import Foundation
import Testing
@testable import AdregCore

/// A value handed to the thread of a race; each side touches it only while the other waits.
private final class Shared<Value>: @unchecked Sendable {
  var value: Value
  init(_ value: Value) { self.value = value }
}

/// Two registries on one file, "nurse.a" and "nurse.b", with patient P-1 (started 2025-01-01) and its cases 1 and 2.
private struct TwoWriters {
  static let today = Day(year: 2025, month: 6, day: 30) ?? Day(number: 0)
  let folder: TemporaryDirectory
  let first: Registry
  let second: Registry

  init() throws {
    folder = try TemporaryDirectory(prefix: "adreg-race")
    let path = folder.path("registry.sqlite")
    let setUp = try Registry.initialize(at: path, user: "dm.lee", today: Self.today, defaultSite: "north").registry
    try setUp.addPatient(PatientDraft(code: "P-1", start: "2025-01-01"))
    try setUp.record(CaseDraft(patientCode: "P-1", category: "facial-redness", onset: "2025-02-01"))
    try setUp.record(CaseDraft(patientCode: "P-1", category: "facial-redness", onset: "2025-02-03"))
    first = try Registry.open(at: path, user: "nurse.a", today: Self.today)
    second = try Registry.open(at: path, user: "nurse.b", today: Self.today)
  }

  /// Runs `act` on the first registry while the second holds the write lock with `change` made but not committed;
  /// the second commits once the first has started (and, were its check outside its write, read the old state).
  /// - Returns: the message of the `RegistryError.invalidData` that `act` threw, or nil when it did not throw one.
  func race(change: (Registry) throws -> Void, act: @escaping @Sendable (Registry) throws -> Void) throws -> String? {
    let shared = Shared(first)
    let outcome = Shared<String?>(nil)
    let started = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    try second.write {
      try change(second)
      DispatchQueue.global().async {
        started.signal()
        do {
          try act(shared.value)
        } catch let error as RegistryError where error.kind == .invalidData {
          outcome.value = error.message
        } catch {
          outcome.value = "unexpected \(error)"
        }
        done.signal()
      }
      started.wait()
      Thread.sleep(forTimeInterval: 0.3)
    }
    done.wait()
    return outcome.value
  }

  /// Audit entries the first registry wrote; every change writes one.
  func firstWrites() throws -> Int {
    try second.db.scalar(Int.self, "SELECT count(*) FROM audit_entry WHERE user = 'nurse.a'") ?? -1
  }

  func count(_ sql: String) throws -> Int { try second.db.scalar(Int.self, sql) ?? -1 }
}

@Suite("a check and its act in one transaction")
struct CheckInsideWriteTests {
  @Test("withdraw refuses a case another writer withdrew meanwhile")
  func withdrawAfterWithdraw() throws {
    let writers = try TwoWriters()
    let message = try writers.race(
      change: { try $0.withdraw(caseID: 1, reason: "entered twice") },
      act: { try $0.withdraw(caseID: 1, reason: "wrong patient") })
    #expect(message == "case 1 is already withdrawn")
    #expect(try writers.firstWrites() == 0)
    #expect(try writers.count("SELECT count(*) FROM case_withdrawal WHERE reason = 'wrong patient'") == 0)
  }

  @Test("withdrawing a duplicate refuses a kept case another writer withdrew meanwhile")
  func duplicateOfWithdrawn() throws {
    let writers = try TwoWriters()
    let message = try writers.race(
      change: { try $0.withdraw(caseID: 2, reason: "entered in error") },
      act: { try $0.withdraw(caseID: 1, duplicateOf: 2) })
    #expect(message == "case 2 is withdrawn itself (entered in error); link the duplicate to a case that stays")
    #expect(try writers.firstWrites() == 0)
    #expect(try writers.count("SELECT count(*) FROM case_withdrawal WHERE case_id = 1") == 0)
  }

  @Test("case update refuses a follow-up to a case another writer withdrew meanwhile")
  func updateAfterWithdraw() throws {
    let writers = try TwoWriters()
    let message = try writers.race(
      change: { try $0.withdraw(caseID: 1, reason: "entered twice") },
      act: { registry in
        var draft = FollowUpDraft()
        draft.action = "paused"
        try registry.update(caseID: 1, with: draft)
      })
    #expect(message == "case 1 was withdrawn (entered twice); it takes no follow-up")
    #expect(try writers.firstWrites() == 0)
    #expect(try writers.count("SELECT count(*) FROM follow_up") == 0)
  }

  @Test("case update refuses criteria another writer added meanwhile, as nothing to update")
  func seriousAfterSerious() throws {
    let writers = try TwoWriters()
    let message = try writers.race(
      change: { registry in
        var draft = FollowUpDraft()
        draft.seriousness = ["hospitalisation"]
        try registry.update(caseID: 1, with: draft)
      },
      act: { registry in
        var draft = FollowUpDraft()
        draft.seriousness = ["hospitalisation"]
        try registry.update(caseID: 1, with: draft)
      })
    #expect(message == "case 1 already has every criterion given (hospitalisation); nothing to update")
    #expect(try writers.firstWrites() == 0)
  }

  @Test("answers are refused for a case another writer withdrew meanwhile")
  func answerAfterWithdraw() throws {
    let writers = try TwoWriters()
    let message = try writers.race(
      change: { try $0.withdraw(caseID: 1, reason: "entered twice") },
      act: { try $0.answer(caseID: 1, [(5, .no)]) })
    #expect(message == "case 1 was withdrawn; it is not assessed")
    #expect(try writers.firstWrites() == 0)
    #expect(try writers.count("SELECT count(*) FROM assessment_answer") == 0)
  }

  @Test("a dose is refused after a stop another writer recorded meanwhile")
  func doseAfterStop() throws {
    let writers = try TwoWriters()
    let message = try writers.race(
      change: { try $0.stopPatient(code: "P-1", date: "2025-03-01", reason: nil) },
      act: { _ = try $0.addDose(code: "P-1", date: "2025-03-15") })
    #expect(message == "date: 2025-03-15 is after treatment stopped on 2025-03-01; a dose must fall within treatment")
    #expect(try writers.firstWrites() == 0)
    #expect(try writers.count("SELECT count(*) FROM dose") == 0)
  }

  @Test("a stop is refused before a dose another writer logged meanwhile")
  func stopBeforeDose() throws {
    let writers = try TwoWriters()
    let message = try writers.race(
      change: { _ = try $0.addDose(code: "P-1", date: "2025-03-15") },
      act: { try $0.stopPatient(code: "P-1", date: "2025-03-01", reason: nil) })
    #expect(message == "date: a dose is logged on 2025-03-15, after 2025-03-01; check the stop date")
    #expect(try writers.firstWrites() == 0)
    #expect(try writers.count("SELECT count(*) FROM patient WHERE stop_date IS NOT NULL") == 0)
  }
}
