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

/// Writes doses, visits and follow-ups many per statement.
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
  /// The log of each patient's latest dose or visit (nil for follow-ups), and the statement folding a patient's
  /// latest day written into it.
  private let summary: (log: ContactSummaryStore.Log, upsert: Statement)?
  /// The patient of the rows written last and their latest day: folded into the summary when the patient changes,
  /// once per patient for a file grouped by patient, so that memory holds one patient whatever the file's size.
  private var run: (patient: Int64, day: Day)?

  private let followUps: BatchInsert
  private let treatments: BatchInsert
  /// The treatments of each queued follow-up, sorted by code, in the order queued.
  private var pendingTreatments: [[Treatment]] = []
  /// How many follow-ups each case has: those stored, read in one query at the start, then those this import
  /// added. A case missing has none, so a new case's follow-ups need no read.
  private var followUpCounts: [Int64: Int] = [:]
  /// The stored follow-ups of the case last compared with the registry. Rows come grouped by case, so a case
  /// imported again is read once; one met again later is read again, so memory holds one case's follow-ups.
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
    followUps = BatchInsert(db, FollowUpStore.insert)
    treatments = BatchInsert(db, FollowUpStore.treatmentInsert)
    if kind == .doses {
      contacts = BatchInsert(db, DoseStore.insert, skippingConflicts: true, capacity: 256)
      findContact = try db.cachedStatement("SELECT id, NULL FROM dose WHERE patient_id = ? AND dose_date = ?")
    } else {
      contacts = BatchInsert(db, VisitStore.insert, skippingConflicts: true)
      findContact = try db.cachedStatement("SELECT id, note FROM visit WHERE patient_id = ? AND visit_date = ?")
    }
    let store = ContactSummaryStore(db: db)
    let log: ContactSummaryStore.Log? = kind == .doses ? .dose : kind == .visits ? .visit : nil
    if let log {
      // Rows a hand edit added past the mark are folded first, so that every row above it is this import's own.
      try store.fold(log)
      summary = (log, try store.latestDayUpsert(log))
    } else {
      summary = nil
    }
    if kind == .followups { followUpCounts = try FollowUpStore(db: db).countsByCase() }
  }

  func add(_ row: CheckedRow) throws {
    switch row {
    case .contact(let contact):
      if kind == .doses {
        try contacts.append(contact.patientID.databaseValue, contact.date.databaseValue, createdAt.databaseValue)
      } else {
        try contacts.append(
          contact.patientID.databaseValue, contact.date.databaseValue, contact.note.databaseValue,
          createdAt.databaseValue)
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
    try writeFollowUps()
    if let summary {
      try foldRun()
      try ContactSummaryStore(db: registry.db).moveMark(summary.log)
    }
  }

  // MARK: - Doses and visits

  /// Notes a row written, for the patient's latest contact.
  private func wrote(_ contact: CheckedContact) throws {
    if let current = run, current.patient == contact.patientID {
      if contact.date > current.day { run = (current.patient, contact.date) }
      return
    }
    try foldRun()
    run = (contact.patientID, contact.date)
  }

  private func foldRun() throws {
    guard let summary, let current = run else { return }
    try summary.upsert.execute([current.patient.databaseValue, current.day.databaseValue])
    run = nil
  }

  private func writeContacts() throws {
    guard !pending.isEmpty else { return }
    let outcomes = try contacts.drain()
    var claimed = Set<Int64>()
    for (contact, outcome) in zip(pending, outcomes) {
      switch outcome {
      case .id:
        written += 1
        try wrote(contact)
      case .unknown(let above):
        var found: (id: Int64, note: String?)?
        try findContact.forEachRow([contact.patientID, contact.date]) { row in
          found = (try row.integer(at: 0), try row.optionalText(at: 1))
        }
        if let found, found.id > above, claimed.insert(found.id).inserted {
          written += 1
          try wrote(contact)
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
    let count = followUpCounts[checked.caseID, default: 0]
    if checked.sequence <= count {
      try compareFollowUp(checked)
      return
    }
    guard checked.sequence == count + 1 else {
      throw RegistryError.invalid(
        "sequence: case \(checked.caseUUID) has \(count) follow-up(s), so the next is \(count + 1), not \(checked.sequence); list a case's follow-ups in order, without gaps")
    }
    let followUp = checked.followUp
    // Each value converts itself: an array literal of `any DatabaseValueConvertible` boxes every value, which cost
    // as much per row as the insert.
    try followUps.append(
      checked.caseID.databaseValue, followUp.action.databaseValue, followUp.dechallenge.databaseValue,
      followUp.rechallenge.databaseValue, followUp.outcome.databaseValue, followUp.outcomeDate.databaseValue,
      followUp.biopsy.databaseValue, followUp.note.databaseValue, followUp.recordedAt.databaseValue,
      followUp.recordedBy.databaseValue)
    pendingTreatments.append(followUp.treatments.sorted())
    followUpCounts[checked.caseID] = checked.sequence
    if lastCase?.id == checked.caseID { lastCase = nil }
    written += 1
    if !followUps.isPending { try writeFollowUps() }
  }

  /// A follow-up whose case already has one at its sequence: the same one again, or a conflict.
  private func compareFollowUp(_ checked: CheckedFollowUp) throws {
    let stored: [FollowUp]
    if let lastCase, lastCase.id == checked.caseID {
      stored = lastCase.followUps
    } else {
      // The registry holds what this import wrote once the rows waiting are written.
      try writeFollowUps()
      stored = try registry.followUps(caseID: checked.caseID)
      lastCase = (checked.caseID, stored)
    }
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
  }

  /// Writes the queued follow-ups, then their treatments under the ids they were given.
  private func writeFollowUps() throws {
    guard followUps.isPending || !pendingTreatments.isEmpty else { return }
    let outcomes = try followUps.drain()
    for (codes, outcome) in zip(pendingTreatments, outcomes) where !codes.isEmpty {
      guard case .id(let id) = outcome else {
        throw RegistryError(.failure, "a follow-up of the import was not written")
      }
      for code in codes { try treatments.append(id.databaseValue, code.databaseValue) }
    }
    pendingTreatments.removeAll(keepingCapacity: true)
    try treatments.drain()
  }
}
