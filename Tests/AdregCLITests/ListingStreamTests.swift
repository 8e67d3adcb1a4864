import AdregDatabase
import AdregFormats
import Foundation
import Testing

@testable import AdregCLI

@Suite("listings stream: rows are written as they are read")
struct ListingStreamTests {
  /// The largest piece of standard output a streaming listing may hand over: its 32 KB buffer plus one row, the
  /// longest here being the audit entry of the seeded references (about 24 KB).
  static let pieceLimit = 65_536

  /// Runs a command like `Harness.run`, returning each piece of standard output as it was written.
  static func pieces(_ h: Harness, _ words: [String]) -> (status: Int32, pieces: [String], error: String) {
    var pieces: [String] = []
    var error = ""
    let now = h.now
    let io = CLIIO(
      environment: ["ADREG_DB": h.database, "ADREG_USER": h.user], currentDirectory: h.directory.path,
      isInteractive: false, now: { now }, output: { pieces.append($0) }, error: { error += $0 }, input: { nil })
    let status = CLI.run(words + ["--as-of", h.asOf], io: io)
    return (status, pieces, error)
  }

  @Test("patient list, case list and audit hand over a long listing in bounded pieces, whole, in every format")
  func longListingsArriveInPieces() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("synth", "--patients", "2500", "--seed", "5", "--out", "d").status == 0)
    #expect(h.run("import", "patients", "d/patients.csv").status == 0)
    #expect(h.run("import", "cases", "d/cases.csv").status == 0)
    let db = try Connection(path: h.database)
    try db.execute(
      script: """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
        INSERT INTO audit_entry (at, user, action, changes) SELECT '2025-06-01T00:00:00Z', 'nurse.ana', 'test.entry', 'note: ' || i FROM n
        """)
    let patients = try #require(try db.scalar(Int.self, "SELECT count(*) FROM patient"))
    let cases = try #require(
      try db.scalar(Int.self, "SELECT count(*) FROM case_report WHERE id NOT IN (SELECT case_id FROM case_withdrawal)"))
    let entries = try #require(try db.scalar(Int.self, "SELECT count(*) FROM audit_entry"))
    #expect(patients == 2500 && cases > 500 && entries > 2500)
    for (words, rows) in [(["patient", "list"], patients), (["case", "list"], cases), (["audit"], entries)] {
      for format in ["table", "csv", "json"] {
        let run = Self.pieces(h, words + ["--format", format])
        let name = (words + [format]).joined(separator: " ")
        #expect(run.status == 0, "\(name): \(run.error)")
        let output = run.pieces.joined()
        // Bounded pieces, as many as the size needs: the listing was not gathered whole first.
        #expect(run.pieces.allSatisfy { $0.utf8.count <= Self.pieceLimit }, "\(name)")
        #expect(run.pieces.count > 1, "\(name): \(output.utf8.count) bytes in one piece")
        // Each piece ends at a line's end (CSV's is CRLF), so a reader of a pipe never sees half a row.
        if format != "json" { #expect(run.pieces.allSatisfy { $0.utf8.last == UInt8(ascii: "\n") }, "\(name)") }
        // Every row arrives: a header and a rule, a header, or a JSON array.
        let lines = output.utf8.split(separator: UInt8(ascii: "\n")).count
        switch format {
        case "table": #expect(lines == rows + 2, "\(name)")
        case "csv": #expect(lines == rows + 1, "\(name)")
        default:
          let array = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Any]
          #expect(array?.count == rows, "\(name)")
        }
      }
    }
  }

  static func io(_ sink: @escaping (String) -> Void) -> CLIIO {
    CLIIO(environment: [:], currentDirectory: "/", isInteractive: false, output: sink, error: { _ in }, input: { nil })
  }

  static func streamed(_ listing: Listing, format: OutputFormat) -> String {
    var text = ""
    var stream = ListingStream(
      columns: listing.columns, format: format, raw: false, io: io { text += $0 }, escapedColumns: listing.escapedColumns)
    for row in listing.rows { stream.append(row) }
    stream.finish()
    return text
  }

  @Test("a listing of at most a page reads exactly as the whole-listing table, CSV and JSON")
  func shortListingIsUnchanged() {
    let listing = Listing(
      columns: ["id", "code", "changes", "risk_factors"],
      rows: [
        [.int(7), .string("P-1"), .string("start: – → 2025-01-02"), .array([.string("asthma"), .string("=cmd")])],
        [.int(12345), .string("P-22\nforged"), .null, .array([])],
        [.null, .string("é"), .string("a\\nb"), .array([.string("x")])],
      ], escapedColumns: ["changes"])
    #expect(Self.streamed(listing, format: .table) == listing.table())
    #expect(Self.streamed(listing, format: .csv) == listing.csv())
    #expect(Self.streamed(listing, format: .json) == listing.json.serialized() + "\n")
    let empty = Listing(columns: ["site", "code"], rows: [])
    #expect(Self.streamed(empty, format: .table) == empty.table())
    #expect(Self.streamed(empty, format: .csv) == "site,code\r\n")
    #expect(Self.streamed(empty, format: .json) == "[]\n")
  }

  @Test("a table longer than a page keeps the first page's column widths and cuts no later cell")
  func laterRowsKeepThePageWidths() {
    var rows: [[JSONValue]] = (0..<ListingStream.pageRows).map { [.int(Int64($0)), .string("P-\($0 % 10)")] }
    rows.append([.int(1_000_000), .string("a-much-longer-code")])
    let text = Self.streamed(Listing(columns: ["id", "code"], rows: rows), format: .table)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    #expect(lines.count == rows.count + 2)
    // The first page alone sizes the columns: the same header and rule as a table of just those rows.
    let page = Listing(columns: ["id", "code"], rows: Array(rows.prefix(ListingStream.pageRows))).table()
    #expect(Array(lines.prefix(2)) == page.split(separator: "\n").prefix(2).map(String.init))
    #expect(lines[1] == "---  ----")
    // The wider row after the page is written whole, pushing its line past the rule.
    #expect(lines.last == "1000000  a-much-longer-code")
    #expect(lines[lines.count - 2] == "999  P-9")
  }
}
