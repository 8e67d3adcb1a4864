import Foundation
import Testing
@testable import AdregCore

@Suite("Synthetic follow-ups and duplicates")
struct SynthFollowUpTests {
  @Test("each case's state columns are what its follow-ups leave, in order, with dates that make sense")
  func stateFromFollowUps() throws {
    let cohort = try SynthCohort.shared.get()
    var byCase: [String: [[String: String]]] = [:]
    for row in cohort.followUps { byCase[row["case_uuid", default: ""], default: []].append(row) }
    let cases = Dictionary(uniqueKeysWithValues: cohort.cases.map { ($0["uuid", default: ""], $0) })
    #expect(Set(byCase.keys).isSubset(of: Set(cases.keys)))
    var withFollowUps = 0
    var actions: Set<String> = []
    for (uuid, row) in cases {
      let history = byCase[uuid] ?? []
      if !history.isEmpty { withFollowUps += 1 }
      #expect(history.map { $0["sequence"] } == (0..<history.count).map { String($0 + 1) })
      let recorded = history.map { $0["recorded_at", default: ""] }
      #expect(recorded == recorded.sorted())
      let reported = try #require(Day(iso: row["reported_date", default: ""]))
      #expect(recorded.allSatisfy { Day(iso: String($0.prefix(10))).map { $0 >= reported } ?? false })
      // The state, derived here independently: every action in order, the latest of each other field.
      let latest = { (column: String) in history.last { !$0[column, default: ""].isEmpty }?[column] ?? "" }
      let rowActions = history.compactMap { $0["action"] }.filter { !$0.isEmpty }
      actions.formUnion(rowActions)
      #expect(row["actions"] == rowActions.joined(separator: ";"))
      for column in ["treatments", "dechallenge", "rechallenge", "outcome", "biopsy"] {
        #expect(row[column] == latest(column), "\(column)")
      }
      let lastOutcome = history.last { !$0["outcome", default: ""].isEmpty }
      #expect(row["outcome_date"] == (lastOutcome?["outcome_date"] ?? ""))
      for followUp in history {
        if let outcome = Day(iso: followUp["outcome_date", default: ""]) {
          #expect(outcome >= Day(iso: row["onset_date", default: ""]) ?? outcome)
          #expect(outcome <= Day(iso: String(followUp["recorded_at", default: ""].prefix(10))) ?? outcome)
        }
      }
      // A dechallenge only after the dose was changed; a rechallenge only after a restart.
      if !row["dechallenge", default: ""].isEmpty { #expect(rowActions.contains { $0 != "continued" }) }
      if !row["rechallenge", default: ""].isEmpty { #expect(rowActions.contains("restarted")) }
    }
    let share = Double(withFollowUps) / Double(cases.count)
    #expect((0.45...0.75).contains(share), "\(share)")
    #expect(actions == ["continued", "interval-extended", "paused", "restarted", "discontinued"])
  }

  @Test("a case records 'discontinued' exactly when its patient stopped for an adverse reaction, on the stop date")
  func discontinuation() throws {
    let cohort = try SynthCohort.shared.get()
    let caseOwner = Dictionary(uniqueKeysWithValues: cohort.cases.map { ($0["uuid", default: ""], $0["patient_code", default: ""]) })
    var discontinuedPatients: Set<String> = []
    for row in cohort.followUps where row["action"] == "discontinued" {
      let code = try #require(caseOwner[row["case_uuid", default: ""]])
      let patient = try #require(cohort.patients[code])
      let stop = try #require(patient.stop)
      #expect(patient.stopReason == "adverse reaction")
      let recorded = try #require(Day(iso: String(row["recorded_at", default: ""].prefix(10))))
      #expect(recorded >= stop)
      discontinuedPatients.insert(code)
    }
    let adverse = cohort.patients.filter { $0.value.stopReason == "adverse reaction" }.map(\.key)
    #expect(Set(adverse) == discontinuedPatients)
    #expect(adverse.count > 50)
  }

  @Test("a few cases are entered twice; the copy is withdrawn as a duplicate of the first, with no follow-ups")
  func duplicates() throws {
    let cohort = try SynthCohort.shared.get()
    let cases = Dictionary(uniqueKeysWithValues: cohort.cases.map { ($0["uuid", default: ""], $0) })
    let copies = cohort.cases.filter { !$0["withdrawn_reason", default: ""].isEmpty }
    let followedUp = Set(cohort.followUps.map { $0["case_uuid", default: ""] })
    for copy in copies {
      let reason = copy["withdrawn_reason", default: ""]
      #expect(reason.hasPrefix("duplicate of case "))
      let original = try #require(cases[String(reason.dropFirst("duplicate of case ".count))])
      for column in ["patient_code", "category", "onset_date", "scaling", "morphology", "body_sites", "itch"] {
        #expect(copy[column] == original[column], "\(column)")
      }
      #expect(!followedUp.contains(copy["uuid", default: ""]))
      #expect(copy["actions"] == "")
    }
    // 0.4 % of about 7,000 cases: expected 28, binomial SD 5.3; between 5 and 60 is more than 4 SD either way.
    #expect((5...60).contains(copies.count), "\(copies.count)")
  }

  @Test("a few cases are serious, each with one criterion of the clinic's list in its shares")
  func serious() throws {
    let cohort = try SynthCohort.shared.get()
    let clinic = SynthClinic()
    let originals = cohort.cases.filter { $0["withdrawn_reason", default: ""].isEmpty }
    let serious = originals.filter { !$0["seriousness", default: ""].isEmpty }
    // 0.5 % of about 7,000 cases: expected about 35, binomial SD √(7000·0.005·0.995) ≈ 5.9; 4 SD either side.
    let expected = Double(originals.count) * clinic.serious
    let sd = (expected * (1 - clinic.serious)).squareRoot()
    #expect(abs(Double(serious.count) - expected) <= 4 * sd, "\(serious.count) of \(originals.count)")
    let codes = Set(clinic.seriousCriteria.map(\.code.rawValue))
    #expect(serious.allSatisfy { codes.contains($0["seriousness", default: ""]) })
    // The most common criterion, medically important (70 %), is the majority.
    let medical = serious.filter { $0["seriousness"] == "medically-important" }.count
    #expect(medical * 2 > serious.count, "\(medical) of \(serious.count)")
    // A copy entered twice keeps the original's seriousness.
    let byUUID = Dictionary(uniqueKeysWithValues: cohort.cases.map { ($0["uuid", default: ""], $0) })
    for copy in cohort.cases where !copy["withdrawn_reason", default: ""].isEmpty {
      let original = try #require(byUUID[String(copy["withdrawn_reason", default: ""].dropFirst("duplicate of case ".count))])
      #expect(copy["seriousness"] == original["seriousness"])
    }
  }
}
