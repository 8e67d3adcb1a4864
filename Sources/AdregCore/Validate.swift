import AdregFormats

/// Checks for single values, shared by the commands and the importers so both refuse the same things.
///
/// Each check names the field it refused and says how to fix it. A check takes the field as a `RecordField`, which
/// whoever shows the error names (an option, a column), or as a name already in the reader's words (a column of
/// the file being read, an option the CLI checks itself).
public enum Validate {
  /// How a check names the value it refused.
  struct Subject {
    var field: RecordField?
    var label: RegistryError.Phrase

    init(_ field: RecordField) {
      self.field = field
      label = "\(label: field)"
    }

    init(_ name: String) { label = RegistryError.Phrase(name) }

    func refusal(_ problem: RegistryError.Phrase, fix: RegistryError.Phrase? = nil) -> RegistryError {
      RegistryError(.invalidData, field: field, problem, fix: fix)
    }
  }

  /// A date in the only accepted form, `YYYY-MM-DD`.
  public static func date(_ text: String, field: RecordField) throws -> Day { try date(text, Subject(field)) }

  /// A date in the only accepted form, `YYYY-MM-DD`; `field` is named as given.
  public static func date(_ text: String, field: String) throws -> Day { try date(text, Subject(field)) }

  static func date(_ text: String, _ subject: Subject) throws -> Day {
    if let day = Day(iso: text) { return day }
    let shown = shortened(text)
    if text.contains("/") || text.contains(".") {
      throw subject.refusal(
        "\(subject.label): '\(shown)' is ambiguous (day and month order differ between countries)",
        fix: "write the date as YYYY-MM-DD, e.g. 2025-04-03")
    }
    if text.utf8.count == 10, text.utf8.filter({ $0 == UInt8(ascii: "-") }).count == 2 {
      throw subject.refusal(
        "\(subject.label): '\(shown)' is not a day of the calendar", fix: "check the month and day (YYYY-MM-DD)")
    }
    throw subject.refusal("\(subject.label): '\(shown)' is not a date", fix: "write it as YYYY-MM-DD, e.g. 2025-04-03")
  }

  /// A date that is not after `today`.
  public static func pastDate(_ text: String, field: RecordField, today: Day) throws -> Day {
    try pastDate(text, Subject(field), today: today)
  }

  /// A date that is not after `today`; `field` is named as given.
  public static func pastDate(_ text: String, field: String, today: Day) throws -> Day {
    try pastDate(text, Subject(field), today: today)
  }

  static func pastDate(_ text: String, _ subject: Subject, today: Day) throws -> Day {
    let day = try date(text, subject)
    guard day <= today else {
      throw subject.refusal(
        "\(subject.label): \(day.iso) is in the future (today is \(today.iso))", fix: "check the date")
    }
    return day
  }

  /// A site or patient code: 1–64 letters, digits, '.', '_' or '-'.
  public static func identifier(_ text: String, field: RecordField) throws -> String {
    try identifier(text, Subject(field))
  }

  /// A site or patient code, `field` named as given.
  public static func identifier(_ text: String, field: String) throws -> String {
    try identifier(text, Subject(field))
  }

  static func identifier(_ text: String, _ subject: Subject) throws -> String {
    guard !text.isEmpty else { throw subject.refusal("\(subject.label) is empty", fix: "give a value") }
    guard text.utf8.count <= 64 else {
      throw subject.refusal("\(subject.label) is longer than 64 characters", fix: "use a short pseudonymous code")
    }
    var bytes = text
    let allowed = bytes.withUTF8 { utf8 in
      utf8.allSatisfy { byte in
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
          || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
      }
    }
    guard allowed else {
      throw subject.refusal(
        "\(subject.label) '\(shortened(text))' may only hold letters, digits, '.', '_' and '-' "
          + "(a pseudonymous code, never a name)")
    }
    return text
  }

  public static func site(_ text: String, field: RecordField) throws -> String { try identifier(text, field: field) }

  public static func site(_ text: String, field: String) throws -> String { try identifier(text, field: field) }

  /// Free text: any characters but control characters (newlines and tabs are allowed when `multiline`).
  public static func text(
    _ text: String, field: RecordField, multiline: Bool = true, maxLength: Int = 100_000
  ) throws -> String {
    try self.text(text, Subject(field), multiline: multiline, maxLength: maxLength)
  }

  /// Free text, `field` named as given.
  public static func text(
    _ text: String, field: String, multiline: Bool = true, maxLength: Int = 100_000
  ) throws -> String {
    try self.text(text, Subject(field), multiline: multiline, maxLength: maxLength)
  }

