import AdregDatabase

/// The SQL of the `patient` table and its link table `patient_risk_factor`.
struct PatientStore {
  let db: Connection

  static let insert = TableInsert(
    "patient",
    ["uuid", "site", "code", "sex", "birth_year", "start_date", "stop_date", "stop_reason", "regimen", "interval_days",
     "created_at"])
  static let riskFactorInsert = TableInsert("patient_risk_factor", ["patient_id", "code"])

  /// Every column of a patient, with its risk factors `;`-separated in `risk_factors`; callers add WHERE and
  /// ORDER BY.
  static let select = """
    SELECT p.*,
      (SELECT group_concat(rf.code, ';') FROM patient_risk_factor rf WHERE rf.patient_id = p.id) AS risk_factors
    FROM patient p
    """

  /// The values of `insert`, in its column order.
  static func values(_ patient: Patient, createdAt: String) -> StatementArguments {
    [patient.uuid, patient.site, patient.code, patient.sex, patient.birthYear, patient.start, patient.stop,
     patient.stopReason, patient.regimen, patient.intervalDays, createdAt]
  }

  /// Inserts a patient and its risk factors; returns its id.
  func insert(_ patient: Patient, createdAt: String) throws -> Int64 {
    try db.execute(Self.insert.sql, Self.values(patient, createdAt: createdAt))
    let id = db.lastInsertedRowID
    for code in patient.riskFactors {
      try db.execute(Self.riskFactorInsert.sql, [id, code])
    }
    return id
  }

  /// True when a patient has this code in this site.
  func exists(site: String, code: String) throws -> Bool {
    try db.scalar(Int64.self, "SELECT id FROM patient WHERE site = ? AND code = ?", [site, code]) != nil
  }

  /// The patient with this code in this site, or nil.
  func find(site: String, code: String) throws -> Patient? {
    try db.row(Self.select + " WHERE p.site = ? AND p.code = ?", [site, code]).map(Patient.init(row:))
  }

  /// The patient with this id, or nil.
  func find(id: Int64) throws -> Patient? {
    try db.row(Self.select + " WHERE p.id = ?", [id]).map(Patient.init(row:))
  }

  /// Hands each patient of a site (every site when nil) to `body`, by site and code, from one cursor.
  func forEach(site: String?, _ body: (Patient) throws -> Void) throws {
    try db.forEachRow(Self.select + " WHERE (?1 IS NULL OR p.site = ?1) ORDER BY p.site, p.code", [site]) {
      try body(try Patient(row: $0))
    }
  }

  /// Records the day treatment stopped, and why.
  func stop(id: Int64, on day: Day, reason: String?) throws {
    try db.execute("UPDATE patient SET stop_date = ?, stop_reason = ? WHERE id = ?", [day, reason, id])
  }
}

extension Patient {
  /// Decodes a row of `PatientStore.select` by column name.
  /// - Throws: `DatabaseError` naming a missing column or a value of the wrong type; `RegistryError` for a stored
  ///   date that is not one.
  init(row: Row) throws {
    self.init(
      id: try row.decode(Int64.self, column: "id"), uuid: try row.decode(String.self, column: "uuid"),
      site: try row.decode(String.self, column: "site"), code: try row.decode(String.self, column: "code"),
      sex: try row.decode(Sex.self, column: "sex"), birthYear: try row.decode(Int?.self, column: "birth_year"),
      start: try day(row, "start_date"), stop: try optionalDay(row, "stop_date"),
      stopReason: try row.decode(String?.self, column: "stop_reason"),
      regimen: try row.decode(String.self, column: "regimen"),
      intervalDays: try row.decode(Int.self, column: "interval_days"),
      riskFactors: try [RiskFactor](stored: row.value("risk_factors")).sorted(),
      createdAt: try row.decode(String.self, column: "created_at"))
  }
}
