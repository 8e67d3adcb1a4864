@testable import AdregCLI
import AdregCore
import Foundation
import Testing

@Suite("progress of import, export and synth on a terminal")
struct ProgressTests {
  static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

  @Test("the line shows percent, rows per second and time left")
  func lineWords() {
    let line = ProgressLine.line(
      label: "patients.csv", verb: "read", WorkProgress(rows: 12_500, done: 500, total: 1_000), elapsed: 5)
    #expect(line == "patients.csv: 50% · 12,500 rows read · 2,500 rows/s · 0:05 left")
    let synth = ProgressLine.line(
      label: "synth", noun: "patient", verb: "written", WorkProgress(rows: 1, done: 1, total: 4_000), elapsed: 1)
    #expect(synth == "synth: 0% · 1 patient written · 1 patients/s · 1:06:39 left")
  }

  @Test("the summary gives the rows, the time and the rate")
  func summaryWords() {
    #expect(
      ProgressLine.summary(label: "e.csv", verb: "written", rows: 20_000, elapsed: 2.5)
        == "e.csv: 20,000 rows written in 2.5 s (8,000 rows/s)")
    #expect(ProgressLine.clockTime(59.2) == "1:00")
    #expect(ProgressLine.clockTime(3_723) == "1:02:03")
  }

  @Test("on a terminal, import, export and synth redraw one line with percent and time left, then a summary", .enabled(if: hasScript))
  func terminalShowsProgress() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    // script(1) gives adreg a pseudo-terminal as standard error; standard input stays /dev/null, which is no terminal.
    let result = try BuiltBinary.shell(
      """
      script -qec "\\"$ADREG\\" synth --patients 3000 --out d --as-of 2025-06-30" /dev/null </dev/null > synth.txt
      script -qec "\\"$ADREG\\" import patients d/patients.csv --as-of 2025-06-30" /dev/null </dev/null > import.txt
      script -qec "\\"$ADREG\\" export patients --out e.csv --as-of 2025-06-30" /dev/null </dev/null > export.txt
      """, environment: ["ADREG_DB": h.database], in: h.directory.path)
    #expect(result.status == 0, "\(result.error)")
    let synth = try String(contentsOfFile: h.path("synth.txt"), encoding: .utf8)
    let imported = try String(contentsOfFile: h.path("import.txt"), encoding: .utf8)
    let exported = try String(contentsOfFile: h.path("export.txt"), encoding: .utf8)
    #expect(imported.contains("\rd/patients.csv: "))
    #expect(imported.range(of: #"d/patients\.csv: \d{1,3}% · [\d,]+ rows read · [\d,]+ rows/s · \d+:\d\d left\e\[K"#, options: .regularExpression) != nil, "\(imported.debugDescription)")
    #expect(imported.contains("d/patients.csv: 3,000 rows read in "))
    #expect(imported.contains("Imported d/patients.csv: 3000 rows read; 3000 patients added"))
    #expect(exported.range(of: #"e\.csv: \d{1,3}% · [\d,]+ rows written · [\d,]+ rows/s · \d+:\d\d left"#, options: .regularExpression) != nil, "\(exported.debugDescription)")
    #expect(exported.contains("e.csv: 3,000 rows written in "))
    #expect(synth.range(of: #"synth: \d{1,3}% · [\d,]+ patients written · [\d,]+ patients/s · \d+:\d\d left"#, options: .regularExpression) != nil, "\(synth.debugDescription)")
    #expect(synth.contains("synth: 3,000 patients written in "))
    // One redrawn line: the progress never starts a new line of its own before the summary.
    let beforeSummary = try #require(imported.range(of: "d/patients.csv: 3,000 rows read in ")).lowerBound
    #expect(!imported[..<beforeSummary].contains("\n"))
  }

  @Test("with standard error a pipe or a file, nothing but the usual output appears", .enabled(if: hasScript))
  func pipeShowsNothing() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let result = try BuiltBinary.shell(
      """
      "$ADREG" synth --patients 3000 --out d --as-of 2025-06-30 2>synth.err | cat
      "$ADREG" import patients d/patients.csv --as-of 2025-06-30 2>import.err | cat
      "$ADREG" export patients --out e.csv --as-of 2025-06-30 2>&1 | cat
      """, environment: ["ADREG_DB": h.database], in: h.directory.path)
    #expect(result.status == 0)
    #expect(try String(contentsOfFile: h.path("synth.err"), encoding: .utf8).isEmpty)
    #expect(try String(contentsOfFile: h.path("import.err"), encoding: .utf8).isEmpty)
    #expect(result.error.isEmpty)
    #expect(result.output.contains("Imported d/patients.csv: 3000 rows read; 3000 patients added"))
    #expect(result.output.hasSuffix("Exported 3000 patients to e.csv, de-identified.\n"))
    #expect(!result.output.contains("%") && !result.output.contains("\r"))
  }
}
