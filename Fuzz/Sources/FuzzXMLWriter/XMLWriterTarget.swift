import AdregFormats
import CLibXML2
import FuzzSupport

#if canImport(Glibc)
import Glibc
#endif

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
  writer.element("outer", ["id": text]) { $0.element("inner", ["note": text], text: text) }
  let document = Array(writer.document.utf8)
  let expected = String(String.UnicodeScalarView(text.unicodeScalars.map { XMLWriter.isAllowed($0) ? $0 : "\u{FFFD}" }))
  let options = Int32(XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
  let parsed = document.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32(buffer.count), "fuzz.xml", "UTF-8", options) }
  }
  guard let parsed, let root = xmlDocGetRootElement(parsed) else {
    fuzzCheck(false, "not well-formed XML: \(String(decoding: document, as: UTF8.self).debugDescription)")
    return 0
  }
  defer { xmlFreeDoc(parsed) }
  // libxml2's default deallocator is free(); the `xmlFree` pointer is a mutable C global Swift 6 will not read.
  func take(_ text: UnsafeMutablePointer<xmlChar>?) -> String {
    guard let text else { return "" }
    defer { free(text) }
    return String(cString: text)
  }
  // The outer element's content is the inner one's text between the writer's line feed and tab indentation.
  let outer = take(xmlNodeGetContent(root))
  fuzzCheck(outer.unicodeScalars.elementsEqual(("\n\t" + expected + "\n").unicodeScalars),
    "content \(text.debugDescription) reads back as \(outer.debugDescription)")
  for (name, value) in [("id", take(xmlGetProp(root, "id")))] {
    fuzzCheck(value.unicodeScalars.elementsEqual(expected.unicodeScalars),
      "attribute \(name) \(text.debugDescription) reads back as \(value.debugDescription)")
  }
  return 0
}
