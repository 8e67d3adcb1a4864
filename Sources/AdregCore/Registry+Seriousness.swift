import AdregDatabase

extension Registry {
  /// A case's seriousness criteria, in the order of `SeriousnessCriterion.allCases`.
  func seriousness(caseID: Int64) throws -> [SeriousnessCriterion] {
    let stored = Set(
      try db.rows("SELECT code FROM case_seriousness WHERE case_id = ?", [.integer(caseID)]).map {
        try $0.decode(SeriousnessCriterion.self, column: "code")
      })
    return SeriousnessCriterion.allCases.filter(stored.contains)
  }

  /// Adds checked criteria to a case; inside a write transaction. A criterion is never taken away.
  func addSeriousness(_ codes: [SeriousnessCriterion], caseID: Int64) throws {
    for code in codes {
      try db.execute(
        "INSERT OR IGNORE INTO case_seriousness (case_id, code, added_at, added_by) VALUES (?, ?, ?, ?)",
        [.integer(caseID), code.databaseValue, .text(timestamp()), .text(user)])
    }
  }
}
