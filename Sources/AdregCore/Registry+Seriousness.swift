import AdregDatabase

extension Registry {
  /// A case's seriousness criteria, in the order of `Vocabulary.seriousness`.
  func seriousness(caseID: Int64) throws -> [String] {
    let stored = Set(
      try db.rows("SELECT code FROM case_seriousness WHERE case_id = ?", [.integer(caseID)]).map {
        try $0.decode(String.self, column: "code")
      })
    return Vocabulary.seriousness.codes.filter(stored.contains)
  }

  /// Adds checked criteria to a case; inside a write transaction. A criterion is never taken away.
  func addSeriousness(_ codes: [String], caseID: Int64) throws {
    for code in codes {
      try db.execute(
        "INSERT OR IGNORE INTO case_seriousness (case_id, code, added_at, added_by) VALUES (?, ?, ?, ?)",
        [.integer(caseID), .text(code), .text(timestamp()), .text(user)])
    }
  }
}
