import AdregDatabase
import AdregTestSupport
import Testing

@Suite("Statement arguments")
struct ArgumentsTests {
  enum Arm: String, DatabaseValueConvertible { case active, placebo }

  func database(_ dir: TemporaryDirectory) throws -> Connection {
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (i INTEGER, s TEXT, r REAL, b BLOB) STRICT")
    return db
  }

  @Test("an array literal of Swift values binds them in order, and nil binds NULL")
  func literal() throws {
    let dir = try TemporaryDirectory()
    let db = try database(dir)
    let year: Int? = nil
    let note: String? = "a note"
    try db.execute("INSERT INTO t (i, s, r, b) VALUES (?, ?, ?, ?)", [year, note, 2.5, [UInt8]([1, 2])])
    try db.execute("INSERT INTO t (i, s, r, b) VALUES (?, ?, ?, ?)", [Int64(7), nil, nil, nil])
    let rows = try db.rows("SELECT i, s, r, b, typeof(i) AS ti, typeof(s) AS ts FROM t ORDER BY rowid")
    #expect(rows.map(\.values) == [
      [.null, .text("a note"), .real(2.5), .blob([1, 2]), .text("null"), .text("text")],
      [.integer(7), .null, .null, .null, .text("integer"), .text("null")],
    ])
  }

  @Test("a code enum binds its raw value and decodes from it; an unknown stored code does not decode")
  func rawRepresentable() throws {
    let dir = try TemporaryDirectory()
    let db = try database(dir)
    try db.execute("INSERT INTO t (s) VALUES (?)", [Arm.placebo])
    #expect(try db.scalar(String.self, "SELECT s FROM t") == "placebo")
    #expect(try db.scalar(Arm.self, "SELECT s FROM t WHERE s = ?", [Arm.placebo]) == .placebo)
    let row = try #require(try db.row("SELECT 'verum' AS arm"))
    let error = try #require(throws: DatabaseError.self) { try row.decode(Arm.self, column: "arm") }
    #expect(error.description.contains("arm"))
  }

  @Test("positional DatabaseValues still bind as before, in a literal or a variable")
  func databaseValues() throws {
    let dir = try TemporaryDirectory()
    let db = try database(dir)
    try db.execute("INSERT INTO t (i, s) VALUES (?, ?)", [.integer(1), .null])
    let values: [DatabaseValue] = [.integer(2), .text("x")]
    try db.execute("INSERT INTO t (i, s) VALUES (?, ?)", values)
    #expect(try db.rows("SELECT i, s FROM t ORDER BY i").map(\.values) == [[.integer(1), .null], values])
  }

  @Test("arguments put together keep positional values in order")
  func concatenation() throws {
    let dir = try TemporaryDirectory()
    let db = try database(dir)
    let first: StatementArguments = [1, "one"]
    try db.execute("INSERT INTO t (i, s, r) VALUES (?, ?, ?)", first + [0.5])
    #expect(try db.rows("SELECT i, s, r FROM t").map(\.values) == [[.integer(1), .text("one"), .real(0.5)]])
  }

  @Test("a wrong number of Swift values is a thrown error naming both counts")
  func count() throws {
    let dir = try TemporaryDirectory()
    let db = try database(dir)
    let error = try #require(throws: DatabaseError.self) { try db.execute("INSERT INTO t (i, s) VALUES (?, ?)", [1]) }
    #expect(error.description.contains("1 given, 2 expected"))
    #expect(try db.scalar(Int.self, "SELECT count(*) FROM t") == 0)
  }
}
