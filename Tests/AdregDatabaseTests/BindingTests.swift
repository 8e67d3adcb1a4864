import AdregDatabase
import AdregTestSupport
import Testing

@Suite("Binding and decoding")
struct BindingTests {
  /// A value of every storage class, with the edge cases of each.
  static let values: [DatabaseValue] = [
    .null, .integer(Int64.min), .integer(Int64.max), .integer(0), .real(-0.5), .real(1e-300),
    .text(""), .text("a\u{0}b"), .text("Zoë 🧴 \"quoted\" '; DROP TABLE t; --"), .text(String(repeating: "é", count: 10_000)),
    .blob([]), .blob([0, 255, 1]),
  ]

  @Test("every storage class round-trips, including NULL, Int64 extremes, non-ASCII text and empty blobs")
  func roundTrip() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (v ANY) STRICT")
    let values = Self.values
    for value in values { try db.execute("INSERT INTO t (v) VALUES (?)", [value]) }
    let fetched = try db.rows("SELECT v FROM t ORDER BY rowid").map { try $0.value("v") }
    #expect(fetched == values)
  }

  @Test("typed decoding of each Swift type")
  func typedDecoding() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    let row = try #require(try db.row("SELECT 42 AS i, 2.5 AS r, 'x' AS s, NULL AS n, x'00' AS b"))
    #expect(try row.decode(Int.self, column: "i") == 42)
    #expect(try row.decode(Double.self, column: "r") == 2.5)
    #expect(try row.decode(String.self, column: "s") == "x")
    #expect(try row.decode(String?.self, column: "n") == nil)
    #expect(try row.decode([UInt8].self, column: "b") == [0])
  }

  @Test("decoding the wrong type throws an error naming the column and what it found")
  func wrongType() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    let row = try #require(try db.row("SELECT 'seven' AS itch"))
    let error = try #require(throws: DatabaseError.self) { try row.decode(Int.self, column: "itch") }
    #expect(error.description.contains("itch"))
    #expect(error.description.contains("TEXT"))
    #expect(throws: DatabaseError.self) { try row.decode(Int.self, column: "missing") }
    let null = try #require(try db.row("SELECT NULL AS itch"))
    #expect(throws: DatabaseError.self) { try null.decode(Int.self, column: "itch") }
  }

  @Test("an integer scan hands over every row in order, stops with the error of a non-integer, and can run again")
  func integerScan() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (v ANY) STRICT; INSERT INTO t VALUES (3), (-1), (9223372036854775807), ('x'), (5)")
    let statement = try db.cachedStatement("SELECT v FROM t WHERE rowid <= ? ORDER BY rowid")
    var seen: [Int64] = []
    try statement.forEachInteger([.integer(3)]) { seen.append($0) }
    #expect(seen == [3, -1, Int64.max])
    seen = []
    let error = try #require(throws: DatabaseError.self) {
      try statement.forEachInteger([.integer(5)]) { seen.append($0) }
    }
    #expect(error.description.contains("TEXT") && error.description.contains("column v"))
    #expect(seen == [3, -1, Int64.max], "rows before the bad one were handed over, none after")
    seen = []
    try statement.forEachInteger([.integer(2)]) { seen.append($0) }
    #expect(seen == [3, -1], "the statement was reset and runs again")
  }

  @Test("a wrong argument count is a thrown error, not a crash")
  func argumentCount() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    let error = try #require(throws: DatabaseError.self) { try db.execute("SELECT ?, ?", [.integer(1)]) }
    #expect(error.description.contains("1 given, 2 expected"))
  }
}

@Suite("Preparing statements")
struct PrepareTests {
  @Test("a second statement in one prepare is refused; trailing spaces and a semicolon are fine, however many times")
  func trailing() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    // Repeated so that a tail read from freed memory would show up.
    for i in 0..<2_000 {
      let sql = "SELECT \(i) AS v;  \n" + String(repeating: " ", count: i % 7)
      #expect(try db.prepare(sql).columnNames == ["v"])
    }
    let error = try #require(throws: DatabaseError.self) { try db.prepare("SELECT 1; SELECT 2") }
    #expect(error.description.contains("only one statement"))
  }
}

@Suite("Binding many values in place")
struct BoundValuesTests {
  @Test("values bound in place round-trip as the one-by-one binding stores them, batch after batch")
  func boundInPlaceRoundTrip() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (v ANY) STRICT")
    let values = BindingTests.values
    let insert = try db.prepare("INSERT INTO t (v) VALUES (?), (?)")
    var bound = BoundValues()
    // Two values a statement; the buffer is emptied and refilled between batches, as a bulk insert does.
    for pair in stride(from: 0, to: values.count, by: 2) {
      bound.removeAll()
      bound.append(values[pair])
      bound.append(values[pair + 1])
      try insert.execute(bound, 0..<2)
    }
    #expect(try db.rows("SELECT v FROM t ORDER BY rowid").map { try $0.value("v") } == values)
    // Every stored value equals what the copying one-by-one binding stores.
    try db.execute(script: "CREATE TABLE u (v ANY) STRICT")
    for value in values { try db.execute("INSERT INTO u (v) VALUES (?)", [value]) }
    #expect(try db.scalar(Int.self, "SELECT count(*) FROM t JOIN u ON u.rowid = t.rowid AND u.v IS t.v") == values.count)
  }

  @Test("binding a range of values of the wrong size throws before anything is written")
  func wrongCount() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (a, b)")
    var bound = BoundValues()
    for value in [DatabaseValue.integer(1), .text("x"), .integer(3)] { bound.append(value) }
    let error = try #require(throws: DatabaseError.self) {
      try db.prepare("INSERT INTO t (a, b) VALUES (?, ?)").execute(bound, 0..<3)
    }
    #expect(error.description.contains("3 given, 2 expected"))
    try db.prepare("INSERT INTO t (a, b) VALUES (?, ?)").execute(bound, 1..<3)
    #expect(try db.rows("SELECT a, b FROM t").map(\.values) == [[.text("x"), .integer(3)]])
  }
}
