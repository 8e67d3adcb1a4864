import Foundation
import Testing

@testable import AdregCLI

/// Issue 19: `patient show` gives the patient's course on one time line, in the table and in JSON.
@Suite("patient show: the course on one time line")
struct PatientCourseTests {
  /// Start 2025-01-06, doses on days 1 and 15, a case 5 days after the second dose, a visit with a note, a case
  /// withdrawn, the first case's follow-up with an outcome on day 36, and the stop on day 55.
  func designedPatient() throws -> Harness {
    let h = try Harness()
    for words in [
      ["init"], ["patient", "add", "P1", "--start", "2025-01-06"],
      ["dose", "add", "P1", "--date", "2025-01-20"], ["dose", "add", "P1", "--date", "2025-01-06"],
      ["visit", "add", "P1", "--date", "2025-02-01", "--note", "skin calm"],
      ["record", "P1", "--onset", "2025-01-25", "--category", "facial-redness", "--reported", "2025-01-26"],
      ["case", "update", "1", "--action", "continued", "--outcome", "resolved", "--outcome-date", "2025-02-10"],
      ["record", "P1", "--onset", "2025-02-03", "--category", "conjunctivitis", "--reported", "2025-02-04"],
      ["case", "withdraw", "2", "--reason", "typo"],
      ["patient", "stop", "P1", "--date", "2025-03-01", "--reason", "moved away"],
    ] {
      let result = h.run(words)
      try #require(result.status == 0, "\(words): \(result.error)")
    }
    return h
  }

  @Test("the table lists start, doses, case, visit, withdrawn case, follow-up and stop in date order with their days")
  func table() throws {
    let h = try designedPatient()
    let result = h.run("patient", "show", "P1")
    #expect(result.status == 0, "\(result.error)")
    let lines = result.output.split(separator: "\n").map(String.init)
    let course = try #require(lines.firstIndex(of: "  course:"))
    // A line that would pass 100 characters folds, and its text continues under itself.
    #expect(Array(lines[(course + 1)...]) == [
      "    2025-01-06  day    1  treatment start: 300 mg every 2 weeks, every 14 days",
      "    2025-01-06  day    1  dose",
      "    2025-01-20  day   15  dose",
      "    2025-01-25  day   20  case #1 facial-redness, 5 days after the last injection",
      "    2025-02-01  day   27  visit: skin calm",
      "    2025-02-03  day   29  case #2 conjunctivitis, 14 days after the last injection — withdrawn",
      "                          (typo)",
      "    2025-02-10  day   36  follow-up 1 of case #1: action continued; outcome resolved on 2025-02-10",
      "    2025-03-01  day   55  treatment stop: moved away",
    ])
    // The header lines stay as they were.
    #expect(lines.contains("  doses logged: 2 (2025-01-06, 2025-01-20)"))
    #expect(lines.contains("  visits logged: 1 (2025-02-01)"))
    #expect(lines.contains("  stopped: 2025-03-01 (moved away)"))
  }

  @Test("the JSON keeps doses, visits and cases and adds the timeline of {date, day, kind, …}")
  func json() throws {
    let h = try designedPatient()
    let object = try #require(try h.json(h.run("patient", "show", "P1", "--format", "json")) as? [String: Any])
    #expect(object["doses"] as? [String] == ["2025-01-06", "2025-01-20"])
    #expect((object["visits"] as? [[String: Any]])?.first?["note"] as? String == "skin calm")
    #expect((object["cases"] as? [[String: Any]])?.map { $0["id"] as? Int } == [1])
    let timeline = try #require(object["timeline"] as? [[String: Any]])
    #expect(timeline.map { $0["kind"] as? String } == ["start", "dose", "dose", "case", "visit", "case", "follow-up", "stop"])
    #expect(timeline.map { $0["day"] as? Int } == [1, 1, 15, 20, 27, 29, 36, 55])
    #expect(timeline.map { $0["date"] as? String } == [
      "2025-01-06", "2025-01-06", "2025-01-20", "2025-01-25", "2025-02-01", "2025-02-03", "2025-02-10", "2025-03-01",
    ])
    #expect(timeline[0]["regimen"] as? String == "300 mg every 2 weeks")
    #expect(timeline[3]["case_id"] as? Int == 1 && timeline[3]["category"] as? String == "facial-redness")
    #expect(timeline[3]["days_since_last_dose"] as? Int == 5 && timeline[3]["withdrawn"] as? Bool == false)
    #expect(timeline[4]["note"] as? String == "skin calm")
    #expect(timeline[5]["case_id"] as? Int == 2 && timeline[5]["withdrawn"] as? Bool == true)
    #expect(timeline[5]["withdrawal_reason"] as? String == "typo" && timeline[5]["days_since_last_dose"] as? Int == 14)
    #expect(timeline[6]["case_id"] as? Int == 1 && timeline[6]["follow_up"] as? Int == 1)
    #expect(timeline[6]["action"] as? String == "continued" && timeline[6]["outcome"] as? String == "resolved")
    #expect(timeline[6]["outcome_date"] as? String == "2025-02-10")
    #expect(timeline[7]["reason"] as? String == "moved away")
  }

  @Test("a follow-up without an outcome date stands on the day it was recorded; a new patient's course is its start")
  func followUpOnItsRecordedDay() throws {
    let h = try designedPatient()
    #expect(h.run("case", "update", "1", "--note", "seen again").status == 0)
    let object = try #require(try h.json(h.run("patient", "show", "P1", "--format", "json")) as? [String: Any])
    let last = try #require((object["timeline"] as? [[String: Any]])?.last)
    #expect(last["kind"] as? String == "follow-up" && last["date"] as? String == "2025-06-30")
    #expect(last["follow_up"] as? Int == 2 && last["note"] as? String == "seen again" && last["day"] as? Int == 176)
    #expect(h.run("patient", "add", "P2", "--start", "2025-06-01").status == 0)
    let fresh = h.run("patient", "show", "P2")
    #expect(fresh.output.hasSuffix("  course:\n    2025-06-01  day    1  treatment start: 300 mg every 2 weeks, every 14 days\n"))
  }
}