  static func text(_ text: String, _ subject: Subject, multiline: Bool, maxLength: Int) throws -> String {
    // Printable ASCII, by far the most common text, has no control character and is as long as its bytes.
    var bytes = text
    let printable = bytes.withUTF8 { utf8 in utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
    if printable {
      guard text.utf8.count <= maxLength else {
        throw subject.refusal("\(subject.label) is longer than \(maxLength) characters", fix: "shorten it")
      }
      return text
    }
    for scalar in text.unicodeScalars {
      let value = scalar.value
      let isControl = value < 0x20 || value == 0x7F || (0x80..<0xA0).contains(value)
      let allowed = multiline && (scalar == "\n" || scalar == "\t")
      if isControl && !allowed {
        throw subject.refusal(
          "\(subject.label) contains a control character (U+\(String(value, radix: 16, uppercase: true)))",
          fix: "remove it\(multiline ? " (newlines and tabs are fine)" : "")")
      }
    }
    // Characters never outnumber UTF-8 bytes: count graphemes only when the bytes could exceed the limit.
    guard text.utf8.count <= maxLength || text.count <= maxLength else {
      throw subject.refusal("\(subject.label) is longer than \(maxLength) characters", fix: "shorten it")
    }
    return text
  }

  /// The name recorded as the author of changes: one line with at least one visible character, so no audit entry
  /// is signed by spaces, controls or invisible format characters alone.
  public static func user(_ text: String) throws -> String {
    let checked = try self.text(text, field: .user, multiline: false, maxLength: 200)
    let visible = checked.unicodeScalars.contains { scalar in
      switch scalar.properties.generalCategory {
      case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format, .unassigned, .surrogate:
        return false
      default:
        return !scalar.properties.isDefaultIgnorableCodePoint && !scalar.properties.isWhitespace
      }
    }
    guard visible else {
      throw RegistryError.invalid(
        .user, "\(label: .user): '\(checked)' has no visible character",
        fix: "give a name with \(option: .user) for the audit trail")
    }
    return checked
  }

  /// Text that must say something.
  public static func requiredText(_ text: String, field: RecordField, multiline: Bool = true) throws -> String {
    try requiredText(text, Subject(field), multiline: multiline)
  }

  /// Text that must say something, `field` named as given.
  public static func requiredText(_ text: String, field: String, multiline: Bool = true) throws -> String {
    try requiredText(text, Subject(field), multiline: multiline)
  }

  static func requiredText(_ text: String, _ subject: Subject, multiline: Bool) throws -> String {
    let checked = try self.text(text, subject, multiline: multiline, maxLength: 100_000)
    let startsVisibly = checked.utf8.first.map { $0 > 0x20 && $0 < 0x80 } ?? false
    guard startsVisibly || !checked.allSatisfy(\.isWhitespace) else {
      throw subject.refusal("\(subject.label) is empty", fix: "say why in a few words")
    }
    return checked
  }

  /// A whole number within `range`.
  public static func integer(_ text: String, field: RecordField, in range: ClosedRange<Int>) throws -> Int {
    try integer(text, Subject(field), in: range)
  }

  /// A whole number within `range`, `field` named as given.
  public static func integer(_ text: String, field: String, in range: ClosedRange<Int>) throws -> Int {
    try integer(text, Subject(field), in: range)
  }

  static func integer(_ text: String, _ subject: Subject, in range: ClosedRange<Int>) throws -> Int {
    guard let value = Int(text.trimmedSpaces()) else {
      throw subject.refusal(
        "\(subject.label): '\(shortened(text))' is not a whole number",
        fix: "give one from \(range.lowerBound) to \(range.upperBound)")
    }
    guard range.contains(value) else {
      throw subject.refusal(
        "\(subject.label): \(value) is outside \(range.lowerBound)–\(range.upperBound)",
        fix: "give a value in that range")
    }
    return value
  }

  /// Splits a `;`- or `,`-separated list of codes and checks each against its vocabulary.
  public static func codes(_ text: String, in vocabulary: Vocabulary, separator: Character = ",") throws -> [String] {
    let parts = text.split(separator: separator, omittingEmptySubsequences: true)
      .map { String($0).trimmedSpaces() }
      .filter { !$0.isEmpty }
    return try vocabulary.validate(parts)
  }

  /// A UUID in its 8-4-4-4-12 hexadecimal form, returned in lower case.
  ///
  /// Checked by hand: Foundation's parser goes through `sscanf`, which dominated bulk imports.
  public static func uuid(_ text: String, field: RecordField) throws -> String { try uuid(text, Subject(field)) }

  /// A UUID, `field` named as given.
  public static func uuid(_ text: String, field: String) throws -> String { try uuid(text, Subject(field)) }

  static func uuid(_ text: String, _ subject: Subject) throws -> String {
    // One pass over the bytes in place: the UTF-8 view's iterator cost more than the check itself.
    var bytes = text
    let (valid, upper) = bytes.withUTF8 { utf8 -> (Bool, Bool) in
      guard utf8.count == 36 else { return (false, false) }
      var upper = false
      for i in 0..<36 {
        let byte = utf8[i]
        if i == 8 || i == 13 || i == 18 || i == 23 {
          if byte != UInt8(ascii: "-") { return (false, false) }
        } else if byte >= 0x41 && byte <= 0x46 {
          upper = true
        } else if !((byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)) {
          return (false, false)
        }
      }
      return (true, upper)
    }
    guard valid else {
      throw subject.refusal("\(subject.label): '\(shortened(text))' is not a UUID (8-4-4-4-12 hexadecimal digits)")
    }
    return upper ? text.lowercased() : text
  }

  /// Text shown back in a message: cut short so a long value does not flood the screen, and escaped as every
  /// text shown on a terminal is (`DisplayText`), so a value from a file or an option cannot forge a line of the
  /// message or reach the terminal as an escape sequence.
  public static func shortened(_ text: String) -> String {
    DisplayText.escaped(text.count > 40 ? String(text.prefix(40)) + "…" : text)
  }
}

extension String {
  /// The text without leading and trailing spaces and tabs.
  func trimmedSpaces() -> String {
    // Most values have nothing to trim: answer those without building a new string.
    var bytes = self
    let padded = bytes.withUTF8 { utf8 in
      guard let first = utf8.first, let last = utf8.last else { return false }
      return first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
    }
    guard padded else { return self }
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
