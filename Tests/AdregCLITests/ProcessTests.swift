import Foundation
import Testing

/// End-to-end checks that spawn the built binary, as staff at two terminals would.
@Suite("The built binary")
struct ProcessTests {
  @Test("stdout, stderr and exit code of a refused command, together")
  func refusedEndToEnd() throws {
    let h = try Harness()
    let result = try BuiltBinary.shell(
      """
      "$ADREG" init >/dev/null && "$ADREG" patient add P1 --start 2025-01-01 >/dev/null && \
      "$ADREG" record P1 --onset 2024-12-01 --category facial-redness --as-of 2025-06-30
      """, environment: ["ADREG_DB": h.database], in: h.directory.path)
    #expect(result.status == 65)
    #expect(result.output.isEmpty)
    #expect(result.error.hasPrefix("Error: onset: 2024-12-01 is before treatment start 2025-01-01"))
  }

  @Test("demo, as the README's first command runs it: the frequency report, then the like-with-like table, exit 0")
  func demoEndToEnd() throws {
    let h = try Harness()
    let result = try BuiltBinary.shell(#""$ADREG" demo --as-of 2025-06-30"#, environment: [:], in: h.directory.path)
    #expect(result.status == 0, "\(result.error)")
    #expect(result.error.isEmpty, "\(result.error)")
    let report = try #require(result.output.range(of: "Reaction frequency — as of 2025-06-30"))
    let table = try #require(result.output.range(of: "Like with like:"))
    #expect(report.lowerBound < table.lowerBound)
    #expect(result.output.hasSuffix("de-identified, for R or pandas\n"), "the hints come last")
  }

  @Test("two processes recording 200 cases each at once: 400 cases, 400 audit entries, no error")
  func concurrentRecorders() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    #expect(h.run("patient", "add", "P2", "--start", "2025-01-01").status == 0)
    let result = try BuiltBinary.shell(
      """
      clerk() { for i in $(seq 200); do "$ADREG" record "$1" --onset 2025-03-01 --category injection-site --as-of 2025-06-30 --user "$1" >/dev/null || echo "failed $1 $i" >&2; done; }
      clerk P1 & clerk P2 & wait
      """, environment: ["ADREG_DB": h.database], in: h.directory.path)
    #expect(result.status == 0)
    #expect(result.error.isEmpty, "\(result.error)")
    let cases = try #require(try h.json(h.run("case", "list", "--format", "json")) as? [[String: Any]])
    #expect(cases.count == 400)
    let audit = try #require(try h.json(h.run("audit", "--format", "json")) as? [[String: Any]])
    #expect(audit.filter { $0["action"] as? String == "case.record" }.count == 400)
    #expect(h.run("check").status == 0)
  }

  @Test("eight processes recording 100 cases each while reports and exports run: 800 cases, 800 audit entries, no error")
  func eightRecorders() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    for n in 1...8 { #expect(h.run("patient", "add", "C\(n)", "--start", "2025-01-01").status == 0) }
    let result = try BuiltBinary.shell(
      """
      clerk() { for i in $(seq 100); do "$ADREG" record "C$1" --onset 2025-03-01 --category facial-redness --as-of 2025-06-30 --user "clerk$1" >/dev/null || echo "record failed C$1 $i" >&2; done; }
      reader() { for i in $(seq 15); do "$ADREG" report frequency --as-of 2025-06-30 >/dev/null || echo "report failed" >&2; "$ADREG" export cases --as-of 2025-06-30 >/dev/null || echo "export failed" >&2; done; }
      for n in 1 2 3 4 5 6 7 8; do clerk $n & done
      reader & wait
      """, environment: ["ADREG_DB": h.database], in: h.directory.path)
    #expect(result.status == 0)
    #expect(result.error.isEmpty, "\(result.error)")
    let cases = try #require(try h.json(h.run("case", "list", "--format", "json")) as? [[String: Any]])
    #expect(cases.count == 800)
    let audit = try #require(try h.json(h.run("audit", "--format", "json")) as? [[String: Any]])
    #expect(audit.filter { $0["action"] as? String == "case.record" }.count == 800)
    #expect(h.run("check").status == 0)
  }

  @Test("on a terminal, record asks for a missing category and onset", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func promptsOnTerminal() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    // script(1) gives adreg a pseudo-terminal; the answers are typed into it: 2 = facial-redness, then Enter for
    // scaling and for body sites.
    let result = try BuiltBinary.shell(
      """
      { sleep 0.5; printf '2\\n'; sleep 0.3; printf '2025-02-10\\n'; sleep 0.3; printf '\\n\\n'; sleep 0.5; } | \
        script -qfec "\\"$ADREG\\" record P1 --as-of 2025-06-30" /dev/null
      """, environment: ["ADREG_DB": h.database], in: h.directory.path)
    #expect(result.output.contains("Category:"))
    #expect(result.output.contains("1) eczema-worsening"))
    #expect(result.output.contains("Onset date (YYYY-MM-DD"))
    #expect(result.output.contains("Case 1 recorded for P1: facial-redness, onset on day 41 of treatment"))
  }
}
