@testable import AdregCLI
import Foundation
import FoundationXML
import FuzzSupport

/// The HTML report's escaper (`Markup.escape`, for element content and attribute values) on any text: the output
/// holds no raw `<`, `>`, quote or apostrophe and no `&` that does not start a reference, and an XML parser
/// (libxml2, through FoundationXML) reads a document built from it as well-formed, with the element's text and
/// attribute equal to the input — characters XML cannot hold become U+FFFD, as documented.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLEscape(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  let escaped = Markup.escape(text)
  for raw in ["<", ">", "\"", "'"] {
    fuzzCheck(!escaped.contains(raw), "raw \(raw) in \(escaped.debugDescription)")
  }
  let entities = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#9;", "&#10;", "&#13;"]
  var rest = Substring(escaped)
  while let ampersand = rest.firstIndex(of: "&") {
    rest = rest[ampersand...]
    fuzzCheck(entities.contains { rest.hasPrefix($0) }, "bare & in \(escaped.debugDescription)")
    rest = rest.dropFirst()
  }

  let expected = String(String.UnicodeScalarView(text.unicodeScalars.map { Markup.isXMLCharacter($0) ? $0 : "\u{FFFD}" }))
  let document = "<p title=\"\(escaped)\">\(escaped)</p>"
  guard let root = (try? XMLDocument(xmlString: document, options: []))?.rootElement() else {
    fuzzCheck(false, "not well-formed XML: \(document.debugDescription)")
    return 0
  }
  let content = root.stringValue ?? ""
  let attribute = root.attribute(forName: "title")?.stringValue ?? ""
  fuzzCheck(content.unicodeScalars.elementsEqual(expected.unicodeScalars),
    "content \(text.debugDescription) reads back as \(content.debugDescription)")
  fuzzCheck(attribute.unicodeScalars.elementsEqual(expected.unicodeScalars),
    "attribute \(text.debugDescription) reads back as \(attribute.debugDescription)")
  return 0
}
