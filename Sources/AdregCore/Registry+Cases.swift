import AdregDatabase
import Foundation

/// A checked case, ready to insert.
struct ValidatedCase: Sendable {
  var patient: Patient
  var uuid: String
  var category: Category
  var onset: Day
  var reported: Day
  var source: CaseSource
  var scaling: Scaling
  var morphology: [Morphology]
  var bodySites: [BodySite]
  var severity: Severity?
  var itch: Int?
  var description: String?
  var seriousness: [SeriousnessCriterion] = []
}

extension Registry {
  var caseStore: CaseStore { CaseStore(db: db) }
  var followUpStore: FollowUpStore { FollowUpStore(db: db) }

  /// Checks a case draft against a patient, without writing.
  func validated(_ draft: CaseDraft, patient: Patient) throws -> ValidatedCase {
    try RowChecks(today: today).reaction(draft, patient: patient)
  }

  /// Records a case and its audit entry.
  /// - Returns: the saved case with its derived timing.
  /// - Throws: `RegistryError.invalidData` naming the field and the fix; nothing is written then.
  @discardableResult
  public func record(_ draft: CaseDraft) throws -> CaseRecord {
    try write {
      // The patient is read inside the write, so the case is checked against the patient it is stored with.
      let patient = try patient(code: draft.patientCode, site: draft.site)
      let id = try insert(try validated(draft, patient: patient))
      return try caseRecord(id: id)
    }
  }

  /// Inserts a validated case; inside a write transaction.
  func insert(_ checked: ValidatedCase, auditAction: String? = "case.record") throws -> Int64 {
    let id = try caseStore.insert(checked, createdAt: timestamp(), by: user)
    if let auditAction {
      var changes = [
        change("patient", nil, "\(checked.patient.site)/\(checked.patient.code)"),
        change("category", nil, checked.category.rawValue),
        change("onset", nil, checked.onset.iso), change("reported", nil, checked.reported.iso),
        change("source", nil, checked.source.rawValue), change("scaling", nil, checked.scaling.rawValue),
      ]
      if !checked.morphology.isEmpty { changes.append(change("morphology", nil, checked.morphology.joined(separator: ","))) }
      if !checked.bodySites.isEmpty { changes.append(change("sites", nil, checked.bodySites.joined(separator: ","))) }
      if let value = checked.severity { changes.append(change("severity", nil, value.rawValue)) }
      if let value = checked.itch { changes.append(change("itch", nil, String(value))) }
      if let value = checked.description { changes.append(change("note", nil, value)) }
      if !checked.seriousness.isEmpty { changes.append(change("serious", nil, checked.seriousness.joined(separator: ","))) }
      try audit(action: auditAction, patientID: checked.patient.id, caseID: id, changes: changes)
    }
    return id
  }

  /// One case with its timing, follow-ups and withdrawal, read in at most two queries.
  /// - Throws: `RegistryError.invalidData` when there is no such case.
  public func caseRecord(id: Int64) throws -> CaseRecord {
    try read {
      guard let record = try caseStore.find(id: id) else {
        throw RegistryError.invalid("unknown case \(id); list cases with 'adreg case list'")
      }
      return record
    }
  }

  func followUps(caseID: Int64) throws -> [FollowUp] {
    try followUpStore.all(caseID: caseID)
  }

  /// Cases that are not withdrawn, by onset then id; none for a patient code that names no patient.
  public func cases(_ filter: CaseFilter = CaseFilter()) throws -> [CaseRecord] {
    var cases: [CaseRecord] = []
    try forEachCase(filter) { cases.append($0) }
    return cases
  }

  /// Hands each case that is not withdrawn to `body`, by onset then id, from one cursor in one read transaction: a
  /// listing of any size holds one case at a time. None for a patient code that names no patient.
  /// - Throws: what `body` throws, or a registry failure.
  public func forEachCase(_ filter: CaseFilter = CaseFilter(), _ body: (CaseRecord) throws -> Void) throws {
    var patientID: Int64?
    if let code = filter.patientCode {
      guard try hasPatient(code: code, site: filter.site) else { return }
      patientID = try patient(code: code, site: filter.site).id
    }
    try read {
      try db.forEachRow(
        CaseStore.select + """

        WHERE w.case_id IS NULL
          AND (?1 IS NULL OR c.patient_id = ?1) AND (?2 IS NULL OR c.category = ?2)
          AND (?3 IS NULL OR c.onset_date >= ?3) AND (?4 IS NULL OR c.onset_date <= ?4)
          AND (?5 IS NULL OR p.site = ?5)
          AND (?6 = 0 OR EXISTS (SELECT 1 FROM case_seriousness s WHERE s.case_id = c.id))
        ORDER BY c.onset_date, c.id
        """,
        [patientID, filter.category, filter.from, filter.to, patientID == nil ? filter.site : nil,
         filter.seriousOnly ? 1 : 0]
      ) { try body(try caseStore.record(from: $0)) }
    }
  }

