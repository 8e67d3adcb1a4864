import AdregDatabase
import Foundation

/// A checked case, ready to insert.
struct ValidatedCase: Sendable {
  var patient: Patient
  var uuid: String
  var category: String
  var onset: Day
  var reported: Day
  var source: String
  var scaling: String
  var morphology: [String]
  var bodySites: [String]
  var severity: String?
  var itch: Int?
  var description: String?
  var seriousness: [String] = []
}

extension Registry {
  /// Checks a case draft against a patient, without writing.
  func validated(_ draft: CaseDraft, patient: Patient) throws -> ValidatedCase {
    try RowChecks(today: today).reaction(draft, patient: patient)
  }

  /// Records a case and its audit entry.
  /// - Returns: the saved case with its derived timing.
  /// - Throws: `RegistryError.invalidData` naming the field and the fix; nothing is written then.
  @discardableResult
  public func record(_ draft: CaseDraft) throws -> CaseRecord {
    let patient = try patient(code: draft.patientCode, site: draft.site)
    let checked = try validated(draft, patient: patient)
    return try write {
      let id = try insert(checked)
      return try caseRecord(id: id)
    }
  }

  /// Inserts a validated case; inside a write transaction.
  func insert(_ checked: ValidatedCase, auditAction: String? = "case.record") throws -> Int64 {
    try db.execute(
      """
      INSERT INTO case_report (uuid, patient_id, category, onset_date, reported_date, source, scaling, severity, itch,
        description, created_at, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [.text(checked.uuid), .integer(checked.patient.id), .text(checked.category), .text(checked.onset.iso),
       .text(checked.reported.iso), .text(checked.source), .text(checked.scaling),
       checked.severity.map { .text($0) } ?? .null, checked.itch.map { .integer(Int64($0)) } ?? .null,
       checked.description.map { .text($0) } ?? .null, .text(timestamp()), .text(user)])
    let id = db.lastInsertedRowID
    for code in checked.morphology {
      try db.execute("INSERT INTO case_morphology (case_id, code) VALUES (?, ?)", [.integer(id), .text(code)])
    }
    for code in checked.bodySites {
      try db.execute("INSERT INTO case_body_site (case_id, code) VALUES (?, ?)", [.integer(id), .text(code)])
    }
    try addSeriousness(checked.seriousness, caseID: id)
    if let auditAction {
      var changes = [
        change("patient", nil, "\(checked.patient.site)/\(checked.patient.code)"), change("category", nil, checked.category),
        change("onset", nil, checked.onset.iso), change("reported", nil, checked.reported.iso),
        change("source", nil, checked.source), change("scaling", nil, checked.scaling),
      ]
      if !checked.morphology.isEmpty { changes.append(change("morphology", nil, checked.morphology.joined(separator: ","))) }
      if !checked.bodySites.isEmpty { changes.append(change("sites", nil, checked.bodySites.joined(separator: ","))) }
      if let value = checked.severity { changes.append(change("severity", nil, value)) }
      if let value = checked.itch { changes.append(change("itch", nil, String(value))) }
      if let value = checked.description { changes.append(change("note", nil, value)) }
      if !checked.seriousness.isEmpty { changes.append(change("serious", nil, checked.seriousness.joined(separator: ","))) }
      try audit(action: auditAction, patientID: checked.patient.id, caseID: id, changes: changes)
    }
    return id
  }

  /// One case with its timing, follow-ups and withdrawal.
  /// - Throws: `RegistryError.invalidData` when there is no such case.
  public func caseRecord(id: Int64) throws -> CaseRecord {
    try read {
      guard let row = try db.row(
        """
        SELECT c.*, p.site, p.code, p.start_date FROM case_report c JOIN patient p ON p.id = c.patient_id WHERE c.id = ?
        """, [.integer(id)])
      else {
        throw RegistryError.invalid("unknown case \(id); list cases with 'adreg case list'")
      }
      return try caseRecord(from: row, details: true)
    }
  }

  func caseRecord(from row: Row, details: Bool) throws -> CaseRecord {
    let id = try row.decode(Int64.self, column: "id")
    let patientID = try row.decode(Int64.self, column: "patient_id")
    let onset = try day(row, "onset_date")
    let reported = try day(row, "reported_date")
    let start = try day(row, "start_date")
    let lastDose = try db.scalar(
      String.self, "SELECT max(dose_date) FROM dose WHERE patient_id = ? AND dose_date <= ?",
      [.integer(patientID), .text(onset.iso)]
    ).flatMap(Day.init(iso:))
    let codes = { (table: String) in
      try self.db.rows("SELECT code FROM \(table) WHERE case_id = ? ORDER BY code", [.integer(id)]).map {
        try $0.decode(String.self, column: "code")
      }
    }
    let withdrawal = try db.row("SELECT * FROM case_withdrawal WHERE case_id = ?", [.integer(id)]).map {
      Withdrawal(
        reason: try $0.decode(String.self, column: "reason"), at: try $0.decode(String.self, column: "withdrawn_at"),
        by: try $0.decode(String.self, column: "withdrawn_by"), duplicateOf: try $0.decode(Int64?.self, column: "duplicate_of"))
    }
    return CaseRecord(
      id: id, uuid: try row.decode(String.self, column: "uuid"), patientID: patientID,
      site: try row.decode(String.self, column: "site"), patientCode: try row.decode(String.self, column: "code"),
      category: try row.decode(String.self, column: "category"), onset: onset, reported: reported,
      source: try row.decode(String.self, column: "source"), scaling: try row.decode(String.self, column: "scaling"),
      morphology: try codes("case_morphology"), bodySites: try codes("case_body_site"),
      severity: try row.decode(String?.self, column: "severity"), itch: try row.decode(Int?.self, column: "itch"),
      description: try row.decode(String?.self, column: "description"), seriousness: try seriousness(caseID: id),
      createdAt: try row.decode(String.self, column: "created_at"),
      createdBy: try row.decode(String.self, column: "created_by"),
      timing: CaseTiming(start: start, onset: onset, reported: reported, lastDose: lastDose),
      followUps: details ? try followUps(caseID: id) : [], withdrawal: withdrawal,
      duplicates: details ? try duplicates(of: id) : [])
  }

  func followUps(caseID: Int64) throws -> [FollowUp] {
    try db.rows("SELECT * FROM follow_up WHERE case_id = ? ORDER BY id", [.integer(caseID)]).map { row in
      let id = try row.decode(Int64.self, column: "id")
      let treatments = try db.rows(
        "SELECT code FROM follow_up_treatment WHERE follow_up_id = ? ORDER BY code", [.integer(id)]
      ).map { try $0.decode(String.self, column: "code") }
      return FollowUp(
        id: id, action: try row.decode(String?.self, column: "action"), treatments: treatments,
        dechallenge: try row.decode(String?.self, column: "dechallenge"),
        rechallenge: try row.decode(String?.self, column: "rechallenge"),
        outcome: try row.decode(String?.self, column: "outcome"), outcomeDate: try optionalDay(row, "outcome_date"),
        biopsy: try row.decode(String?.self, column: "biopsy"), note: try row.decode(String?.self, column: "note"),
        recordedAt: try row.decode(String.self, column: "recorded_at"),
        recordedBy: try row.decode(String.self, column: "recorded_by"))
    }
  }

  /// Cases that are not withdrawn, by onset then id; none for a patient code that names no patient.
  public func cases(_ filter: CaseFilter = CaseFilter()) throws -> [CaseRecord] {
    var cases: [CaseRecord] = []
    try forEachCase(filter) { cases.append($0) }
    return cases
  }

  /// Hands each case that is not withdrawn to `body`, by onset then id, from one cursor in one read transaction: a
  /// listing of any size holds one case at a time. None for a patient code that names no patient.
  /// - Throws: what `body` throws, `RegistryError.invalidData` for an unknown category, or a registry failure.
  public func forEachCase(_ filter: CaseFilter = CaseFilter(), _ body: (CaseRecord) throws -> Void) throws {
    var patientID: Int64?
    if let category = filter.category { _ = try Vocabulary.category.validate(category) }
    if let code = filter.patientCode {
      guard try hasPatient(code: code, site: filter.site) else { return }
      patientID = try patient(code: code, site: filter.site).id
    }
    try read {
      try db.forEachRow(
        """
        SELECT c.*, p.site, p.code, p.start_date FROM case_report c JOIN patient p ON p.id = c.patient_id
        WHERE NOT EXISTS (SELECT 1 FROM case_withdrawal w WHERE w.case_id = c.id)
          AND (?1 IS NULL OR c.patient_id = ?1) AND (?2 IS NULL OR c.category = ?2)
          AND (?3 IS NULL OR c.onset_date >= ?3) AND (?4 IS NULL OR c.onset_date <= ?4)
          AND (?5 IS NULL OR p.site = ?5)
          AND (?6 = 0 OR EXISTS (SELECT 1 FROM case_seriousness s WHERE s.case_id = c.id))
        ORDER BY c.onset_date, c.id
        """,
        [patientID.map { .integer($0) } ?? .null, filter.category.map { .text($0) } ?? .null,
         filter.from.map { .text($0.iso) } ?? .null, filter.to.map { .text($0.iso) } ?? .null,
         (patientID == nil ? filter.site : nil).map { .text($0) } ?? .null, .integer(filter.seriousOnly ? 1 : 0)]
      ) { try body(try caseRecord(from: $0, details: true)) }
    }
  }

  /// Appends a follow-up to a case.
  /// - Throws: `RegistryError.invalidData` when nothing is given, a code is unknown, or a date is impossible.
  @discardableResult
  public func update(caseID: Int64, with draft: FollowUpDraft) throws -> CaseRecord {
    let existing = try caseRecord(id: caseID)
    if let withdrawal = existing.withdrawal {
      throw RegistryError.invalid("case \(caseID) was withdrawn (\(Validate.shortened(withdrawal.reason))); it takes no follow-up")
    }
    let action = try draft.action.map { try Vocabulary.action.validate($0) }
    let treatments = try Vocabulary.treatment.validate(draft.treatments)
    let dechallenge = try draft.dechallenge.map { try Vocabulary.dechallenge.validate($0) }
    let rechallenge = try draft.rechallenge.map { try Vocabulary.rechallenge.validate($0) }
    let outcome = try draft.outcome.map { try Vocabulary.outcome.validate($0) }
    let outcomeDate = try validatedOutcomeDate(draft.outcomeDate, outcome: outcome, onset: existing.onset)
    let biopsy = try draft.biopsy.map { try Validate.requiredText($0, field: "biopsy") }
    let note = try draft.note.map { try Validate.requiredText($0, field: "note") }
    let serious = try Vocabulary.seriousness.validate(draft.seriousness).filter { !existing.seriousness.contains($0) }
    let followUpGiven = action != nil || !treatments.isEmpty || dechallenge != nil || rechallenge != nil || outcome != nil
      || biopsy != nil || note != nil
    guard followUpGiven || !serious.isEmpty else {
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
    let before = existing.current
    return try write {
      if !serious.isEmpty {
        try addSeriousness(serious, caseID: caseID)
        try audit(
          action: "case.serious", patientID: existing.patientID, caseID: caseID,
          changes: [change("serious", existing.seriousness.isEmpty ? nil : existing.seriousness.joined(separator: ","),
                           Vocabulary.seriousness.codes.filter { existing.seriousness.contains($0) || serious.contains($0) }
                             .joined(separator: ","))])
      }
      guard followUpGiven else { return try caseRecord(id: caseID) }
      try db.execute(
        """
        INSERT INTO follow_up (case_id, action, dechallenge, rechallenge, outcome, outcome_date, biopsy, note, recorded_at, recorded_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [.integer(caseID), action.map { .text($0) } ?? .null, dechallenge.map { .text($0) } ?? .null,
         rechallenge.map { .text($0) } ?? .null, outcome.map { .text($0) } ?? .null,
         outcomeDate.map { .text($0.iso) } ?? .null, biopsy.map { .text($0) } ?? .null, note.map { .text($0) } ?? .null,
         .text(timestamp()), .text(user)])
      let followUpID = db.lastInsertedRowID
      for code in treatments {
        try db.execute(
          "INSERT INTO follow_up_treatment (follow_up_id, code) VALUES (?, ?)", [.integer(followUpID), .text(code)])
      }
      var changes: [String] = []
      if let action { changes.append(change("action", before.action, action)) }
      if !treatments.isEmpty {
        changes.append(change("treatment", before.treatments.isEmpty ? nil : before.treatments.joined(separator: ","), treatments.joined(separator: ",")))
      }
      if let dechallenge { changes.append(change("dechallenge", before.dechallenge, dechallenge)) }
      if let rechallenge { changes.append(change("rechallenge", before.rechallenge, rechallenge)) }
      if let outcome { changes.append(change("outcome", before.outcome, outcome)) }
      if let outcomeDate { changes.append(change("outcome_date", before.outcomeDate?.iso, outcomeDate.iso)) }
      if let biopsy { changes.append(change("biopsy", before.biopsy, biopsy)) }
      if let note { changes.append(change("note", nil, note)) }
      try audit(action: "case.update", patientID: existing.patientID, caseID: caseID, changes: changes)
      return try caseRecord(id: caseID)
    }
  }

