import Foundation
import Testing

/// Every rule of PRODUCT.md §4: exit 65, an Error line naming the field and the fix, and an unchanged registry.
@Suite("Refused input changes nothing")
struct ValidationTests {
  struct Rule: CustomStringConvertible, Sendable {
    var name: String
    var words: [String]
    var mentions: [String]
    var description: String { name }
  }

  static let rules: [Rule] = [
    Rule(name: "onset before treatment start", words: ["record", "P-1", "--onset", "2024-12-31", "--category", "facial-redness"],
         mentions: ["onset", "baseline disease, not an adverse reaction"]),
    Rule(name: "onset in the future", words: ["record", "P-1", "--onset", "2025-07-01", "--category", "facial-redness"],
         mentions: ["onset", "in the future"]),
    Rule(name: "report in the future", words: ["record", "P-1", "--onset", "2025-03-01", "--reported", "2025-07-01", "--category", "other", "--note", "x"],
         mentions: ["reported", "in the future"]),
    Rule(name: "report before onset", words: ["record", "P-1", "--onset", "2025-03-01", "--reported", "2025-02-28", "--category", "facial-redness"],
         mentions: ["reported", "before onset"]),
    Rule(name: "stop before start", words: ["patient", "stop", "P-1", "--date", "2024-12-01"], mentions: ["date", "before the treatment start"]),
    Rule(name: "dose before treatment", words: ["dose", "add", "P-1", "--date", "2024-12-31"], mentions: ["date", "within treatment"]),
    Rule(name: "dose after treatment stopped", words: ["dose", "add", "P-2", "--date", "2025-05-02"], mentions: ["date", "after treatment stopped"]),
    Rule(name: "birth year long ago", words: ["patient", "add", "P-9", "--start", "2025-01-01", "--birth-year", "1850"], mentions: ["birth-year", "implausible"]),
    Rule(name: "birth year in the future", words: ["patient", "add", "P-9", "--start", "2025-01-01", "--birth-year", "2031"], mentions: ["birth-year", "implausible"]),
    Rule(name: "birth year not a number", words: ["patient", "add", "P-9", "--start", "2025-01-01", "--birth-year", "nineteen"], mentions: ["birth-year", "whole number"]),
    Rule(name: "itch above 10", words: ["record", "P-1", "--onset", "2025-03-01", "--category", "facial-redness", "--itch", "11"], mentions: ["itch", "0–10"]),
    Rule(name: "itch below 0", words: ["record", "P-1", "--onset", "2025-03-01", "--category", "facial-redness", "--itch", "-1"], mentions: ["itch", "0–10"]),
    Rule(name: "unknown patient", words: ["record", "P-404", "--onset", "2025-03-01", "--category", "facial-redness"], mentions: ["unknown patient P-404", "patient list"]),
    Rule(name: "unknown case", words: ["case", "update", "99", "--outcome", "ongoing"], mentions: ["unknown case 99", "case list"]),
    Rule(name: "case id not a number", words: ["case", "show", "abc"], mentions: ["case id 'abc'"]),
    Rule(name: "duplicate code in a site", words: ["patient", "add", "P-1", "--start", "2025-01-01"], mentions: ["P-1", "already enrolled in site main"]),
    Rule(name: "ambiguous date", words: ["record", "P-1", "--onset", "03/04/2025", "--category", "facial-redness"], mentions: ["onset", "ambiguous", "YYYY-MM-DD"]),
    Rule(name: "a day that does not exist", words: ["record", "P-1", "--onset", "2025-02-29", "--category", "facial-redness"], mentions: ["onset", "not a day of the calendar"]),
    Rule(name: "not a date", words: ["patient", "add", "P-9", "--start", "yesterday"], mentions: ["start", "YYYY-MM-DD"]),
    Rule(name: "control characters", words: ["record", "P-1", "--onset", "2025-03-01", "--category", "other", "--note", "bell\u{07}"], mentions: ["note", "control character"]),
    Rule(name: "unknown category with a suggestion", words: ["record", "P-1", "--onset", "2025-03-01", "--category", "facial-rednes"],
         mentions: ["unknown category 'facial-rednes'; did you mean 'facial-redness'?", "eczema-worsening"]),
    Rule(name: "unknown body site", words: ["record", "P-1", "--onset", "2025-03-01", "--category", "facial-redness", "--sites", "face,nek"], mentions: ["body site 'nek'", "'neck'"]),
    Rule(name: "category other without a description", words: ["record", "P-1", "--onset", "2025-03-01", "--category", "other"], mentions: ["note", "needs a description"]),
    Rule(name: "a name instead of a code", words: ["patient", "add", "Jane Doe", "--start", "2025-01-01"], mentions: ["patient code", "pseudonymous"]),
    Rule(name: "unknown risk factor", words: ["patient", "add", "P-9", "--start", "2025-01-01", "--risk", "psoriasis"], mentions: ["risk factor 'psoriasis'", "psoriasis-history"]),
    Rule(name: "withdraw without a reason", words: ["case", "withdraw", "1", "--reason", "  "], mentions: ["reason", "empty"]),
    Rule(name: "resolved without its date", words: ["case", "update", "1", "--outcome", "resolved"], mentions: ["outcome-date"]),
    Rule(name: "follow-up with nothing in it", words: ["case", "update", "1"], mentions: ["nothing to update"]),
    Rule(name: "a reference file that is not the expected CSV", words: ["reference", "import", "notes.csv"], mentions: ["missing column"]),
  ]

  @Test("a refused command exits 65, says what and how to fix, and changes nothing", arguments: rules)
  func refused(rule: Rule) throws {
    let h = try Harness()
    for words in [
      ["init"], ["patient", "add", "P-1", "--start", "2025-01-01"], ["patient", "add", "P-2", "--start", "2025-01-01"],
      ["patient", "stop", "P-2", "--date", "2025-05-01"],
      ["record", "P-1", "--onset", "2025-02-01", "--category", "facial-redness"],
    ] {
      #expect(h.run(words).status == 0, "\(words)")
    }
    try "name,comment\nP-1,itchy\n".write(toFile: h.path("notes.csv"), atomically: true, encoding: .utf8)
    let before = try h.dump()
    let result = h.run(rule.words)
    #expect(result.status == 65, "\(rule.name): \(result.error)")
    #expect(result.errorLines.count == 1, "\(result.error)")
    for mention in rule.mentions {
      #expect(result.error.contains(mention), "\(rule.name): \(result.error)")
    }
    #expect(result.output.isEmpty)
    #expect(try h.dump() == before, "\(rule.name) changed the registry")
  }
}
