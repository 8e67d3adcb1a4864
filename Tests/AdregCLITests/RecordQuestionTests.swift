import Foundation
import Testing

/// `record`'s questions in-process, with typed answers queued: the rules of asking, without a terminal's timing.
@Suite("record's questions")
struct RecordQuestionTests {
  static func registry(answers: [String]) throws -> Harness {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    h.interactive = true
    h.input = answers
    return h
  }

  @Test("an unknown patient is refused before any question")
  func unknownPatientFirst() throws {
    let h = try Self.registry(answers: ["2", "2025-02-10", "", ""])
    let before = try h.dump()
    let result = h.run("record", "P9")
    #expect(result.status == 65)
    #expect(!result.error.contains("Category:"))
    #expect(try h.dump() == before)
  }

  @Test("a repeated body site is re-asked with the option's message")
  func repeatedSite() throws {
    let h = try Self.registry(answers: ["2", "2025-02-10", "", "face,face", "face"])
    let result = h.run("record", "P1")
    #expect(result.status == 0, "\(result.error)")
    #expect(result.error.contains("body site 'face' is given twice"))
    let cases = try #require(try h.json(h.run("case", "list", "--format", "json")) as? [[String: Any]])
    #expect(cases.first?["sites"] as? [String] == ["face"])
  }

  @Test("a declined suggestion at the third answer gives up with the refusal, exit 65")
  func declinedLast() throws {
    let h = try Self.registry(answers: ["x", "y", "facial-rednes", "n", "2"])
    let before = try h.dump()
    let result = h.run("record", "P1")
    #expect(result.status == 65)
    // Typed answers are not echoed here, so the error follows the last question on its line.
    #expect(result.error.contains("[Y/n] Error: unknown category 'facial-rednes'; did you mean 'facial-redness'?"))
    #expect(result.error.hasSuffix("Nothing was saved.\n"))
    #expect(try h.dump() == before)
  }

  @Test("a category number outside the list is refused like an unknown code")
  func numberOutsideList() throws {
    let h = try Self.registry(answers: ["12", "9", "2025-02-10", "", ""])
    let result = h.run("record", "P1", "--note", "dry patches on the chin")
    #expect(result.status == 0, "\(result.error)")
    #expect(result.error.contains("unknown category '12'"))
    let cases = try #require(try h.json(h.run("case", "list", "--format", "json")) as? [[String: Any]])
    #expect(cases.first?["category"] as? String == "other")
  }

  @Test("category 'other' chosen at the question asks for its description")
  func otherAsksDescription() throws {
    let h = try Self.registry(answers: ["9", "  ", "dry patches on the chin", "2025-02-10", "", ""])
    let result = h.run("record", "P1")
    #expect(result.status == 0, "\(result.error)")
    #expect(result.error.contains("Description (category 'other' needs one): "))
    #expect(result.error.contains("note: category 'other' needs a description"))
    let cases = try #require(try h.json(h.run("case", "list", "--format", "json")) as? [[String: Any]])
    #expect(cases.first?["note"] as? String == "dry patches on the chin")
  }

  @Test("an onset after the --reported date is re-asked with the option's message")
  func onsetAfterReported() throws {
    let h = try Self.registry(answers: ["2", "2025-03-01", "2025-01-20", "", ""])
    let result = h.run("record", "P1", "--reported", "2025-02-01")
    #expect(result.status == 0, "\(result.error)")
    #expect(result.error.contains("reported: 2025-02-01 is before onset 2025-03-01"))
    let cases = try #require(try h.json(h.run("case", "list", "--format", "json")) as? [[String: Any]])
    #expect(cases.first?["onset"] as? String == "2025-01-20")
  }

  @Test("a bad option is refused before any question", arguments: [
    ["--itch", "11"], ["--reported", "03/04/2025"], ["--scaling", "sometimes"], ["--sites", "face,nose"],
    ["--category", "facial-rednes"],
  ])
  func badOptionFirst(option: [String]) throws {
    let h = try Self.registry(answers: ["2", "2025-02-10", "", ""])
    let before = try h.dump()
    let result = h.run(["record", "P1"] + option)
    #expect(result.status == 65)
    #expect(!result.error.contains("Category:") && !result.error.contains("Onset date"), "\(result.error)")
    #expect(try h.dump() == before)
  }

  @Test("without a terminal a missing option is the usage error, and no answer is read")
  func notInteractive() throws {
    let h = try Self.registry(answers: ["2", "2025-02-10"])
    h.interactive = false
    let result = h.run("record", "P1")
    #expect(result.status == 64)
    #expect(result.error.hasPrefix("Error: Missing expected argument '--onset <date>'"))
  }
}