  /// Checks an outcome's date with its outcome; see `RowChecks.outcomeDate`.
  func validatedOutcomeDate(_ text: String?, outcome: String?, onset: Day) throws -> Day? {
    try RowChecks(today: today).outcomeDate(text, outcome: outcome, onset: onset)
  }

  /// Withdraws a case entered in error: it stays, marked, and leaves every list and report.
  @discardableResult
  public func withdraw(caseID: Int64, reason: String) throws -> CaseRecord {
    let text = try Validate.requiredText(reason, field: "reason")
    return try withdraw(try caseRecord(id: caseID), reason: text, duplicateOf: nil)
  }

  /// Withdraws a case with a checked reason, linked to the case it duplicates when `duplicateOf` is given.
  func withdraw(_ existing: CaseRecord, reason text: String, duplicateOf: Int64?) throws -> CaseRecord {
    let caseID = existing.id
    if existing.withdrawal != nil {
      throw RegistryError.invalid("case \(caseID) is already withdrawn")
    }
    return try write {
      try db.execute(
        "INSERT INTO case_withdrawal (case_id, reason, withdrawn_at, withdrawn_by, duplicate_of) VALUES (?, ?, ?, ?, ?)",
        [.integer(caseID), .text(text), .text(timestamp()), .text(user), duplicateOf.map { .integer($0) } ?? .null])
      var changes = [change("withdrawn", "no", "yes")]
      if let duplicateOf { changes.append(change("duplicate_of", nil, "case \(duplicateOf)")) }
      try audit(action: "case.withdraw", patientID: existing.patientID, caseID: caseID, changes: changes, reason: text)
      return try caseRecord(id: caseID)
    }
  }
}
