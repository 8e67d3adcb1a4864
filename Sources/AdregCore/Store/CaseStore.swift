import AdregDatabase

/// The SQL of the `case_report` table and its link tables: `case_morphology`, `case_body_site`,
/// `case_seriousness` and `case_withdrawal`.
struct CaseStore {
  let db: Connection

  static let insert = TableInsert(
    "case_report",
    ["uuid", "patient_id", "category", "onset_date", "reported_date", "source", "scaling", "severity", "itch",
     "description", "created_at", "created_by"])
  static let morphologyInsert = TableInsert("case_morphology", ["case_id", "code"])
  static let bodySiteInsert = TableInsert("case_body_site", ["case_id", "code"])
  static let seriousnessInsert = TableInsert("case_seriousness", ["case_id", "code", "added_at", "added_by"])
  static let withdrawalInsert = TableInsert(
    "case_withdrawal", ["case_id", "reason", "withdrawn_at", "withdrawn_by", "duplicate_of"])

  /// Every column of a case in one row: its patient's site, code and start, its link tables `;`-separated by code,
  /// its withdrawal, the cases withdrawn as its duplicates, and the last dose on or before onset. Callers add
  /// FROM (naming the case `c`, its patient `p`, and its withdrawal `w` — see `from`), WHERE and ORDER BY. The case
  /// id comes first and the patient id second: the de-identified export walks them by position.
  static let columns = """
    SELECT c.id AS case_id, p.id AS patient_id, p.site, p.code AS patient_code, p.start_date, c.uuid, c.category,
      c.onset_date, c.reported_date, c.source, c.scaling, c.severity, c.itch, c.description, c.created_at,
      c.created_by,
      (SELECT group_concat(code, ';') FROM (SELECT code FROM case_morphology m WHERE m.case_id = c.id ORDER BY code))
        AS morphology,
      (SELECT group_concat(code, ';') FROM (SELECT code FROM case_body_site s WHERE s.case_id = c.id ORDER BY code))
        AS body_sites,
      (SELECT group_concat(code, ';') FROM case_seriousness k WHERE k.case_id = c.id) AS seriousness,
      EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id) AS has_follow_ups,
      w.reason AS withdrawn_reason, w.withdrawn_at, w.withdrawn_by, w.duplicate_of,
      (SELECT group_concat(case_id, ';') FROM
          (SELECT case_id FROM case_withdrawal d WHERE d.duplicate_of = c.id ORDER BY case_id)) AS duplicates,
      (SELECT max(dose_date) FROM dose x WHERE x.patient_id = p.id AND x.dose_date <= c.onset_date) AS last_dose
    """

  /// The FROM of `columns` for cases with their patients.
  static let from = """
     FROM case_report c JOIN patient p ON p.id = c.patient_id LEFT JOIN case_withdrawal w ON w.case_id = c.id
    """

  /// `columns` and `from`; callers add WHERE and ORDER BY.
  static let select = columns + from

  /// Inserts a checked case with its morphology, body sites and seriousness; returns its id.
  func insert(_ checked: ValidatedCase, createdAt: String, by user: String) throws -> Int64 {
    try db.execute(
      Self.insert.sql,
      [checked.uuid, checked.patient.id, checked.category, checked.onset, checked.reported, checked.source,
       checked.scaling, checked.severity, checked.itch, checked.description, createdAt, user])
    let id = db.lastInsertedRowID
    for code in checked.morphology {
      try db.execute(Self.morphologyInsert.sql, [id, code])
    }
    for code in checked.bodySites {
      try db.execute(Self.bodySiteInsert.sql, [id, code])
    }
    try addSeriousness(checked.seriousness, caseID: id, at: createdAt, by: user)
    return id
  }

  /// Adds criteria to a case; one it has already is left as it is (a criterion is never taken away).
  func addSeriousness(_ codes: [SeriousnessCriterion], caseID: Int64, at time: String, by user: String) throws {
    for code in codes {
      try db.execute(Self.seriousnessInsert.sqlSkippingConflicts, [caseID, code, time, user])
    }
  }

  /// Marks a case withdrawn, linked to the case it duplicates when `duplicateOf` is given.
  func withdraw(caseID: Int64, reason: String, at time: String, by user: String, duplicateOf: Int64?) throws {
    try db.execute(Self.withdrawalInsert.sql, [caseID, reason, time, user, duplicateOf])
  }

  /// The case with this id, or nil: one query for the case, one more for its follow-ups when it has any.
  func find(id: Int64) throws -> CaseRecord? {
    try db.row(Self.select + " WHERE c.id = ?", [id]).map(record(from:))
  }

  /// Decodes a row of `columns`, reading the case's follow-ups when it has any.
  func record(from row: Row) throws -> CaseRecord {
    let hasFollowUps = try row.decode(Int.self, column: "has_follow_ups") == 1
    let id = try row.decode(Int64.self, column: "case_id")
    return try CaseRecord(row: row, followUps: hasFollowUps ? FollowUpStore(db: db).all(caseID: id) : [])
  }
}

extension CaseRecord {
  /// Decodes a row of `CaseStore.columns` by column name, with the case's follow-ups.
  /// - Throws: `DatabaseError` naming a missing column or a value of the wrong type; `RegistryError` for a stored
  ///   date that is not one.
  init(row: Row, followUps: [FollowUp]) throws {
    let onset = try day(row, "onset_date")
    let reported = try day(row, "reported_date")
    let withdrawal = try row.decode(String?.self, column: "withdrawn_reason").map { reason in
      Withdrawal(
        reason: reason, at: try row.decode(String.self, column: "withdrawn_at"),
        by: try row.decode(String.self, column: "withdrawn_by"),
        duplicateOf: try row.decode(Int64?.self, column: "duplicate_of"))
    }
    self.init(
      id: try row.decode(Int64.self, column: "case_id"), uuid: try row.decode(String.self, column: "uuid"),
      patientID: try row.decode(Int64.self, column: "patient_id"), site: try row.decode(String.self, column: "site"),
      patientCode: try row.decode(String.self, column: "patient_code"),
      category: try row.decode(Category.self, column: "category"), onset: onset, reported: reported,
      source: try row.decode(CaseSource.self, column: "source"),
      scaling: try row.decode(Scaling.self, column: "scaling"),
      morphology: try [Morphology](stored: row.value("morphology")),
      bodySites: try [BodySite](stored: row.value("body_sites")),
      severity: try row.decode(Severity?.self, column: "severity"), itch: try row.decode(Int?.self, column: "itch"),
      description: try row.decode(String?.self, column: "description"),
      seriousness: SeriousnessCriterion.allCases.filter(
        Set(try [SeriousnessCriterion](stored: row.value("seriousness"))).contains),
      createdAt: try row.decode(String.self, column: "created_at"),
      createdBy: try row.decode(String.self, column: "created_by"),
      timing: CaseTiming(
        start: try day(row, "start_date"), onset: onset, reported: reported,
        lastDose: try optionalDay(row, "last_dose")),
      followUps: followUps, withdrawal: withdrawal,
      duplicates: codeList(try row.value("duplicates")).compactMap { Int64($0) })
  }
}
