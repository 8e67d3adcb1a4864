/// Stored text made safe to show on a terminal or in a table (PRODUCT.md §4b): the one escaper every command
/// uses for text it prints.
///
/// A note may hold line breaks, and a file may hold any byte. Printed as they are, a line feed forges the next
/// line of `case show` or of the audit table, and an escape sequence (`ESC ] 0 ; … BEL`, `ESC [ 2 J`) retitles or
/// clears the user's terminal. Escaped, each value stays on its line and reads back unambiguously:
///
/// | character | shown as |
/// |---|---|
/// | backslash | `\\` |
/// | line feed, carriage return, tab | `\n`, `\r`, `\t` |
/// | any other C0 control (NUL, ESC, BEL, …), DEL, a C1 control (U+0080–U+009F) | `\u{1B}`, `\u{0}`, `\u{7F}`, `\u{9B}` |
/// | the Unicode line and paragraph separators U+2028, U+2029 | `\u{2028}`, `\u{2029}` |
/// | the bidirectional embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069 | `\u{202E}` … |
///
/// Everything else — quotes, accents, emoji with their joiners, right-to-left scripts — is shown as stored.
/// The escapes are Swift's string-literal escapes, hexadecimal in upper case without leading zeros.
public enum DisplayText {
  /// `text` as one line for a terminal or a table cell, every character of the table above escaped.
  public static func escaped(_ text: String) -> String {
    escape(text, keepingLineFeeds: false)
  }

  /// A message of one or more lines that may quote values already `escaped`: line feeds and backslashes are kept,
  /// every other character of the table above is escaped. A message is safe to print after it, even when a value
  /// in it was never escaped; escaping an escaped message again changes nothing.
  public static func escapedMessage(_ text: String) -> String {
    escape(text, keepingLineFeeds: true)
  }

  private static func escape(_ text: String, keepingLineFeeds: Bool) -> String {
    // Most text holds none of these bytes: it is returned as it is, without building a new string.
    let mayNeedEscaping = text.utf8.contains { byte in
      byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 || (byte == 0x5C && !keepingLineFeeds)
    }
    guard mayNeedEscaping else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\" where !keepingLineFeeds: result.append(contentsOf: #"\\"#.unicodeScalars)
      case "\n" where keepingLineFeeds: result.append(scalar)
      case "\n": result.append(contentsOf: #"\n"#.unicodeScalars)
      case "\r": result.append(contentsOf: #"\r"#.unicodeScalars)
      case "\t": result.append(contentsOf: #"\t"#.unicodeScalars)
      default:
        if isEscaped(scalar.value) {
          result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
        } else {
          result.append(scalar)
        }
      }
    }
    return String(result)
  }

  private static func isEscaped(_ value: UInt32) -> Bool {
    value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
      || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
  }
}
