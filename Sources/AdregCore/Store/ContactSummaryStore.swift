import AdregDatabase

/// The SQL of `patient_contact` and `contact_mark` (migration v007): each patient's latest dose and visit, as of the
/// mark, the highest dose and visit id folded in. Rows above the mark are read from the logs themselves.
struct ContactSummaryStore {
  /// A log the summary covers: its table, date column, summary column and mark column.
  enum Log: CaseIterable {
    case dose, visit

    var table: String { self == .dose ? "dose" : "visit" }
    var dateColumn: String { self == .dose ? "dose_date" : "visit_date" }
    var summaryColumn: String { self == .dose ? "last_dose" : "last_visit" }
    var markColumn: String { self == .dose ? "dose_id" : "visit_id" }
  }

  let db: Connection

  /// The highest id of the log folded into the summary.
  func mark(_ log: Log) throws -> Int64 {
    try db.scalar(Int64.self, "SELECT \(log.markColumn) FROM contact_mark") ?? 0
  }

  /// Folds every row of the log above the mark into the summary and moves the mark to the log's last row: after a
  /// write through adreg that is the row just written, or the few a hand edit added before it.
  func fold(_ log: Log) throws {
    // NOT INDEXED keeps SQLite on the rowid range: for the GROUP BY it would rather walk the whole (patient, date)
    // index, every row of the log, on each dose added.
    try db.execute(
      """
      INSERT INTO patient_contact (patient_id, \(log.summaryColumn))
      SELECT patient_id, max(\(log.dateColumn)) FROM \(log.table) NOT INDEXED
      WHERE id > (SELECT \(log.markColumn) FROM contact_mark) GROUP BY patient_id
      ON CONFLICT (patient_id) DO UPDATE SET \(log.summaryColumn) = \(Self.later(log))
      """)
    try moveMark(log)
  }

  /// A statement folding one patient's latest day among rows just written (ids above every row folded before them)
  /// into the summary, bound with the patient and the day. Call `moveMark` after the last, inside the transaction
  /// that wrote them and after a `fold` at its start.
  func latestDayUpsert(_ log: Log) throws -> Statement {
    try db.cachedStatement(
      """
      INSERT INTO patient_contact (patient_id, \(log.summaryColumn)) VALUES (?, ?)
      ON CONFLICT (patient_id) DO UPDATE SET \(log.summaryColumn) = \(Self.later(log))
      """)
  }

  /// The later of the stored day and the one offered (`max` of SQLite is NULL when either is).
  private static func later(_ log: Log) -> String {
    "max(coalesce(\(log.summaryColumn), excluded.\(log.summaryColumn)), excluded.\(log.summaryColumn))"
  }

  /// Moves the mark to the log's last row: every row of it is in the summary.
  func moveMark(_ log: Log) throws {
    try db.execute(
      "UPDATE contact_mark SET \(log.markColumn) = coalesce((SELECT max(id) FROM \(log.table)), 0)")
  }

  /// How many patients the summary gets wrong against the logs' rows up to the mark: `check` reports them.
  func disagreements() throws -> Int {
    try db.scalar(
      Int.self,
      """
      WITH doses AS (
        SELECT patient_id, max(dose_date) AS last FROM dose
        WHERE id <= (SELECT dose_id FROM contact_mark) GROUP BY patient_id
      ), visits AS (
        SELECT patient_id, max(visit_date) AS last FROM visit
        WHERE id <= (SELECT visit_id FROM contact_mark) GROUP BY patient_id
      )
      SELECT count(*) FROM patient p
      LEFT JOIN patient_contact c ON c.patient_id = p.id
      LEFT JOIN doses d ON d.patient_id = p.id
      LEFT JOIN visits v ON v.patient_id = p.id
      WHERE c.last_dose IS NOT d.last OR c.last_visit IS NOT v.last
      """) ?? 0
  }
}
