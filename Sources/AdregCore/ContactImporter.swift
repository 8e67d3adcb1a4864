import AdregDatabase

/// What writes an import's checked rows inside its transaction.
protocol ImportWriter: AnyObject {
  /// Rows added to the registry.
  var written: Int { get }
  /// Rows already in the registry with the same values.
  var alreadyPresent: Int { get }
  /// Queues a checked row for writing; an invalid one goes to the problem handler.
  func add(_ row: CheckedRow) throws
  /// Writes every queued row.
  func finish() throws
}

/// Writes doses and visits many per statement, and follow-ups one by one after their case's earlier ones.
///
/// A dose or visit already logged for its patient on its day is the same row again when its values match (a
/// dose has none but its day); a follow-up's key is its case and its sequence, the follow-ups of a case counted
/// in the order recorded, so importing a file twice adds nothing and a new follow-up must follow on from the
/// ones stored.
final class ContactImporter: ImportWriter {
  private let registry: Registry
  private let kind: RecordKind
  private let createdAt: String
  private let onProblem: BulkImporter.ProblemHandler
  private let spent: SpentRows
  private(set) var written = 0
  private(set) var alreadyPresent = 0

  private let contacts: BatchInsert
  private var pending: [CheckedContact] = []
  private let findContact: Statement
  /// The follow-ups of the case of the last follow-up row: those stored before, then those this import added. Rows
  /// come grouped by case; a case met again is read from the registry, which holds what this import wrote, so
  /// memory stays that of one case however long the file.
  private var lastCase: (id: Int64, followUps: [FollowUp])?

  init(
    registry: Registry, kind: RecordKind, createdAt: String, spent: SpentRows,
    onProblem: @escaping BulkImporter.ProblemHandler
  ) throws {
    self.registry = registry
    self.spent = spent
    self.kind = kind
    self.createdAt = createdAt
    self.onProblem = onProblem
    let db = registry.db
    if kind == .doses {
      contacts = BatchInsert(db, DoseStore.insert, skippingConflicts: true, capacity: 256)
      findContact = try db.cachedStatement("SELECT id, NULL FROM dose WHERE patient_id = ? AND dose_date = ?")
    } else {
      contacts = BatchInsert(db, VisitStore.insert, skippingConflicts: true)
      findContact = try db.cachedStatement("SELECT id, note FROM visit WHERE patient_id = ? AND visit_date = ?")
    }
  }

  func add(_ row: CheckedRow) throws {
    switch row {
    case .contact(let contact):
      if kind == .doses {
        try contacts.append(.integer(contact.patientID), .text(contact.date.iso), .text(createdAt))
      } else {
        try contacts.append(
          .integer(contact.patientID), .text(contact.date.iso), contact.note.map { .text($0) } ?? .null,
          .text(createdAt))
      }
      pending.append(contact)
      if !contacts.isPending { try writeContacts() }
    case .followUp(let followUp):
      do {
        try addFollowUp(followUp)
      } catch let error as RegistryError where error.kind == .invalidData {
        try onProblem(followUp.line, followUp.fields, error)
      }
    case .invalid(let line, let fields, let error):
      guard error.kind == .invalidData else { throw error }
      try onProblem(line, fields, error)
    case .patient, .reaction:
      throw RegistryError(.failure, "a \(kind.singular) import was handed a patient or case row")
    }
  }

  func finish() throws {
    try writeContacts()
  }

  // MARK: - Doses and visits

  private func writeContacts() throws {
    guard !pending.isEmpty else { return }
    let outcomes = try contacts.drain()
    var claimed = Set<Int64>()
    for (contact, outcome) in zip(pending, outcomes) {
      switch outcome {
      case .id:
        written += 1
      case .unknown(let above):
        var found: (id: Int64, note: String?)?
        try findContact.forEachRow([.integer(contact.patientID), .text(contact.date.iso)]) { row in
          found = (try row.integer(at: 0), try row.optionalText(at: 1))
        }
        if let found, found.id > above, claimed.insert(found.id).inserted {
          written += 1
        } else if found?.note == contact.note {
          alreadyPresent += 1
        } else {
          func shown(_ note: String?) -> String { note.map { "'\(Validate.shortened($0))'" } ?? "empty" }
          try onProblem(
            contact.line, contact.fields,
            RegistryError.invalid(
              "note: a visit on \(contact.date.iso) is already logged for \(contact.patientCode) with note \(shown(found?.note)), \(shown(contact.note)) in the file; an import adds visits, it does not change them"))
        }
      }
    }
    spent.discard(BulkImporter.taking(&pending))
  }

  // MARK: - Follow-ups

  private func addFollowUp(_ checked: CheckedFollowUp) throws {
    var stored =
      try lastCase.flatMap { $0.id == checked.caseID ? $0.followUps : nil }
      ?? registry.followUps(caseID: checked.caseID)
    defer { lastCase = (checked.caseID, stored) }
    if checked.sequence <= stored.count {
      var given = checked.followUp
      given.treatments.sort()
      let existing = stored[checked.sequence - 1]
      given.id = existing.id
      if !checked.recordedAtGiven { given.recordedAt = existing.recordedAt }
      if !checked.recordedByGiven { given.recordedBy = existing.recordedBy }
      guard given == existing else {
        throw RegistryError.invalid(
          "sequence: case \(checked.caseUUID) already has a follow-up \(checked.sequence) with other values; an import adds follow-ups, it does not change them — use 'adreg case update'")
      }
      alreadyPresent += 1
      return
    }
    guard checked.sequence == stored.count + 1 else {
      throw RegistryError.invalid(
        "sequence: case \(checked.caseUUID) has \(stored.count) follow-up(s), so the next is \(stored.count + 1), not \(checked.sequence); list a case's follow-ups in order, without gaps")
    }
    let followUp = checked.followUp
    let db = registry.db
    try db.cachedStatement(FollowUpStore.insert.sql).execute([
      .integer(checked.caseID), followUp.action.databaseValue, followUp.dechallenge.databaseValue,
      followUp.rechallenge.databaseValue, followUp.outcome.databaseValue, Self.text(followUp.outcomeDate?.iso),
      Self.text(followUp.biopsy), Self.text(followUp.note), .text(followUp.recordedAt), .text(followUp.recordedBy),
    ])
    var added = followUp
    added.id = db.lastInsertedRowID
    for code in followUp.treatments.sorted() {
      try db.cachedStatement(FollowUpStore.treatmentInsert.sql)
        .execute([.integer(added.id), code.databaseValue])
    }
    added.treatments = followUp.treatments.sorted()
    stored.append(added)
    written += 1
  }

  private static func text(_ value: String?) -> DatabaseValue { value.map { .text($0) } ?? .null }
}
