@testable import AdregCore
import Testing

/// The did-you-mean suggestion: a single closest code within a small edit distance, never a guess between two.
@Suite("Vocabulary: the closest code to a typo")
struct VocabularyClosestTests {
  let categories = Vocabulary.category.codes

  @Test("a case difference, one transposition or one missing letter finds the code")
  func nearMisses() {
    #expect(Vocabulary.closest(to: "Facial-Redness", among: categories) == "facial-redness")
    #expect(Vocabulary.closest(to: "facail-redness", among: categories) == "facial-redness")  // adjacent swap: 1
    #expect(Vocabulary.closest(to: "psoriasform", among: categories) == "psoriasiform")  // one letter missing
    #expect(Vocabulary.closest(to: "conjuctivitis", among: categories) == "conjunctivitis")
  }

  @Test("a unique prefix of three letters or more finds the code; a shared or short one does not")
  func prefixes() {
    #expect(Vocabulary.closest(to: "rosa", among: categories) == "rosacea-like")
    #expect(Vocabulary.closest(to: "inj", among: categories) == "injection-site")
    #expect(Vocabulary.closest(to: "co", among: ["continued", "conjunctivitis"]) == nil)
    #expect(Vocabulary.closest(to: "con", among: ["continued", "conjunctivitis"]) == nil)
  }

  @Test("nothing is suggested for a far-off word, or when two codes are equally close")
  func noGuess() {
    #expect(Vocabulary.closest(to: "headache", among: categories) == nil)
    // "mild" is 1 from both "mile" and "wild": no single closest.
    #expect(Vocabulary.closest(to: "mild", among: ["mile", "wild"]) == nil)
    #expect(Vocabulary.closest(to: "x", among: []) == nil)
  }

  @Test("edit distance counts insertions, deletions, substitutions and adjacent transpositions once each")
  func distance() {
    #expect(editDistance("", "abc") == 3)
    #expect(editDistance("kitten", "sitting") == 3)  // the textbook example: k→s, e→i, +g
    #expect(editDistance("ca", "ac") == 1)
    #expect(editDistance("abc", "abc") == 0)
    #expect(editDistance("😀a", "a😀") == 1)
  }
}
