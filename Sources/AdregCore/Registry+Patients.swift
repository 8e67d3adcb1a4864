import AdregDatabase
import Foundation

extension Registry {
  var patientStore: PatientStore { PatientStore(db: db) }
  var doseStore: DoseStore { DoseStore(db: db) }

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
    if try patientStore.exists(site: patient.site, code: patient.code) {
      throw RegistryError.invalid(
        .patientCode, "patient code \(patient.code) is already enrolled in site \(patient.site)",
        fix: "choose another code or \(option: .site)")
    }
    var saved = patient
    saved.createdAt = timestamp()
    saved.id = try patientStore.insert(patient, createdAt: saved.createdAt)
    if let auditAction {
      var changes = [
        change("site", nil, patient.site), change("code", nil, patient.code), change("start", nil, patient.start.iso),
        change("sex", nil, patient.sex.rawValue), change("regimen", nil, patient.regimen),
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
      guard let patient = try patientStore.find(site: site, code: code) else {
        throw RegistryError.invalid(
          .patientCode, "unknown patient \(Validate.shortened(code)) in site \(Validate.shortened(site))",
          fix: "check the code with \(task: .listPatients) or \(give: .site)")
      }
      return patient
    }
  }

  func patient(id: Int64) throws -> Patient {
    guard let patient = try patientStore.find(id: id) else {
      throw RegistryError(.failure, "patient \(id) is missing; run 'adreg check'")
    }
    return patient
  }

  /// Records that treatment stopped.
  /// - Throws: `RegistryError.invalidData` for a date before the start or after a later case or dose.
  @discardableResult
  public func stopPatient(code: String, site: String? = nil, date: String, reason: String?) throws -> Patient {
    try write {
      // Read inside the write: another writer cannot log a dose between the check and the stop.
      let existing = try patient(code: code, site: site)
      let stop = try Validate.pastDate(date, field: .stopDate, today: today)
      try RowChecks.stop(stop, start: existing.start)
      let reasonText = try reason.flatMap { $0.isEmpty ? nil : try Validate.text($0, field: .stopReason) }
      if let lastDose = try doseStore.last(patientID: existing.id), lastDose > stop {
        throw RegistryError.invalid(
          .stopDate, "\(label: .stopDate): a dose is logged on \(lastDose.iso), after \(stop.iso)",
          fix: "check the stop date")
      }
      try patientStore.stop(id: existing.id, on: stop, reason: reasonText)
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
    try read { try patientStore.forEach(site: site, body) }
  }

  /// Logs an injection.
  /// - Throws: `RegistryError.invalidData` for a date outside treatment or a dose already logged that day.
  public func addDose(code: String, site: String? = nil, date: String) throws -> Dose {
    try write {
      // Read inside the write: another writer cannot stop the treatment between the check and the dose.
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
      if try doseStore.exists(patientID: existing.id, on: day) {
        throw RegistryError.invalid(
          .doseDate, "\(label: .doseDate): a dose on \(day.iso) is already logged for \(existing.code)")
      }
      try doseStore.insert(patientID: existing.id, on: day, createdAt: timestamp())
      try audit(action: "dose.add", patientID: existing.id, changes: [change("dose", nil, day.iso)])
      return Dose(date: day)
    }
  }

  /// Doses of a patient, oldest first.
  public func doses(patientID: Int64) throws -> [Dose] {
    try read { try doseStore.all(patientID: patientID) }
  }
}
