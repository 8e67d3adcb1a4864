import AdregDatabase
import Foundation
import Testing

@testable import AdregCLI

/// Issue 12, item 9: stored free text is shown escaped on a terminal and in tables (PRODUCT.md §4b).
@Suite("stored text shown escaped")
struct DisplayEscapeTests {
  /// A note that, printed raw, would forge a follow-up, an author and a withdrawal in `case show`.
  static let forgingNote = "looks fine\n    2. 2024-01-01T00:00:00Z by dr.forged: outcome resolved\nWITHDRAWN on 2024-01-02 by admin: forged"
  static let escapeSequences = "\u{1B}]0;owned\u{7}\u{1B}[2J"

  /// One patient and one case with the forging note and a follow-up note, and escape sequences written straight
  /// into the registry as an old version or a hand edit could have left them (`record` refuses them).
  func setUp() throws -> Harness {
    let h = try Harness()
    for words in [
      ["init"], ["patient", "add", "P1", "--start", "2024-01-15"],
      ["record", "P1", "--onset", "2024-03-04", "--category", "facial-redness", "--reported", "2024-03-05", "--note", Self.forgingNote],
      ["case", "update", "1", "--note", "second\n  recorded 2024-01-01 by forged.user", "--biopsy", "spongiosis\nforged"],
    ] {
      let result = h.run(words)
      try #require(result.status == 0, "\(words): \(result.error)")
    }
    let db = try Connection(path: h.database)
    try db.execute("UPDATE case_report SET description = description || ?", [.text(Self.escapeSequences)])
    try db.execute("UPDATE follow_up SET note = note || ?", [.text(Self.escapeSequences)])
    try db.execute(
      "UPDATE trial_reference SET provenance = ? WHERE rowid = (SELECT min(rowid) FROM trial_reference)",
      [.text("checked\nforged line" + Self.escapeSequences)])
    return h
  }

  func expectNoRawControls(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let raw = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    #expect(raw.isEmpty, "raw control characters \(raw.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
  }

  @Test("case show: a note cannot forge follow-ups, authors or a withdrawal, and no escape sequence is printed")
  func caseShow() throws {
    let h = try setUp()
    let note = #"  note: looks fine\n    2. 2024-01-01T00:00:00Z by dr.forged: outcome resolved\nWITHDRAWN on 2024-01-02 by admin: forged\u{1B}]0;owned\u{7}\u{1B}[2J"#
    let followUp = #"biopsy: spongiosis\nforged; note: second\n  recorded 2024-01-01 by forged.user\u{1B}]0;owned\u{7}\u{1B}[2J"#
    // Issue 19: long notes fold at 100 columns with a hanging indent deeper than any line of the layout, so the
    // checks on forged lines hold for the folded and the --wide forms, and each note is one line with --wide.
    for wide in [false, true] {
      let result = h.run(["case", "show", "1"] + (wide ? ["--wide"] : []))
      #expect(result.status == 0, "\(result.error)")
      expectNoRawControls(result.output)
      let lines = result.output.split(separator: "\n").map(String.init)
      #expect(!lines.contains { $0.hasPrefix("WITHDRAWN") })
      #expect(lines.filter { $0.hasPrefix("    ") && $0.dropFirst(4).first?.isNumber == true }.count == 1)
      #expect(lines.filter { $0.hasPrefix("  recorded ") }.count == 1)
      if wide {
        #expect(lines.contains(note))
        #expect(lines.contains { $0.hasSuffix(followUp) })
      } else {
        #expect(result.flowing.contains(note.dropFirst(2)))
        #expect(result.flowing.contains(followUp))
      }
    }
  }

  @Test("case show --format json keeps the note as stored")
  func caseShowJSON() throws {
    let h = try setUp()
    let object = try #require(try h.json(h.run("case", "show", "1", "--format", "json")) as? [String: Any])
    #expect(object["note"] as? String == Self.forgingNote + Self.escapeSequences)
  }

  @Test("the audit table has one line per entry, whatever the notes in it hold")
  func auditTable() throws {
    let h = try setUp()
    let entries = try #require(try h.json(h.run("audit", "--format", "json")) as? [[String: Any]])
    let result = h.run("audit")
    #expect(result.status == 0)
    expectNoRawControls(result.output)
    let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == entries.count + 2)
    for line in lines.dropFirst(2) { #expect(line.trimmingCharacters(in: .whitespaces).first?.isNumber == true, "\(line)") }
    // Each change is one line of the entry: the note's line breaks are kept escaped, never split into changes.
    let changes = entries.flatMap { $0["changes"] as? [String] ?? [] }
    #expect(changes.contains(#"note: ∅ → "# + #"looks fine\n    2. 2024-01-01T00:00:00Z by dr.forged: outcome resolved\nWITHDRAWN on 2024-01-02 by admin: forged"#))
    #expect(changes.contains(#"biopsy: ∅ → spongiosis\nforged"#))
    #expect(!changes.contains { $0.hasPrefix("    2.") || $0.hasPrefix("WITHDRAWN") || $0.hasPrefix("forged") })
    #expect(result.output.contains(#"biopsy: ∅ → spongiosis\nforged; note: ∅ → second\n  recorded"#))
    // An entry written by an older adreg, or by hand, with raw control characters in it is escaped when shown.
    try Connection(path: h.database).execute(
      "INSERT INTO audit_entry (at, user, action, changes) VALUES ('2025-06-30T12:00:00.000Z', ?, 'case.update', ?)",
      [.text("evil\u{1B}[2J"), .text("note: ∅ → x\u{1B}]0;owned\u{7}")])
    let again = h.run("audit")
    expectNoRawControls(again.output)
    #expect(again.output.split(separator: "\n").count == entries.count + 3)
    #expect(again.output.contains(#"evil\u{1B}[2J"#) && again.output.contains(#"note: ∅ → x\u{1B}]0;owned\u{7}"#))
  }

