import AdregDatabase
import AdregTestSupport
import Testing

/// A fetched `Row` and the `StatementRow` of a scan read the same way and fail the same way.
@Suite("One decoding API for both row types")
struct RowDecodingTests {
  struct Decoded: Equatable {
    var id: Int64
    var name: String
    var note: String?
    var itch: Int?
    var score: Double
    var raw: DatabaseValue?
  }

  static let sql = "SELECT 7 AS id, 'Zoë' AS name, NULL AS note, 3 AS itch, 2 AS score, x'01' AS raw"

  func decode(_ row: some DatabaseRow) throws -> Decoded {
    Decoded(
      id: try row.integer(at: 0), name: try row.decode(String.self, column: "name"),
      note: try row.optionalText(at: 2), itch: try row.decode(Int?.self, column: "itch"),
      score: try row.decode(Double.self, at: 4), raw: row["raw"])
  }

  func failures(_ row: some DatabaseRow) -> [String] {
    let attempts: [() throws -> Void] = [
      { _ = try row.decode(Int.self, column: "name") },
      { _ = try row.text(at: 0) },
      { _ = try row.integer(at: 2) },
      { _ = try row.decode(String.self, column: "missing") },
      { _ = try row.integer(at: 6) },
      { _ = try row.optionalText(at: -1) },
    ]
    return attempts.map { attempt in
      do {
        try attempt()
        return "no error"
      } catch {
        return "\(error)"
      }
    }
  }

  @Test("the same calls decode a fetched row and a row being stepped alike")
  func sameValues() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    let fetched = try #require(try db.row(Self.sql))
    var stepped: [Decoded] = []
    try db.cachedStatement(Self.sql).forEachRow { stepped.append(try decode($0)) }
    let expected = Decoded(id: 7, name: "Zoë", note: nil, itch: 3, score: 2, raw: .blob([1]))
    #expect(try decode(fetched) == expected)
    #expect(stepped == [expected])
  }

  @Test("both rows refuse a wrong type, a missing column and an index out of range with the same error")
  func sameErrors() throws {
    let dir = try TemporaryDirectory()
    let db = try Connection(path: dir.path("t.sqlite"), mode: .create)
    let fetched = failures(try #require(try db.row(Self.sql)))
    var stepped: [String] = []
    try db.cachedStatement(Self.sql).forEachRow { stepped = failures($0) }
    #expect(fetched == stepped)
    #expect(fetched[0].contains("could not decode TEXT as Int in column name"))
    #expect(fetched[1].contains("could not decode INTEGER as String in column id"))
    #expect(fetched[2].contains("could not decode NULL as Int64 in column note"))
    #expect(fetched[3].contains("no column named missing"))
    #expect(fetched[4].contains("no column at index 6"))
    #expect(fetched[5].contains("no column at index -1"))
  }
}
