import AdregFormats
import Foundation

/// Output formats of listing and report commands.
enum OutputFormat: String, CaseIterable {
  case table, csv, json
}

/// Rows with named columns: one source for the table, CSV and JSON forms of a listing.
struct Listing {
  var columns: [String]
  var rows: [[JSONValue]]
  /// Columns whose text is stored escaped already (an audit entry's changes): a table shows their backslashes as
  /// they are instead of doubling them, and still escapes any raw control character.
  var escapedColumns: Set<String> = []

  /// JSON: an array of objects with snake_case keys, values unrounded.
  var json: JSONValue {
    .array(rows.map { row in .object(Array(zip(columns, row))) })
  }

  /// CSV per RFC 4180 with a header row; values unrounded. A text cell that a spreadsheet would read as a formula
  /// gets a leading `'` (`CSVFormat.escapingFormula`) unless `raw`; numbers, negative ones included, never do.
  func csv(raw: Bool = false) -> String {
    var writer = CSVWriter(sink: StringSink())
    try? writer.write(columns)
    for row in rows { try? writer.write(row.map { Listing.csvText($0, raw: raw) }) }
    return writer.sink.text
  }

  /// A value's CSV cell: its plain text, escaped against formulas when it is text (a string, or a list of them).
  static func csvText(_ value: JSONValue, raw: Bool) -> String? {
    guard let text = plainText(value) else { return nil }
    if raw { return text }
    switch value {
    case .string: return CSVFormat.escapingFormula(text)
    case .array(let items) where items.contains(where: { if case .string = $0 { true } else { false } }):
      return CSVFormat.escapingFormula(text)
    default: return text
    }
  }

  /// A table for reading: aligned columns, numbers rounded.
  func table() -> String { textTable().render() }

  /// The table's header, readable cells and column kinds.
  func textTable() -> TextTable {
    TextTable(
      header: columns.map { $0.replacingOccurrences(of: "_", with: " ") }, rows: rows.map { $0.map(Listing.readable) },
      numeric: Listing.numericColumns(rows, count: columns.count), escaped: columns.map(escapedColumns.contains))
  }

  static func numericColumns(_ rows: [[JSONValue]], count: Int) -> [Bool] {
    (0..<count).map { index in
      rows.contains { row in
        if case .int = row[index] { return true }
        if case .double = row[index] { return true }
        return false
      }
    }
  }

  /// The unrounded text of a value, as CSV carries it.
  static func plainText(_ value: JSONValue) -> String? {
    switch value {
    case .null: nil
    case .bool(let v): v ? "true" : "false"
    case .int(let v): String(v)
    case .double(let v): v.isFinite ? "\(v)" : nil
    case .string(let v): v
    case .array(let items): items.compactMap(plainText).joined(separator: ";")
    case .object: value.serialized()
    }
  }

  /// The text of a value in a table, numbers rounded for reading; `TextTable` escapes it onto one line.
  static func readable(_ value: JSONValue) -> String {
    switch value {
    case .null: "–"
    case .double(let v): format(v, digits: 2)
    case .string(let v): shortened(v)
    default: plainText(value) ?? ""
    }
  }
}

/// A fixed number of decimals, without locale.
func format(_ value: Double, digits: Int) -> String {
  guard value.isFinite else { return "–" }
  return String(format: "%.\(digits)f", value)
}

/// Aligned text columns; numbers right-aligned. Every cell is shown escaped (`DisplayText`): one line each, so a
/// stored line break or escape sequence can neither forge a row nor reach the terminal.
struct TextTable {
  var header: [String]
  var rows: [[String]]
  var numeric: [Bool] = []
  /// Columns of text escaped already (`Listing.escapedColumns`).
  var escaped: [Bool] = []

  func render() -> String {
    let rows = self.rows.map(shown)
    let widths = columnWidths(rows)
    var text = ruledHeader(widths)
    for row in rows { text += line(row, widths: widths) + "\n" }
    return text
  }

  /// A row's cells as the table shows them: escaped onto one line each.
  func shown(_ row: [String]) -> [String] {
    row.enumerated().map { i, cell in
      i < escaped.count && escaped[i] ? DisplayText.escapedMessage(cell) : DisplayText.escaped(cell)
    }
  }

  /// The width of each column: its widest cell among the header and `shownRows`.
  func columnWidths(_ shownRows: [[String]]) -> [Int] {
    var widths = header.map { DisplayText.escaped($0).count }
    for row in shownRows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    return widths
  }

  /// The header line and the rule under it.
  func ruledHeader(_ widths: [Int]) -> String {
    line(header.map(DisplayText.escaped), widths: widths) + "\n"
      + line(widths.map { String(repeating: "-", count: $0) }, widths: widths) + "\n"
  }

  /// One line of shown cells padded to `widths`; a cell wider than its column pushes the rest of the line right.
  func line(_ cells: [String], widths: [Int]) -> String {
    cells.enumerated().map { i, cell in
      let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
      let right = i < numeric.count && numeric[i]
      return right ? pad + cell : cell + pad
    }.joined(separator: "  ").droppingTrailingWhitespace()
  }
}

extension String {
  /// The string without the spaces and other white space at its end: a table line ends with its last character.
  func droppingTrailingWhitespace() -> String {
    guard let last = last, last.isWhitespace else { return self }
    var end = endIndex
    while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
    return String(self[..<end])
  }
}

/// A table cell cut to a readable width; the full text is in `show`, CSV and JSON.
func shortened(_ text: String, limit: Int = 72) -> String {
  text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
}

/// Text folded at spaces into lines of at most `width` characters, each line after the first starting with
/// `indent`; ends with a newline. Spaces at the start are kept and spaces at a fold dropped; a word longer than a
/// whole line is cut, so that no line is wider than `width`.
func wrapped(_ text: String, width: Int = 100, indent: String = "") -> String {
  var lines: [String] = []
  var line = ""
  var open = false  // the line holds a word, perhaps an empty one between two spaces
  for whole in text.split(separator: " ", omittingEmptySubsequences: false) {
    var word = whole
    while true {
      let prefix = lines.isEmpty ? 0 : indent.count
      if open {
        if prefix + line.count + 1 + word.count <= width {
          line += " " + word
          break
        }
        lines.append(line.droppingTrailingWhitespace())
        line = ""
        open = false
        continue
      }
      if word.isEmpty && !lines.isEmpty { break }
      if prefix + word.count <= width {
        line = String(word)
        open = true
        break
      }
      let room = max(1, width - prefix)
      lines.append(String(word.prefix(room)))
      word = word.dropFirst(room)
    }
  }
  lines.append(line)
  return lines.enumerated().map { $0.offset == 0 ? $0.element : indent + $0.element }.joined(separator: "\n") + "\n"
}
