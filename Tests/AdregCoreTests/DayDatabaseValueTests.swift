import AdregCore
import AdregDatabase
import AdregTestSupport
import Testing

@Suite("Day as a database value")
struct DayDatabaseValueTests {
  @Test("a day binds as its YYYY-MM-DD text, compares in SQL as the days do, and decodes back")
  func roundTrip() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (day TEXT) STRICT")
    let leap = try #require(Day(year: 2024, month: 2, day: 29))
    let missing: Day? = nil
    try db.execute("INSERT INTO t (day) VALUES (?), (?), (?)", [leap, Day(year: 999, month: 12, day: 31), missing])
    #expect(try db.rows("SELECT day FROM t ORDER BY rowid").map { try $0.value("day") } == [
      .text("2024-02-29"), .text("0999-12-31"), .null,
    ])
    #expect(try db.scalar(Day.self, "SELECT max(day) FROM t WHERE day < ?", [leap.adding(days: 1)]) == leap)
    let row = try #require(try db.row("SELECT day FROM t WHERE day IS NULL"))
    #expect(try row.decode(Day?.self, column: "day") == nil)
  }

  @Test("a stored text that is not a date does not decode, and the error names the column")
  func notADate() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    for text in ["2024-02-30", "03/04/2025", "2024-2-1"] {
      let row = try #require(try db.row("SELECT ? AS onset_date", [text]))
      let error = try #require(throws: DatabaseError.self) { try row.decode(Day.self, column: "onset_date") }
      #expect(error.description.contains("onset_date"))
    }
  }
}
