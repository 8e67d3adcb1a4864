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

  @Test("named parameters bind by name, each name once however often the SQL repeats it")
  func named() throws {
    let dir = try TemporaryDirectory()
    let db = try database(dir)
    try db.execute(script: "INSERT INTO t (i, s) VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, NULL)")
    let sql = "SELECT i FROM t WHERE (:site IS NULL OR s = :site) AND i <= :end ORDER BY i"
    #expect(try db.rows(sql, ["end": 3, "site": "a"]).map { try $0.decode(Int.self, column: "i") } == [1, 3])
    #expect(try db.rows(sql, ["site": nil, "end": 2]).map { try $0.decode(Int.self, column: "i") } == [1, 2])
    #expect(try db.scalar(Int.self, "SELECT @a * 10 + $b", ["b": 2, "a": 4]) == 42)
  }

  @Test("positional and named values fill their own parameters in one statement")
  func mixed() throws {
    let dir = try TemporaryDirectory()
    let db = try database(dir)
    let arguments: StatementArguments = ["b"] + ["site": "a", "n": 7]
    try db.execute("INSERT INTO t (i, s, r) VALUES (:n, :site, length(?))", arguments)
    #expect(try db.rows("SELECT i, s, r FROM t").map(\.values) == [[.integer(7), .text("a"), .real(1)]])
  }

  @Test("an unknown name, a named parameter without a value and a name given twice are refused, nothing written")
  func namedRefusals() throws {
    let dir = try TemporaryDirectory()
    let db = try database(dir)
    let sql = "INSERT INTO t (i, s) VALUES (:i, :s)"
    let unknown = try #require(throws: DatabaseError.self) { try db.execute(sql, ["i": 1, "s": "x", "site": "y"]) }
    #expect(unknown.description.contains("no parameter named :site"))
    let missing = try #require(throws: DatabaseError.self) { try db.execute(sql, ["i": 1]) }
    #expect(missing.description.contains("no value for :s"))
    let twice = try #require(throws: DatabaseError.self) { try db.execute(sql, ["i": 1, "s": "x"] + ["i": 2]) }
    #expect(twice.description.contains(":i given twice"))
    let positional = try #require(throws: DatabaseError.self) { try db.execute(sql, [1, "x"]) }
    #expect(positional.description.contains("2 given, 0 expected"))
    #expect(try db.scalar(Int.self, "SELECT count(*) FROM t") == 0)
    try db.execute(sql, ["i": 1, "s": "x"])
    #expect(try db.scalar(Int.self, "SELECT count(*) FROM t") == 1, "the cached statement still runs")
  }
}
