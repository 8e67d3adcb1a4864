/// RFC 4180 field quoting.
public enum CSVFormat {
  /// The field as it must appear in a CSV file.
  ///
  /// A field is quoted, with its inner quotes doubled, exactly when it contains a comma, a
  /// double quote, a carriage return or a line feed, or starts with U+FEFF (which would otherwise read
  /// back as a byte-order mark at the start of a file). Nothing else is quoted: leading and
  /// trailing spaces survive unquoted because ``CSVReader`` (like RFC 4180 and Python's
  /// `csv` module) never trims fields.
  public static func escape(_ field: String) -> String {
    var bytes: [UInt8] = []
    append(field, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A text cell as a spreadsheet must not read it as a formula (OWASP CSV injection): a text that starts with
  /// `=`, `+`, `-`, `@`, a tab, a carriage return or `'` gets one `'` in front. A spreadsheet shows the `'`-led
  /// cell as text; ``unescapingFormula(_:)`` gives the stored text back, and `'` is escaped too so that the two
  /// are exact inverses. Numbers are not text: a caller escapes text cells only, so `-3.5` stays a number.
  public static func escapingFormula(_ text: String) -> String {
    guard let first = text.utf8.first, startsFormula(first) else { return text }
    return "'" + text
  }

  /// The stored text of a cell ``escapingFormula(_:)`` wrote: one leading `'` removed when the next character
  /// is one of those it escapes. Any other text, `'quoted` included, is returned as it is.
  public static func unescapingFormula(_ text: String) -> String {
    var bytes = text.utf8.makeIterator()
    guard bytes.next() == 0x27, let second = bytes.next(), startsFormula(second) else { return text }
    return String(text.unicodeScalars.dropFirst())
  }

  @inline(__always)
  static func startsFormula(_ byte: UInt8) -> Bool {
    // = + - @ tab CR '
    byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D || byte == 0x27
  }

  @inline(__always)
  static func append(_ field: String, to out: inout [UInt8]) {
    var field = field
    field.withUTF8 { utf8 in
      // A leading U+FEFF would read back as a byte-order mark and vanish when the field opens the file.
      var needsQuotes = utf8.starts(with: [0xEF, 0xBB, 0xBF])
      for byte in utf8 where !needsQuotes && (byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A) {
        needsQuotes = true
        break
      }
      guard needsQuotes else {
        out.append(contentsOf: utf8)
        return
      }
      out.append(0x22)
      for byte in utf8 {
        out.append(byte)
        if byte == 0x22 { out.append(0x22) }
      }
      out.append(0x22)
    }
  }
}

/// Writes RFC 4180 records with CRLF line endings to a ``TextSink``.
///
/// A header row is just the first record. Each record reaches the sink as one piece, so a
/// ``FileSink`` keeps memory flat however many rows are written.
///
/// ```swift
/// var writer = CSVWriter(sink: try FileSink(path: "cases.csv"))
/// try writer.write(["id", "site", "onset_days"])
/// try writer.write(["P-001", "eyelid", nil])
/// try writer.sink.close()
/// ```
public struct CSVWriter<Sink: TextSink> {
  /// The sink being written to; read a `StringSink`'s text or close a `FileSink` through it.
  public var sink: Sink
  /// One record's bytes, reused so steady-state writing does not allocate.
  private var line: [UInt8] = []

  public init(sink: Sink) {
    self.sink = sink
  }

  /// Appends one record. A nil field is written as an empty field, exactly like `""`;
  /// CSV has no way to tell them apart. A record of one empty field is written as `""` so
  /// that it does not read back as a skipped empty line.
  public mutating func write(_ fields: [String?]) throws {
    line.removeAll(keepingCapacity: true)
    for index in fields.indices {
      if index > 0 { line.append(0x2C) }
      if let field = fields[index] { CSVFormat.append(field, to: &line) }
    }
    try finishRecord(fieldCount: fields.count)
  }

  /// Appends one record of non-optional fields.
  ///
  /// Passing `[String]` to the `[String?]` overload would convert the whole array on every
  /// call, which dominates the cost of writing short records.
  public mutating func write(_ fields: [String]) throws {
    line.removeAll(keepingCapacity: true)
    for index in fields.indices {
      if index > 0 { line.append(0x2C) }
      CSVFormat.append(fields[index], to: &line)
    }
    try finishRecord(fieldCount: fields.count)
  }

  private mutating func finishRecord(fieldCount: Int) throws {
    // A lone empty field would make an empty line, which readers skip; quoting keeps the record.
    if fieldCount == 1 && line.isEmpty { line.append(contentsOf: [0x22, 0x22]) }
    line.append(0x0D)
    line.append(0x0A)
    try line.withUnsafeBufferPointer { try sink.write($0) }
  }
}

extension CSVWriter: Sendable where Sink: Sendable {}
