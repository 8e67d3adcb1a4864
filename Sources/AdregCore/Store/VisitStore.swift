import AdregDatabase

/// The SQL of the `visit` table.
struct VisitStore {
  let db: Connection

  static let insert = TableInsert("visit", ["patient_id", "visit_date", "note", "created_at"])

  /// Logs a visit of a patient, and folds it into the patient's latest contacts.
  func insert(patientID: Int64, _ visit: Visit, createdAt: String) throws {
    try db.execute(Self.insert.sql, [patientID, visit.date, visit.note, createdAt])
    try ContactSummaryStore(db: db).fold(.visit)
  }

  /// True when the patient has a visit logged on that day.
  func exists(patientID: Int64, on day: Day) throws -> Bool {
    try db.scalar(Int.self, "SELECT 1 FROM visit WHERE patient_id = ? AND visit_date = ?", [patientID, day]) != nil
  }

  /// The patient's visits, oldest first.
  func all(patientID: Int64) throws -> [Visit] {
    try db.rows("SELECT visit_date, note FROM visit WHERE patient_id = ? ORDER BY visit_date", [patientID])
      .map { Visit(date: try day($0, "visit_date"), note: try $0.decode(String?.self, column: "note")) }
  }
}
