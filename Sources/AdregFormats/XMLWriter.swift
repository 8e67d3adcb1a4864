/// Writes an XML 1.0 document, element by element, indented with tabs.
///
/// Every text and attribute value is escaped, and characters XML 1.0 cannot hold (controls other than tab, line feed
/// and carriage return; U+FFFE, U+FFFF) are replaced with U+FFFD, so whatever a stored note holds the document stays
/// well-formed. Swift strings are valid Unicode, so the UTF-8 written is valid too. Names are the caller's constants.
public struct XMLWriter: Sendable {
  private var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  private var open: [String] = []

  public init() {}

  /// Opens an element; close it with ``end()``.
  public mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
    line("<\(name)\(Self.attributes(attributes))>")
    open.append(name)
  }

  /// Closes the innermost open element.
  public mutating func end() {
    guard let name = open.popLast() else { return }
    line("</\(name)>")
  }

  /// An element without content.
  public mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
    line("<\(name)\(Self.attributes(attributes))/>")
  }

  /// An element holding text.
  public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text content: String) {
    line("<\(name)\(Self.attributes(attributes))>\(Self.escapedText(content))</\(name)>")
  }

  /// Opens an element, runs `body` for its content, and closes it.
  public mutating func element(
    _ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ body: (inout XMLWriter) -> Void
  ) {
    start(name, attributes)
    body(&self)
    end()
  }

  /// The document, every element closed.
  public var document: String {
    var copy = self
    while !copy.open.isEmpty { copy.end() }
    return copy.text
  }

  private mutating func line(_ markup: String) {
    text += String(repeating: "\t", count: open.count) + markup + "\n"
  }

  private static func attributes(_ pairs: KeyValuePairs<String, String>) -> String {
    pairs.map { " \($0.key)=\"\(escapedAttribute($0.value))\"" }.joined()
  }

  /// Text content escaped: `&`, `<`, `>` (so `]]>` cannot appear) and a carriage return, which a parser would
  /// otherwise turn into a line feed.
  public static func escapedText(_ value: String) -> String {
    escaped(value, attribute: false)
  }

  /// An attribute value escaped, quotes and whitespace included, so that it reads back exactly.
  public static func escapedAttribute(_ value: String) -> String {
    escaped(value, attribute: true)
  }

  private static func escaped(_ value: String, attribute: Bool) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\r": result += "&#13;"
      case "\"" where attribute: result += "&quot;"
      case "\n" where attribute: result += "&#10;"
      case "\t" where attribute: result += "&#9;"
      default: result.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
      }
    }
    return result
  }

  /// Whether XML 1.0 allows the character (its production `Char`).
  public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }
}
