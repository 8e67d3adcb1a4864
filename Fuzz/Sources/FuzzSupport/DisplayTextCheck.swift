/// What the fuzz targets expect of text shown on a terminal, written from the table in PRODUCT.md §4b rather than
/// from `DisplayText`, so that the two can disagree.
public enum DisplayTextCheck {
  /// Scalars a terminal must never receive raw: C0 and C1 controls, DEL, the line and paragraph separators, the
  /// bidirectional embeddings, overrides and isolates.
  static let unsafe: [ClosedRange<UInt32>] = [0...0x1F, 0x7F...0x9F, 0x2028...0x202E, 0x2066...0x2069]

  /// Whether the text holds no unsafe scalar (line feeds allowed when asked, for messages of several lines).
  public static func isSafe(_ text: String, allowingLineFeeds: Bool = false) -> Bool {
    text.unicodeScalars.allSatisfy { scalar in
      (allowingLineFeeds && scalar == "\n") || !unsafe.contains { $0.contains(scalar.value) }
    }
  }

  /// The text `DisplayText.escaped` was given, read back from its Swift-literal escapes; nil when the escaped text
  /// is ambiguous (a backslash not starting `\\`, `\n`, `\r`, `\t` or `\u{HEX}`).
  public static func unescaped(_ text: String) -> String? {
    var result = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      guard scalar == "\\" else {
        result.append(scalar)
        continue
      }
      switch scalars.next() {
      case "\\": result.append("\\")
      case "n": result.append("\n")
      case "r": result.append("\r")
      case "t": result.append("\t")
      case "u":
        guard scalars.next() == "{" else { return nil }
        var hex = ""
        while let digit = scalars.next(), digit != "}" { hex.unicodeScalars.append(digit) }
        guard !hex.isEmpty, hex == hex.uppercased(), !hex.hasPrefix("0") || hex == "0",
          let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value)
        else { return nil }
        result.append(decoded)
      default: return nil
      }
    }
    return String(result)
  }
}
