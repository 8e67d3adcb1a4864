import AdregDatabase

/// The SQL of the `follow_up` table and its link table `follow_up_treatment`.
struct FollowUpStore {
  let db: Connection

  static let insert = TableInsert(
    "follow_up",
    ["case_id", "action", "dechallenge", "rechallenge", "outcome", "outcome_date", "biopsy", "note", "recorded_at",
     "recorded_by"])
  static let treatmentInsert = TableInsert("follow_up_treatment", ["follow_up_id", "code"])

  /// Every column of a follow-up, with its treatments `;`-separated by code in `treatments`; callers add WHERE and
  /// ORDER BY.
  static let select = """
    SELECT f.*, (SELECT group_concat(code, ';') FROM
        (SELECT code FROM follow_up_treatment t WHERE t.follow_up_id = f.id ORDER BY code)) AS treatments
    FROM follow_up f
    """

  /// Appends a follow-up and its treatments to a case; returns its id.
  func insert(_ followUp: FollowUp, caseID: Int64) throws -> Int64 {
    try db.execute(
      Self.insert.sql,
      [caseID, followUp.action, followUp.dechallenge, followUp.rechallenge, followUp.outcome, followUp.outcomeDate,
       followUp.biopsy, followUp.note, followUp.recordedAt, followUp.recordedBy])
    let id = db.lastInsertedRowID
    for code in followUp.treatments {
      try db.execute(Self.treatmentInsert.sql, [id, code])
    }
    return id
  }

  /// How many follow-ups each case that has any has, in one query.
  func countsByCase() throws -> [Int64: Int] {
    var counts: [Int64: Int] = [:]
    try db.cachedStatement("SELECT case_id, count(*) FROM follow_up GROUP BY case_id").forEachRow { row in
      counts[try row.integer(at: 0)] = Int(try row.integer(at: 1))
    }
    return counts
  }

  /// The follow-ups of a case in the order recorded, in one query.
  func all(caseID: Int64) throws -> [FollowUp] {
    try db.rows(Self.select + " WHERE f.case_id = ? ORDER BY f.id", [caseID]).map(FollowUp.init(row:))
  }
}

extension FollowUp {
  /// Decodes a row of `FollowUpStore.select` by column name.
  /// - Throws: `DatabaseError` naming a missing column or a value of the wrong type; `RegistryError` for a stored
  ///   date that is not one.
  init(row: Row) throws {
    self.init(
      id: try row.decode(Int64.self, column: "id"), action: try row.decode(Action?.self, column: "action"),
      treatments: try [Treatment](stored: row.value("treatments")),
      dechallenge: try row.decode(Dechallenge?.self, column: "dechallenge"),
      rechallenge: try row.decode(Rechallenge?.self, column: "rechallenge"),
      outcome: try row.decode(Outcome?.self, column: "outcome"), outcomeDate: try optionalDay(row, "outcome_date"),
      biopsy: try row.decode(String?.self, column: "biopsy"), note: try row.decode(String?.self, column: "note"),
      recordedAt: try row.decode(String.self, column: "recorded_at"),
      recordedBy: try row.decode(String.self, column: "recorded_by"))
  }
}
