/// One distinct time of a life table: how many had the event and how many were censored at it.
public struct LifeTableRow: Sendable, Equatable {
  /// The time, in whole units (days on treatment in a registry report), never negative.
  public var time: Int
  /// Subjects whose event happened at `time`.
  public var events: Int
  /// Subjects whose follow-up ended at `time` without the event.
  public var censored: Int

  /// Creates a row; `LifeTable.init(rows:)` checks it.
  public init(time: Int, events: Int, censored: Int) {
    self.time = time
    self.events = events
    self.censored = censored
  }
}

/// Right-censored follow-up times summarised per distinct time (ascending, each time once, rows with events+censored > 0).
///
/// A life table is the aggregate both a registry query and a pooled bundle can produce, so the
/// survival estimators take nothing else. The initialisers guarantee the invariants above and
/// that every total fits in an `Int`. `rows` stays assignable for callers that build a table
/// row by row, so the estimators check the invariants again before they use a table.
public struct LifeTable: Sendable, Equatable {
  /// The rows, by ascending time, each time once, none with zero events and zero censored.
  public var rows: [LifeTableRow]

  /// Creates a table from rows that are already summarised per time.
  ///
  /// Rows with no events and no censored subjects are dropped, so a caller may pass a full
  /// grid of days.
  /// - Throws: `StatisticsError` when times are negative, not strictly ascending, a count is
  ///   negative, or the total number of subjects does not fit in an `Int`.
  public init(rows: [LifeTableRow]) throws {
    try Self.validate(rows)
    self.rows = rows.filter { $0.events > 0 || $0.censored > 0 }
  }

  /// Builds a table from one entry per subject: the end of its follow-up, and whether that end
  /// is the event (true) or a censoring (false).
  ///
  /// - Throws: `StatisticsError` when a time is negative.
  public init(observations: [(time: Int, event: Bool)]) throws {
    for observation in observations where observation.time < 0 {
      throw StatisticsError.invalid("life-table times must not be negative, got \(observation.time)")
    }
    let sorted = observations.sorted { $0.time < $1.time }
    var rows: [LifeTableRow] = []
    for observation in sorted {
      if rows.last?.time != observation.time {
        rows.append(LifeTableRow(time: observation.time, events: 0, censored: 0))
      }
      let last = rows.count - 1
      if observation.event {
        rows[last].events += 1
      } else {
        rows[last].censored += 1
      }
    }
    self.rows = rows
  }

  /// Total number of subjects, events and censored together.
  public var subjects: Int {
    rows.reduce(0) { $0 &+ $1.events &+ $1.censored }
  }

  /// Total number of events.
  public var events: Int {
    rows.reduce(0) { $0 &+ $1.events }
  }

  /// Subjects still followed at `time`: those whose time is at least `time`.
  ///
  /// A subject censored on an event day counts as at risk on that day, as usual for
  /// Kaplan–Meier. Every subject is at risk at a time of 0 or less.
  public func atRisk(at time: Int) -> Int {
    rows.reduce(0) { $1.time >= time ? $0 &+ $1.events &+ $1.censored : $0 }
  }

  /// Adds two tables (pooling sites): counts at equal times add up.
  ///
  /// The result keeps the invariants of both tables, so it needs no check. Each total of a
  /// table built by the initialisers fits in an `Int`; pooled registries hold far fewer than
  /// `Int.max` subjects, and counts beyond it would saturate rather than wrap.
  public func merged(with other: LifeTable) -> LifeTable {
    var merged: [LifeTableRow] = []
    merged.reserveCapacity(rows.count + other.rows.count)
    var i = 0
    var j = 0
    while i < rows.count || j < other.rows.count {
      if j == other.rows.count || (i < rows.count && rows[i].time < other.rows[j].time) {
        merged.append(rows[i])
        i += 1
      } else if i == rows.count || other.rows[j].time < rows[i].time {
        merged.append(other.rows[j])
        j += 1
      } else {
        let left = rows[i]
        let right = other.rows[j]
        merged.append(
          LifeTableRow(
            time: left.time,
            events: Self.saturatingSum(left.events, right.events),
            censored: Self.saturatingSum(left.censored, right.censored)
          )
        )
        i += 1
        j += 1
      }
    }
    return LifeTable(checkedRows: merged)
  }
}

extension LifeTable {
  /// Wraps rows already known to satisfy the invariants.
  init(checkedRows rows: [LifeTableRow]) {
    self.rows = rows
  }

  /// Checks the invariants the initialisers promise; the estimators call it because `rows`
  /// may have been assigned since.
  static func validate(_ rows: [LifeTableRow]) throws {
    var total = 0
    var previous: Int?
    for row in rows {
      guard row.time >= 0 else {
        throw StatisticsError.invalid("life-table times must not be negative, got \(row.time)")
      }
      if let previous, row.time <= previous {
        throw StatisticsError.invalid(
          "life-table times must be strictly ascending, got \(row.time) after \(previous)"
        )
      }
      guard row.events >= 0, row.censored >= 0 else {
        throw StatisticsError.invalid(
          "life-table counts must not be negative, got \(row.events) events and \(row.censored) censored at \(row.time)"
        )
      }
      let withEvents = total.addingReportingOverflow(row.events)
      let withCensored = withEvents.partialValue.addingReportingOverflow(row.censored)
      guard !withEvents.overflow, !withCensored.overflow else {
        throw StatisticsError.invalid("life-table total number of subjects does not fit in an Int")
      }
      total = withCensored.partialValue
      previous = row.time
    }
  }

  private static func saturatingSum(_ a: Int, _ b: Int) -> Int {
    let sum = a.addingReportingOverflow(b)
    return sum.overflow ? Int.max : sum.partialValue
  }
}
