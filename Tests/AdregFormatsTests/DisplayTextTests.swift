import Testing
@testable import AdregFormats

@Suite("display text escaping")
struct DisplayTextTests {
  @Test(
    "control characters, line breaks and the backslash are escaped; everything else is shown as stored",
    arguments: [
      ("plain text", "plain text"),
      ("", ""),
      ("line one\nline two", #"line one\nline two"#),
      ("cr\r\nlf", #"cr\r\nlf"#),
      ("a\tb", #"a\tb"#),
      (#"back\slash"#, #"back\\slash"#),
      (#"not an escape: \n"#, #"not an escape: \\n"#),
      ("\u{1B}]0;owned\u{7}", #"\u{1B}]0;owned\u{7}"#),
      ("\u{1B}[2J", #"\u{1B}[2J"#),
      ("nul\u{0}here", #"nul\u{0}here"#),
      ("del\u{7F}", #"del\u{7F}"#),
      ("c1 csi \u{9B}31m", #"c1 csi \u{9B}31m"#),
      ("next line \u{85}", #"next line \u{85}"#),
      ("separator\u{2028}para\u{2029}", #"separator\u{2028}para\u{2029}"#),
      ("bidi \u{202E}txt.exe\u{2066}", #"bidi \u{202E}txt.exe\u{2066}"#),
      ("quotes \"'; DROP TABLE x; --", "quotes \"'; DROP TABLE x; --"),
      ("émoji 🙂 👩‍⚕️ — ≤10% ← שלום", "émoji 🙂 👩‍⚕️ — ≤10% ← שלום"),
      ("=HYPERLINK(\"http://x\")", "=HYPERLINK(\"http://x\")"),
    ]
  )
  func escaped(text: String, expected: String) {
    let shown = DisplayText.escaped(text)
    #expect(shown == expected)
    #expect(!shown.contains("\n") && !shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
  }

  @Test("escaping is unambiguous: different texts never look alike")
  func unambiguous() {
    let texts = ["a\nb", #"a\nb"#, #"a\\nb"#, "a\\\nb", "\u{1B}", #"\u{1B}"#]
    #expect(Set(texts.map(DisplayText.escaped)).count == texts.count)
  }

  @Test("a message keeps its line feeds and escaped values, and escapes any raw control character left in it")
  func message() {
    let value = DisplayText.escaped("x\u{1B}[2J\ny")
    let message = "Error: 2 invalid rows:\na.csv:2: note: '\(value)'\na.csv:3: raw \u{1B}]0;t\u{7} and \r"
    let shown = DisplayText.escapedMessage(message)
    #expect(shown == #"Error: 2 invalid rows:"# + "\n" + #"a.csv:2: note: 'x\u{1B}[2J\ny'"# + "\n" + #"a.csv:3: raw \u{1B}]0;t\u{7} and \r"#)
    #expect(DisplayText.escapedMessage(shown) == shown)
  }
}
