import AdregDatabase
import Foundation

extension Registry {
  /// Checks a draft against every rule, without writing.
  func validated(_ draft: PatientDraft) throws -> (site: String, patient: Patient) {
    let patient = try RowChecks(today: today).patient(draft, site: draft.site ?? defaultSite())
    return (patient.site, patient)
  }

  /// Enrols a patient.
  /// - Throws: `RegistryError.invalidData` for a bad value or a code already used in the site.
  @discardableResult
  public func addPatient(_ draft: PatientDraft) throws -> Patient {
    let (_, patient) = try validated(draft)
    return try write {
      try insert(patient)
    }
  }

  /// Inserts a validated patient with its audit entry; inside a write transaction.
  func insert(_ patient: Patient, auditAction: String? = "patient.add") throws -> Patient {
    if try db.scalar(Int64.self, "SELECT id FROM patient WHERE site = ? AND code = ?", [.text(patient.site), .text(patient.code)]) != nil {
      throw RegistryError.invalid(
        .patientCode, "patient code \(patient.code) is already enrolled in site \(patient.site)",
        fix: "choose another code or \(option: .site)")
    }
    let createdAt = timestamp()
    try db.execute(
      """
      INSERT INTO patient (uuid, site, code, sex, birth_year, start_date, stop_date, stop_reason, regimen, interval_days, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [.text(patient.uuid), .text(patient.site), .text(patient.code), .text(patient.sex),
       patient.birthYear.map { .integer(Int64($0)) } ?? .null, .text(patient.start.iso),
       patient.stop.map { .text($0.iso) } ?? .null, patient.stopReason.map { .text($0) } ?? .null,
       .text(patient.regimen), .integer(Int64(patient.intervalDays)), .text(createdAt)])
    var saved = patient
    saved.id = db.lastInsertedRowID
    saved.createdAt = createdAt
    for code in patient.riskFactors {
      try db.execute("INSERT INTO patient_risk_factor (patient_id, code) VALUES (?, ?)", [.integer(saved.id), .text(code)])
    }
    if let auditAction {
      var changes = [
        change("site", nil, patient.site), change("code", nil, patient.code), change("start", nil, patient.start.iso),
        change("sex", nil, patient.sex), change("regimen", nil, patient.regimen),
        change("interval_days", nil, String(patient.intervalDays)),
      ]
      if let year = patient.birthYear { changes.append(change("birth_year", nil, String(year))) }
      if !patient.riskFactors.isEmpty { changes.append(change("risk_factors", nil, patient.riskFactors.joined(separator: ","))) }
      if let stop = patient.stop { changes.append(change("stop", nil, stop.iso)) }
      try audit(action: auditAction, patientID: saved.id, changes: changes)
    }
    return saved
  }

  /// Finds a patient by code in a site (the default site when nil).
  /// - Throws: `RegistryError.invalidData` when there is none.
  public func patient(code: String, site: String? = nil) throws -> Patient {
    let site = try site ?? defaultSite()
    return try read {
      guard let row = try db.row("SELECT * FROM patient WHERE site = ? AND code = ?", [.text(site), .text(code)]) else {
        throw RegistryError.invalid(
          .patientCode, "unknown patient \(Validate.shortened(code)) in site \(Validate.shortened(site))",
          fix: "check the code with \(task: .listPatients) or \(give: .site)")
      }
      return try patient(from: row)
    }
  }

  func patient(id: Int64) throws -> Patient {
    guard let row = try db.row("SELECT * FROM patient WHERE id = ?", [.integer(id)]) else {
      throw RegistryError(.failure, "patient \(id) is missing; run 'adreg check'")
    }
    return try patient(from: row)
  }

  func patient(from row: Row) throws -> Patient {
    let id = try row.decode(Int64.self, column: "id")
    // A listing brings each patient's factors along (`risk_factors`, ';'-separated); a single patient asks.
    let risks: [String]
    if row["risk_factors"] != nil {
      risks = try row.decode(String?.self, column: "risk_factors")?.split(separator: ";").map(String.init).sorted() ?? []
    } else {
      risks = try db.rows("SELECT code FROM patient_risk_factor WHERE patient_id = ? ORDER BY code", [.integer(id)])
        .map { try $0.decode(String.self, column: "code") }
    }
    return Patient(
      id: id, uuid: try row.decode(String.self, column: "uuid"), site: try row.decode(String.self, column: "site"),
      code: try row.decode(String.self, column: "code"), sex: try row.decode(String.self, column: "sex"),
      birthYear: try row.decode(Int?.self, column: "birth_year"),
      start: try day(row, "start_date"), stop: try optionalDay(row, "stop_date"),
      stopReason: try row.decode(String?.self, column: "stop_reason"),
      regimen: try row.decode(String.self, column: "regimen"),
      intervalDays: try row.decode(Int.self, column: "interval_days"), riskFactors: risks,
      createdAt: try row.decode(String.self, column: "created_at"))
  }

  /// Records that treatment stopped.
  /// - Throws: `RegistryError.invalidData` for a date before the start or after a later case or dose.
  @discardableResult
  public func stopPatient(code: String, site: String? = nil, date: String, reason: String?) throws -> Patient {
    let existing = try patient(code: code, site: site)
    let stop = try Validate.pastDate(date, field: .stopDate, today: today)
    guard stop >= existing.start else {
      throw RegistryError.invalid(
        .stopDate, "\(label: .stopDate): \(stop.iso) is before the treatment start \(existing.start.iso)",
        fix: "check the date")
    }
    let reasonText = try reason.flatMap { $0.isEmpty ? nil : try Validate.text($0, field: .stopReason) }
    return try write {
      if let lastDose = try db.scalar(String.self, "SELECT max(dose_date) FROM dose WHERE patient_id = ?", [.integer(existing.id)]),
        lastDose > stop.iso
      {
        throw RegistryError.invalid("date: a dose is logged on \(lastDose), after \(stop.iso); check the stop date")
      }
      try db.execute(
        "UPDATE patient SET stop_date = ?, stop_reason = ? WHERE id = ?",
        [.text(stop.iso), reasonText.map { .text($0) } ?? .null, .integer(existing.id)])
      try audit(
        action: "patient.stop", patientID: existing.id,
        changes: [change("stop", existing.stop?.iso, stop.iso), change("stop_reason", existing.stopReason, reasonText)],
        reason: reasonText)
      return try patient(id: existing.id)
    }
  }

  /// Patients of a site (every site when nil), by site and code.
  public func patients(site: String? = nil) throws -> [Patient] {
    var patients: [Patient] = []
    try forEachPatient(site: site) { patients.append($0) }
    return patients
  }

  /// Hands each patient of a site (every site when nil) to `body`, by site and code, from one cursor in one read
  /// transaction: a listing of any size holds one patient at a time.
  /// - Throws: what `body` throws, or a registry failure.
  public func forEachPatient(site: String? = nil, _ body: (Patient) throws -> Void) throws {
    try read {
      try db.forEachRow(
        """
        SELECT p.*, (SELECT group_concat(rf.code, ';') FROM patient_risk_factor rf WHERE rf.patient_id = p.id) AS risk_factors
        FROM patient p WHERE (?1 IS NULL OR p.site = ?1) ORDER BY p.site, p.code
        """, [site.map { .text($0) } ?? .null]
      ) { try body(try patient(from: $0)) }
    }
  }

  /// Logs an injection.
  /// - Throws: `RegistryError.invalidData` for a date outside treatment or a dose already logged that day.
  public func addDose(code: String, site: String? = nil, date: String) throws -> Dose {
    let existing = try patient(code: code, site: site)
    let day = try Validate.pastDate(date, field: .doseDate, today: today)
    guard day >= existing.start else {
      throw RegistryError.invalid(
        .doseDate, "\(label: .doseDate): \(day.iso) is before the treatment start \(existing.start.iso)",
        fix: "a dose must fall within treatment")
    }
    if let stop = existing.stop, day > stop {
      throw RegistryError.invalid(
        .doseDate, "\(label: .doseDate): \(day.iso) is after treatment stopped on \(stop.iso)",
        fix: "a dose must fall within treatment")
    }
    return try write {
      if try db.scalar(Int.self, "SELECT 1 FROM dose WHERE patient_id = ? AND dose_date = ?", [.integer(existing.id), .text(day.iso)]) != nil {
        throw RegistryError.invalid(
          .doseDate, "\(label: .doseDate): a dose on \(day.iso) is already logged for \(existing.code)")
      }
      try db.execute(
        "INSERT INTO dose (patient_id, dose_date, created_at) VALUES (?, ?, ?)",
        [.integer(existing.id), .text(day.iso), .text(timestamp())])
      try audit(action: "dose.add", patientID: existing.id, changes: [change("dose", nil, day.iso)])
      return Dose(date: day)
    }
  }

  /// Doses of a patient, oldest first.
  public func doses(patientID: Int64) throws -> [Dose] {
    try read {
      try db.rows("SELECT dose_date FROM dose WHERE patient_id = ? ORDER BY dose_date", [.integer(patientID)]).map {
        Dose(date: try day($0, "dose_date"))
      }
    }
  }
}

/// Decodes a stored date column.
func day(_ row: Row, _ column: String) throws -> Day {
  let text = try row.decode(String.self, column: column)
  guard let day = Day(iso: text) else {
    throw RegistryError(.failure, "stored \(column) '\(Validate.shortened(text))' is not a date; run 'adreg check'")
  }
  return day
}

func optionalDay(_ row: Row, _ column: String) throws -> Day? {
  guard let text = try row.decode(String?.self, column: column) else { return nil }
  guard let day = Day(iso: text) else {
    throw RegistryError(.failure, "stored \(column) '\(Validate.shortened(text))' is not a date; run 'adreg check'")
  }
  return day
}
