import Foundation
import Testing
@testable import AdregFormats
import AdregTestSupport

@Suite("XML writer")
struct XMLWriterTests {
  static let hostile = [
    "a < b & c > d", "]]>", "<![CDATA[x]]>", "\"quoted\" and 'single'", "line one\nline two\ttab", "carriage\rreturn",
    "emoji 😀👩🏽‍⚕️ and ü", "&amp; already escaped", String(repeating: "long <&> text ", count: 715),
  ]

  @Test("markup characters in text and attributes are escaped, so no value can end an element or a CDATA section")
  func escapes() {
    #expect(XMLWriter.escapedText("a<b&c>d]]>") == "a&lt;b&amp;c&gt;d]]&gt;")
    #expect(XMLWriter.escapedAttribute("\"x\"\n\t<") == "&quot;x&quot;&#10;&#9;&lt;")
    #expect(XMLWriter.escapedText("cr\rlf") == "cr&#13;lf")
  }

  @Test("characters XML 1.0 forbids become U+FFFD; the others pass unchanged")
  func forbiddenCharacters() {
    #expect(XMLWriter.escapedText("a\u{0}b\u{1B}c\u{7}d\u{FFFE}e\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}")
    #expect(XMLWriter.escapedText("\u{85}\u{D7FF}\u{E000}\u{10FFFF}") == "\u{85}\u{D7FF}\u{E000}\u{10FFFF}")
  }

  @Test("nested elements are indented and closed in order; an unclosed one is closed by the document")
  func structure() {
    var x = XMLWriter()
    x.element("a", ["k": "v"]) { x in
      x.empty("b")
      x.element("c", text: "t")
    }
    x.start("d")
    #expect(x.document == """
      <?xml version="1.0" encoding="UTF-8"?>
      <a k="v">
      \t<b/>
      \t<c>t</c>
      </a>
      <d>
      </d>

      """)
  }

  @Test("Python's ElementTree reads every hostile text and attribute back exactly",
        .enabled(if: Python.isAvailable, "python3 is not installed"))
  func readBackByPython() throws {
    let directory = try TemporaryDirectory()
    var x = XMLWriter()
    x.element("root") { x in
      for text in Self.hostile { x.element("t", ["a": text], text: text) }
    }
    let path = directory.file("hostile.xml")
    let sink = try FileSink(path: path)
    try sink.write(x.document)
    try sink.close()
    let script = """
      import sys, json, xml.etree.ElementTree as ET
      root = ET.parse(sys.argv[1]).getroot()
      print(json.dumps([[t.text, t.get('a')] for t in root]))
      """
    let result = try Python.run(script, arguments: [path])
    #expect(result.status == 0)
    let read = try JSONSerialization.jsonObject(with: result.data) as? [[String]]
    #expect(read == Self.hostile.map { [$0, $0] })
  }
}
