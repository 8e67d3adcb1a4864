import AdregDatabase
import Foundation
import Testing

@testable import AdregCLI

/// Issue 19: show commands and reports stay readable at 100 columns; `--wide` keeps one line per item.
@Suite("tables readable at 100 columns")
struct TableWidthTests {
  /// Words enough for several lines, a word wider than a line, and (written into the registry straight, as an old
  /// version or a hand edit could) a line break and escape sequences.
  static let longNote =
    "redness spreading from the cheeks to the eyelids and the neck after the second injection, worse in the morning, "
    + "better with emollients; photo in the chart; see https://example.org/" + String(repeating: "long-path/", count: 14)
    + " and the dermatologist's letter of the following week, which describes the same findings in other words"
  static let hostile = "\nWITHDRAWN forged line\u{1B}]0;owned\u{7}\u{1B}[2J"

  func setUp() throws -> Harness {
    let h = try Harness()
    let note = Self.longNote
    for words in [
      ["init"], ["patient", "add", "H1", "--start", "2024-01-15"], ["dose", "add", "H1", "--date", "2024-02-26"],
      ["visit", "add", "H1", "--date", "2024-03-01", "--note", note],
      ["record", "H1", "--onset", "2024-03-04", "--category", "facial-redness", "--reported", "2024-03-05", "--note", note],
      ["case", "update", "1", "--action", "continued", "--outcome", "resolved", "--outcome-date", "2024-04-01",
       "--biopsy", note, "--note", note],
      ["record", "H1", "--onset", "2024-03-10", "--category", "conjunctivitis", "--reported", "2024-03-11", "--note", note],
      ["case", "withdraw", "2", "--reason", note],
      ["patient", "stop", "H1", "--date", "2024-06-01", "--reason", note],
    ] {
      let result = h.run(words)
      try #require(result.status == 0, "\(words): \(result.error)")
    }
    let db = try Connection(path: h.database)
    try db.execute("UPDATE case_report SET description = description || ?", [.text(Self.hostile)])
    try db.execute("UPDATE follow_up SET note = note || ?", [.text(Self.hostile)])
    try db.execute("UPDATE visit SET note = note || ?", [.text(Self.hostile)])
    try db.execute(
      "UPDATE trial_reference SET provenance = ? || provenance || ?, source = source || ' ' || ?",
      [.text(note + " "), .text(Self.hostile), .text(note)])
    return h
  }

  static let commands: [[String]] = [
    ["case", "show", "1"], ["case", "show", "2"], ["patient", "show", "H1"], ["assess", "1"],
    ["report", "frequency", "--include-unverified"], ["report", "incidence", "--include-unverified"],
  ]

  @Test("no line of case show, patient show, assess, report frequency or incidence passes 100 characters")
  func narrow() throws {
    let h = try setUp()
    for words in Self.commands {
      let result = h.run(words)
      #expect(result.status == 0, "\(words): \(result.error)")
      let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.count > 5, "\(words)")
      for line in lines { #expect(line.count <= 100, "\(words): \(line.count) characters: \(line)") }
      #expect(!lines.contains { $0.hasPrefix("WITHDRAWN forged") }, "\(words)")
      #expect(!result.output.contains("\u{1B}"), "\(words)")
    }
  }

  @Test("--wide keeps each note, reason and provenance on one line")
  func wide() throws {
    let h = try setUp()
    let escapedNote = #"\#(Self.longNote)\nWITHDRAWN forged line\u{1B}]0;owned\u{7}\u{1B}[2J"#
    for words in [["case", "show", "1"], ["patient", "show", "H1"]] {
      let narrow = h.run(words)
      let wide = h.run(words + ["--wide"])
      #expect(wide.status == 0, "\(words): \(wide.error)")
      #expect(wide.output.split(separator: "\n").contains { $0.hasSuffix(escapedNote) }, "\(words)")
      #expect(!narrow.output.split(separator: "\n").contains { $0.contains(escapedNote) }, "\(words)")
      #expect(wide.output.split(separator: "\n").count < narrow.output.split(separator: "\n").count, "\(words)")
    }
    let show = h.run("case", "show", "1", "--wide").output.split(separator: "\n").map(String.init)
    #expect(show.contains("  note: " + escapedNote))
    #expect(show.contains { $0.hasPrefix("    1. ") && $0.contains("biopsy: \(Self.longNote); note: \(escapedNote)") })
    #expect(h.run("case", "show", "2", "--wide").output.hasPrefix("WITHDRAWN on "))
    #expect(h.run("case", "show", "2", "--wide").output.split(separator: "\n")[0].hasSuffix(": " + Self.longNote))
    let course = h.run("patient", "show", "H1", "--wide").output.split(separator: "\n").map(String.init)
    #expect(course.contains("    2024-06-01  day  139  treatment stop: " + Self.longNote))
    #expect(course.contains("    2024-03-01  day   47  visit: " + escapedNote))
    let provenance = #"provenance: \#(Self.longNote) "#
    for report in [["report", "frequency", "--include-unverified"], ["report", "incidence", "--include-unverified"]] {
      let narrow = h.run(report)
      let wide = h.run(report + ["--wide"])
      #expect(wide.status == 0, "\(report): \(wide.error)")
      let lines = wide.output.split(separator: "\n")
      #expect(lines.contains { $0.hasPrefix("      " + provenance) && $0.hasSuffix(#"\nWITHDRAWN forged line\u{1B}]0;owned\u{7}\u{1B}[2J"#) }, "\(report)")
      #expect(lines.contains { $0.hasPrefix("  ") && $0.hasSuffix(" " + Self.longNote) }, "\(report)")
      #expect(!narrow.output.split(separator: "\n").contains { $0.contains(provenance) }, "\(report)")
    }
  }

  @Test("folding keeps the leading spaces, drops the spaces at a fold and cuts a word wider than a line")
  func folding() {
    #expect(wrapped("  ab cd ef", width: 7, indent: "    ") == "  ab cd\n    ef\n")
    #expect(wrapped("ab  cd", width: 3, indent: " ") == "ab\n cd\n")
    #expect(wrapped("abcdefghij", width: 4, indent: "  ") == "abcd\n  ef\n  gh\n  ij\n")
    #expect(wrapped("short", width: 100) == "short\n")
    #expect(TextLayout(wide: true).fold(String(repeating: "word ", count: 40), indent: "  ").split(separator: "\n").count == 1)
  }
}
