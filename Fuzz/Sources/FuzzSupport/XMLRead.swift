import CLibXML2

#if canImport(Glibc)
import Glibc
#endif

/// What libxml2 (Debian's libxml2-dev, called directly) reads from a document: the root element's text content and
/// the values of the named attributes ("" when absent), or nil when the document is not well-formed XML.
public func readXML(_ document: [UInt8], attributes names: [String]) -> (content: String, attributes: [String])? {
  let options = Int32(XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
  let parsed = document.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32(buffer.count), "fuzz.xml", "UTF-8", options) }
  }
  guard let parsed else { return nil }
  defer { xmlFreeDoc(parsed) }
  guard let root = xmlDocGetRootElement(parsed) else { return nil }
  // libxml2's default deallocator is free(); the `xmlFree` pointer is a mutable C global Swift 6 will not read.
  func take(_ text: UnsafeMutablePointer<xmlChar>?) -> String {
    guard let text else { return "" }
    defer { free(text) }
    return String(cString: text)
  }
  return (take(xmlNodeGetContent(root)), names.map { take(xmlGetProp(root, $0)) })
}
