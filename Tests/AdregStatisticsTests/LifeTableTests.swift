import AdregStatistics
import Testing

@Suite("Life table of right-censored times")
struct LifeTableTests {
  @Test("groups one entry per subject into ascending distinct times")
  func fromObservations() throws {
    let table = try LifeTable(observations: [
      (time: 5, event: false), (time: 2, event: true), (time: 5, event: true), (time: 0, event: false),
      (time: 2, event: false), (time: 5, event: true),
    ])
    #expect(
      table.rows == [
        LifeTableRow(time: 0, events: 0, censored: 1),
        LifeTableRow(time: 2, events: 1, censored: 1),
        LifeTableRow(time: 5, events: 2, censored: 1),
      ]
    )
    #expect(table.subjects == 6)
    #expect(table.events == 3)
  }

  @Test("is empty for no observations")
  func empty() throws {
    let table = try LifeTable(observations: [])
    #expect(table.rows.isEmpty)
    #expect(table.subjects == 0)
    #expect(table.events == 0)
    #expect(table.atRisk(at: 0) == 0)
  }

  @Test("counts at risk the subjects whose time is at least the given time, censored ones included")
  func atRisk() throws {
    let table = try LifeTable(rows: [
      LifeTableRow(time: 2, events: 1, censored: 1),
      LifeTableRow(time: 4, events: 1, censored: 0),
      LifeTableRow(time: 6, events: 0, censored: 2),
    ])
    // 5 subjects: both at day 2 (the censored one too), then 3 from day 3 to 4, 2 up to day 6.
    #expect(table.atRisk(at: -1) == 5)
    #expect(table.atRisk(at: 0) == 5)
    #expect(table.atRisk(at: 2) == 5)
    #expect(table.atRisk(at: 3) == 3)
    #expect(table.atRisk(at: 4) == 3)
    #expect(table.atRisk(at: 5) == 2)
    #expect(table.atRisk(at: 6) == 2)
    #expect(table.atRisk(at: 7) == 0)
  }

  @Test("drops rows without events or censored subjects")
  func dropsEmptyRows() throws {
    let table = try LifeTable(rows: [
      LifeTableRow(time: 0, events: 0, censored: 0),
      LifeTableRow(time: 1, events: 2, censored: 0),
      LifeTableRow(time: 2, events: 0, censored: 0),
      LifeTableRow(time: 3, events: 0, censored: 1),
    ])
    #expect(table.rows == [LifeTableRow(time: 1, events: 2, censored: 0), LifeTableRow(time: 3, events: 0, censored: 1)])
  }

  @Test("merges two sites by adding the counts at equal times")
  func merged() throws {
    let north = try LifeTable(rows: [
      LifeTableRow(time: 1, events: 1, censored: 0),
      LifeTableRow(time: 4, events: 0, censored: 2),
      LifeTableRow(time: 9, events: 1, censored: 1),
    ])
    let south = try LifeTable(rows: [
      LifeTableRow(time: 0, events: 0, censored: 3),
      LifeTableRow(time: 4, events: 2, censored: 1),
      LifeTableRow(time: 12, events: 1, censored: 0),
    ])
    let expected = [
      LifeTableRow(time: 0, events: 0, censored: 3),
      LifeTableRow(time: 1, events: 1, censored: 0),
      LifeTableRow(time: 4, events: 2, censored: 3),
      LifeTableRow(time: 9, events: 1, censored: 1),
      LifeTableRow(time: 12, events: 1, censored: 0),
    ]
    #expect(north.merged(with: south).rows == expected)
    #expect(south.merged(with: north).rows == expected)
    #expect(north.merged(with: south).subjects == north.subjects + south.subjects)
    #expect(try north.merged(with: LifeTable(rows: [])) == north)
  }

  @Test("merging the tables of two groups gives the table of all their subjects")
  func mergedMatchesPooledObservations() throws {
    let first: [(time: Int, event: Bool)] = [(3, true), (3, false), (7, true), (10, false)]
    let second: [(time: Int, event: Bool)] = [(1, false), (3, true), (10, true), (15, false)]
    let merged = try LifeTable(observations: first).merged(with: LifeTable(observations: second))
    #expect(merged == (try LifeTable(observations: first + second)))
  }

  @Test("throws for negative times, unsorted or repeated times, negative counts and overflowing totals")
  func invalidArguments() {
    #expect(throws: StatisticsError.self) { try LifeTable(observations: [(time: -1, event: true)]) }
    #expect(throws: StatisticsError.self) { try LifeTable(rows: [LifeTableRow(time: -1, events: 1, censored: 0)]) }
    #expect(throws: StatisticsError.self) {
      try LifeTable(rows: [LifeTableRow(time: 3, events: 1, censored: 0), LifeTableRow(time: 2, events: 1, censored: 0)])
    }
    #expect(throws: StatisticsError.self) {
      try LifeTable(rows: [LifeTableRow(time: 3, events: 1, censored: 0), LifeTableRow(time: 3, events: 0, censored: 1)])
    }
    #expect(throws: StatisticsError.self) { try LifeTable(rows: [LifeTableRow(time: 3, events: -1, censored: 2)]) }
    #expect(throws: StatisticsError.self) { try LifeTable(rows: [LifeTableRow(time: 3, events: 1, censored: -2)]) }
    #expect(throws: StatisticsError.self) {
      try LifeTable(rows: [LifeTableRow(time: 1, events: Int.max, censored: 0), LifeTableRow(time: 2, events: 0, censored: 1)])
    }
  }
}
