import AdregFormats
import FuzzSupport

/// The E2B files' XML writer (`XMLWriter`, its `escapedText` and `escapedAttribute`) on any text: a document with
/// the text as an element's content and as its attribute value holds no `]]>` and no raw `<`, is well-formed to
/// libxml2, and reads back to exactly the text, each character XML 1.0 forbids replaced with U+FFFD as documented.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXMLWriter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  for escaped in [XMLWriter.escapedText(text), XMLWriter.escapedAttribute(text)] {
    fuzzCheck(!escaped.contains("<") && !escaped.contains("]]>"), "raw markup in \(escaped.debugDescription)")
  }
  fuzzCheck(!XMLWriter.escapedAttribute(text).contains("\""), "raw quote in an attribute")

  var writer = XMLWriter()
  writer.element("outer", ["id": text]) { $0.element("inner", text: text) }
  let document = Array(writer.document.utf8)
  let expected = String(String.UnicodeScalarView(text.unicodeScalars.map { XMLWriter.isAllowed($0) ? $0 : "\u{FFFD}" }))
  guard let (outer, attributes) = readXML(document, attributes: ["id"]) else {
    fuzzCheck(false, "not well-formed XML: \(String(decoding: document, as: UTF8.self).debugDescription)")
    return 0
  }
  // The outer element's content is the inner one's text between the writer's line feed and tab indentation.
  fuzzCheck(outer.unicodeScalars.elementsEqual(("\n\t" + expected + "\n").unicodeScalars),
    "content \(text.debugDescription) reads back as \(outer.debugDescription)")
  fuzzCheck(attributes[0].unicodeScalars.elementsEqual(expected.unicodeScalars),
    "attribute \(text.debugDescription) reads back as \(attributes[0].debugDescription)")
  return 0
}