  /// Appends a follow-up to a case.
  /// - Throws: `RegistryError.invalidData` when nothing is given, a code is unknown, or a date is impossible.
  @discardableResult
  public func update(caseID: Int64, with draft: FollowUpDraft) throws -> CaseRecord {
    try write {
      // Read inside the write: another writer cannot withdraw the case, or add the criteria given, between the
      // checks and the follow-up.
      let existing = try caseRecord(id: caseID)
      if let withdrawal = existing.withdrawal {
        throw RegistryError.invalid("case \(caseID) was withdrawn (\(Validate.shortened(withdrawal.reason))); it takes no follow-up")
      }
      var followUp = try RowChecks(today: today).followUp(draft, onset: existing.onset)
      let serious = try RecordField.seriousness.checking { try [SeriousnessCriterion](parsing: draft.seriousness) }
        .filter { !existing.seriousness.contains($0) }
      guard !followUp.isEmpty || !serious.isEmpty else {
        if !draft.seriousness.isEmpty {
          throw RegistryError.invalid(
            "case \(caseID) already has every criterion given (\(existing.seriousness.joined(separator: ", "))); nothing to update")
        }
        throw RegistryError(
          .invalidData, field: nil, "nothing to update",
          fix: "give at least one of \(option: .action), \(option: .treatments), \(option: .dechallenge), "
            + "\(option: .rechallenge), \(option: .outcome), \(option: .seriousness), \(option: .biopsy), "
            + "\(option: .note)")
      }
      if !serious.isEmpty {
        try caseStore.addSeriousness(serious, caseID: caseID, at: timestamp(), by: user)
        let after = SeriousnessCriterion.allCases.filter { existing.seriousness.contains($0) || serious.contains($0) }
        try audit(
          action: "case.serious", patientID: existing.patientID, caseID: caseID,
          changes: [
            change(
              "serious", existing.seriousness.isEmpty ? nil : existing.seriousness.joined(separator: ","),
              after.joined(separator: ","))
          ])
      }
      guard !followUp.isEmpty else { return try caseRecord(id: caseID) }
      followUp.recordedAt = timestamp()
      followUp.recordedBy = user
      _ = try followUpStore.insert(followUp, caseID: caseID)
      let before = existing.current
      var changes: [String] = []
      if let action = followUp.action { changes.append(change("action", before.action?.rawValue, action.rawValue)) }
      if !followUp.treatments.isEmpty {
        changes.append(
          change(
            "treatment", before.treatments.isEmpty ? nil : before.treatments.joined(separator: ","),
            followUp.treatments.joined(separator: ",")))
      }
      if let value = followUp.dechallenge {
        changes.append(change("dechallenge", before.dechallenge?.rawValue, value.rawValue))
      }
      if let value = followUp.rechallenge {
        changes.append(change("rechallenge", before.rechallenge?.rawValue, value.rawValue))
      }
      if let outcome = followUp.outcome { changes.append(change("outcome", before.outcome?.rawValue, outcome.rawValue)) }
      if let outcomeDate = followUp.outcomeDate {
        changes.append(change("outcome_date", before.outcomeDate?.iso, outcomeDate.iso))
      }
      if let biopsy = followUp.biopsy { changes.append(change("biopsy", before.biopsy, biopsy)) }
      if let note = followUp.note { changes.append(change("note", nil, note)) }
      try audit(action: "case.update", patientID: existing.patientID, caseID: caseID, changes: changes)
      return try caseRecord(id: caseID)
    }
  }

  /// Withdraws a case entered in error: it stays, marked, and leaves every list and report.
  @discardableResult
  public func withdraw(caseID: Int64, reason: String) throws -> CaseRecord {
    let text = try Validate.requiredText(reason, field: "reason")
    return try write {
      try withdraw(try caseRecord(id: caseID), reason: text, duplicateOf: nil)
    }
  }

  /// Withdraws a case with a checked reason, linked to the case it duplicates when `duplicateOf` is given; inside
  /// the write transaction that read `existing`.
  func withdraw(_ existing: CaseRecord, reason text: String, duplicateOf: Int64?) throws -> CaseRecord {
    let caseID = existing.id
    if existing.withdrawal != nil {
      throw RegistryError.invalid("case \(caseID) is already withdrawn")
    }
    try caseStore.withdraw(caseID: caseID, reason: text, at: timestamp(), by: user, duplicateOf: duplicateOf)
    var changes = [change("withdrawn", "no", "yes")]
    if let duplicateOf { changes.append(change("duplicate_of", nil, "case \(duplicateOf)")) }
    try audit(action: "case.withdraw", patientID: existing.patientID, caseID: caseID, changes: changes, reason: text)
    return try caseRecord(id: caseID)
  }
}
