@testable import AdregCLI
import AdregFormats
import FuzzSupport

/// The HTML report's escaper (`Markup.escape`, for element content and attribute values) on any text: the output
/// holds no raw `<`, `>`, quote or apostrophe and no `&` that does not start a reference, and an XML parser
/// (libxml2) reads a document built from it as well-formed, with the element's text and
/// attribute equal to the input — characters XML cannot hold become U+FFFD, as documented.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLEscape(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  let escaped = Markup.escape(text)
  for raw in ["<", ">", "\"", "'"] {
    fuzzCheck(!escaped.contains(raw), "raw \(raw) in \(escaped.debugDescription)")
  }
  let entities = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#9;", "&#10;", "&#13;"]
  // Compared as UTF-8: as Characters, a combining mark after `;` would hide the reference's end.
  let utf8 = Array(escaped.utf8)
  for index in utf8.indices where utf8[index] == UInt8(ascii: "&") {
    fuzzCheck(entities.contains { utf8[index...].starts(with: $0.utf8) }, "bare & in \(escaped.debugDescription)")
  }

  let expected = String(String.UnicodeScalarView(text.unicodeScalars.map { XMLWriter.isAllowed($0) ? $0 : "\u{FFFD}" }))
  let document = Array("<p title=\"\(escaped)\">\(escaped)</p>".utf8)
  guard let (content, attributes) = readXML(document, attributes: ["title"]) else {
    fuzzCheck(false, "not well-formed XML: \(String(decoding: document, as: UTF8.self).debugDescription)")
    return 0
  }
  let attribute = attributes[0]
  fuzzCheck(content.unicodeScalars.elementsEqual(expected.unicodeScalars),
    "content \(text.debugDescription) reads back as \(content.debugDescription)")
  fuzzCheck(attribute.unicodeScalars.elementsEqual(expected.unicodeScalars),
    "attribute \(text.debugDescription) reads back as \(attribute.debugDescription)")
  return 0
}
