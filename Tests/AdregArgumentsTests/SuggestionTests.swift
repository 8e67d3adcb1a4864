@testable import AdregArguments
import Testing

@Suite("Did-you-mean suggestions")
struct SuggestionTests {
  @Test(
    "a mistyped option suggests the nearest option of the command or the globals",
    arguments: [
      ("--onest", "Did you mean '--onset'?"),
      ("--catgory", "Did you mean '--category'?"),
      ("--cat", "Did you mean '--category'?"),
      ("--formt", "Did you mean '--format'?"),
      ("--hlep", "Did you mean '--help'?"),
      ("--dryrun", "Did you mean '--dry-run'?"),
    ])
  func optionSuggestions(typed: String, suggestion: String) {
    #expect(Fixture.error(Fixture.validRecord + [typed])?.suggestion == suggestion)
  }

  @Test("a mistyped command suggests the nearest sibling", arguments: [
    (["recrod"], "Did you mean 'record'?"),
    (["patinet", "list"], "Did you mean 'patient'?"),
    (["hepl"], "Did you mean 'help'?"),
    (["patient", "lst"], "Did you mean 'list'?"),
  ])
  func commandSuggestions(words: [String], suggestion: String) {
    #expect(Fixture.error(words)?.suggestion == suggestion)
  }

  @Test("nothing is suggested when no name is close", arguments: [
    ["frobnicate"], ["patient", "remove"], Fixture.validRecord + ["--zzzzzz"], Fixture.validRecord + ["--x"],
  ])
  func noSuggestion(words: [String]) throws {
    let error = try #require(Fixture.error(words))
    #expect(error.suggestion == nil)
    #expect(!error.description.contains("Did you mean"))
  }

  @Test("the nearest candidate wins, then the earlier one")
  func nearestWins() {
    #expect(Suggestion.closest(to: "lisst", among: ["last", "list"]) == "list")
    #expect(Suggestion.closest(to: "bat", among: ["bar", "baz"]) == "bar")
  }

  @Test("a prefix shared by several candidates suggests nothing")
  func ambiguousPrefix() {
    #expect(Suggestion.closest(to: "rep", among: ["report", "repair-index"]) == nil)
    #expect(Suggestion.closest(to: "repo", among: ["report", "repair-index"]) == "report")
  }

  @Test("Damerau–Levenshtein counts an adjacent transposition as one edit")
  func distance() {
    #expect(Suggestion.damerauLevenshtein("onset", "onest") == 1)
    #expect(Suggestion.damerauLevenshtein("kitten", "sitting") == 3)
    #expect(Suggestion.damerauLevenshtein("", "abc") == 3)
    #expect(Suggestion.damerauLevenshtein("abc", "abc") == 0)
    #expect(Suggestion.damerauLevenshtein("ca", "abc") == 3)
  }
}
