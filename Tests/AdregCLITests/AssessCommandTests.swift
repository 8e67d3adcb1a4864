import Testing

@Suite("assess command")
struct AssessCommandTests {
  @Test("assess shows each question's answer, source and score, the total and hints; staff answers are audited")
  func assess() throws {
    let h = try Harness()
    for step in [
      ["init"], ["patient", "add", "P1", "--start", "2025-01-01"],
      ["record", "P1", "--onset", "2025-01-20", "--category", "facial-redness", "--scaling", "absent", "--sites", "face"],
    ] { #expect(h.run(step).status == 0) }
    let table = h.run("assess", "1")
    #expect(table.status == 0, "\(table.error)")
    #expect(table.output.contains("from the record: facial-redness is a documented reaction to dupilumab"))
    #expect(table.output.contains("Total 3: possible"))
    #expect(table.output.contains("facial redness with scaling absent: points to dupilumab facial redness"))
    let answered = h.run("assess", "1", "--answer", "5=no", "--answer", "10=yes", "--format", "json")
    let json = try #require(try h.json(answered) as? [String: Any])
    #expect(json["total"] as? Int == 6)  // 3 + 2 (no alternative cause) + 1 (objective evidence)
    #expect(json["category"] as? String == "probable")
    let questions = try #require(json["questions"] as? [[String: Any]])
    #expect(questions[4]["source"] as? String == "staff")
    let audit = try #require(try h.json(h.run("audit", "--case", "1", "--format", "json")) as? [[String: Any]])
    #expect(audit.first?["action"] as? String == "case.assess")
    #expect((audit.first?["changes"] as? [String]) == ["naranjo_q5: ∅ → no", "naranjo_q10: ∅ → yes"])
    let bad = h.run("assess", "1", "--answer", "12=yes")
    #expect(bad.status == 65)
    #expect(bad.error.contains("--answer 5=no"))
  }

  @Test("a malformed --answer is refused with how an answer is written, before anything is stored")
  func malformedAnswer() throws {
    let h = try Harness()
    for step in [
      ["init"], ["patient", "add", "P1", "--start", "2025-01-01"],
      ["record", "P1", "--onset", "2025-01-20", "--category", "facial-redness"],
    ] { #expect(h.run(step).status == 0) }
    let before = try h.dump()
    let word = h.run("assess", "1", "--answer", "5=no", "--answer", "6=maybe")
    #expect(word.status == 65)
    #expect(word.errorLines == ["Error: answer: 'maybe' for question 6 is not yes, no or unknown"])
    let number = h.run("assess", "1", "--answer", "11=yes")
    #expect(number.status == 65)
    #expect(
      number.errorLines == ["Error: answer: '11=yes' is not N=yes|no|unknown with N from 1 to 10, e.g. --answer 5=no"])
    #expect(try h.dump() == before)
  }
}