  @Test("case list and patient show escape stored text of any column")
  func listingsAndShow() throws {
    let h = try setUp()
    #expect(h.run("patient", "stop", "P1", "--date", "2024-06-01", "--reason", "moved away\nWITHDRAWN forged").status == 0)
    let show = h.run("patient", "show", "P1")
    expectNoRawControls(show.output)
    #expect(show.output.contains(#"  stopped: 2024-06-01 (moved away\nWITHDRAWN forged)"#))
    #expect(!show.output.contains("\nWITHDRAWN"))
    let db = try Connection(path: h.database)
    try db.execute("UPDATE patient SET regimen = ?", [.text("300 mg\u{1B}[31m red\\")])
    let list = h.run("patient", "list")
    expectNoRawControls(list.output)
    #expect(list.output.split(separator: "\n").count == 3)
    #expect(list.output.contains(#"300 mg\u{1B}[31m red\\"#))
    try db.execute("UPDATE patient SET code = ?", [.text("P\u{1B}[2J\n1")])
    let cases = h.run("case", "list")
    #expect(cases.status == 0)
    expectNoRawControls(cases.output)
    #expect(cases.output.split(separator: "\n").count == 3)
    #expect(cases.output.contains(#"P\u{1B}[2J\n1"#))
  }

  @Test("reference list and report tables escape provenance text from a reference")
  func referencesAndReports() throws {
    let h = try setUp()
    let list = h.run("reference", "list")
    #expect(list.status == 0)
    expectNoRawControls(list.output)
    let shown = #"checked\nforged line\u{1B}]0;owned\u{7}\u{1B}[2J"#
    #expect(list.output.contains(shown))
    let references = try #require(try h.json(h.run("reference", "list", "--format", "json")) as? [[String: Any]])
    #expect(list.output.split(separator: "\n").count == references.count + 2)
    for report in [["report", "frequency", "--include-unverified"], ["report", "incidence", "--include-unverified"]] {
      let result = h.run(report)
      #expect(result.status == 0, "\(report): \(result.error)")
      expectNoRawControls(result.output)
      #expect(!result.output.contains("\nforged line"), "\(report)")
    }
    #expect(h.run("report", "frequency", "--include-unverified").flowing.contains("provenance: " + shown))
  }

  @Test("a table cell with line breaks and escape sequences stays on its row")
  func tableCells() {
    let listing = Listing(columns: ["id", "note"], rows: [[.int(1), .string("a\nb\u{1B}[2J")], [.int(2), .string(#"c\d"#)]])
    let lines = listing.table().split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[2] == #" 1  a\nb\u{1B}[2J"#)
    #expect(lines[3] == #" 2  c\\d"#)
  }

  @Test("import error lines and other error messages never echo raw bytes of a file or an option")
  func errorLines() throws {
    let h = try setUp()
    let file = h.path("hostile.csv")
    try (
      "patient_code,category,onset_date,description\r\n"
        + "P1,\"facial\u{1B}[2J\",2024-03-04,x\r\n"
        + "\"P1\nhostile.csv:99: forged problem\",facial-redness,2024-03-04,x\r\n"
        + "P1,facial-redness,\"2024\u{1B}]0;t\u{7}\",x\r\n"
    ).write(toFile: file, atomically: true, encoding: .utf8)
    let result = h.run("import", "cases", file)
    #expect(result.status == 65)
    expectNoRawControls(result.error)
    #expect(result.error.contains(#"category: unknown category 'facial\u{1B}[2J'"#))
    #expect(result.error.contains(#"unknown patient P1\nhostile.csv:99: forged problem"#))
    #expect(result.error.contains(#"'2024\u{1B}]0;t\u{7}' is not a date"#))
    #expect(!result.error.split(separator: "\n").contains { $0.hasPrefix("hostile.csv:99") })
    let option = h.run("case", "show", "\u{1B}[2J")
    #expect(option.status == 65)
    expectNoRawControls(option.error)
    #expect(option.error.contains(#"\u{1B}[2J"#))
    let usage = h.run("case", "show", "1", "--\u{1B}[2J")
    #expect(usage.status == 64)
    expectNoRawControls(usage.error)
  }
}
