import Testing
@testable import AdregFormats

@Suite("CSV formula escaping")
struct CSVFormulaEscapeTests {
  @Test(
    "a text starting with =, +, -, @, tab, CR or ' gets one leading '",
    arguments: [
      ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
      ("+cmd", "'+cmd"),
      ("-2+3", "'-2+3"),
      ("@SUM(1)", "'@SUM(1)"),
      ("\tindented", "'\tindented"),
      ("\rreturn", "'\rreturn"),
      ("'quoted", "''quoted"),
      ("''twice", "'''twice"),
      ("plain", "plain"),
      ("", ""),
      (" =spaced", " =spaced"),
      ("a=b", "a=b"),
      ("–en dash", "–en dash"),
    ]
  )
  func escaping(text: String, expected: String) {
    #expect(CSVFormat.escapingFormula(text) == expected)
    #expect(CSVFormat.unescapingFormula(expected) == text)
  }

  @Test(
    "unescaping removes a ' only before a character that escaping protects",
    arguments: ["'quoted", "'", "'a=b", "it's", "''"]
  )
  func unescapingLeavesOtherText(text: String) {
    let expected = text == "''" ? "'" : text
    #expect(CSVFormat.unescapingFormula(text) == expected)
  }

  @Test("escaping then unescaping gives back every text, and unescaping an unescaped text is exact")
  func roundTrip() {
    let texts = ["=1+1", "'", "''", "'=", "-", "@", "\t", "\r\n", "x", "", "'x", "=\u{0}", "'\u{1B}[2J", "+🙂"]
    for text in texts {
      #expect(CSVFormat.unescapingFormula(CSVFormat.escapingFormula(text)) == text, "\(text.debugDescription)")
    }
  }
}
