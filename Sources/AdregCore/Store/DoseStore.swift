import AdregDatabase

/// The SQL of the `dose` table.
struct DoseStore {
  let db: Connection

  static let insert = TableInsert("dose", ["patient_id", "dose_date", "created_at"])

  /// Logs a dose of a patient on a day, and folds it into the patient's latest contacts.
  func insert(patientID: Int64, on day: Day, createdAt: String) throws {
    try db.execute(Self.insert.sql, [patientID, day, createdAt])
    try ContactSummaryStore(db: db).fold(.dose)
  }

  /// True when the patient has a dose logged on that day.
  func exists(patientID: Int64, on day: Day) throws -> Bool {
    try db.scalar(Int.self, "SELECT 1 FROM dose WHERE patient_id = ? AND dose_date = ?", [patientID, day]) != nil
  }

  /// The patient's last logged dose, or nil.
  func last(patientID: Int64) throws -> Day? {
    try db.scalar(Day.self, "SELECT max(dose_date) FROM dose WHERE patient_id = ?", [patientID])
  }

  /// The patient's doses, oldest first.
  func all(patientID: Int64) throws -> [Dose] {
    try db.rows("SELECT dose_date FROM dose WHERE patient_id = ? ORDER BY dose_date", [patientID]).map {
      Dose(date: try day($0, "dose_date"))
    }
  }
}
