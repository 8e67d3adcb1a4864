import AdregDatabase
import AdregFormats
import Foundation

/// Rows of one table inserted many per statement.
///
/// Each execution of a statement has a fixed cost (starting it, its statement journal); executed once per row,
/// that costs more than the insert itself, so many rows per statement pay it once per batch. (The schema's
/// vocabulary CHECKs are chains of `=` rather than `IN (…)` lists for the same reason: SQLite 3.40 builds a
/// temporary index for an `IN` list on every execution; see v001.) Values are bound in place (`BoundValues`), and
/// 1,024 rows per statement measured 5 % faster than 128 (more is no better).
final class BatchInsert {
  /// What became of an appended row.
  enum Inserted {
    /// Written with this rowid.
    case id(Int64)
    /// Its batch skipped a row on a conflict, so which rows were written is unknown: a row is written
    /// when the table holds it with a rowid above this one.
    case unknown(above: Int64)
  }

  private let db: Connection
  private let prefix: String
  private let row: String
  private let suffix: String
  private let maxRowIDQuery: String?
  private let width: Int
  private let capacity: Int
  private let largestChunk: Int
  private var values: BoundValues
  /// The statement of each chunk size, by size.
  private var statements: [Int: Statement] = [:]
  /// Outcomes of written rows not yet taken with `drain()`.
  private var outcomes: [Inserted] = []

  /// - Parameters:
  ///   - sql: `INSERT INTO table (a, b)`; the VALUES rows are added.
  ///   - conflict: the clause that skips conflicting rows, such as `ON CONFLICT DO NOTHING`, and the
  ///     table whose rowids tell written rows from skipped ones; nil when every row must be written.
  init(_ db: Connection, _ sql: String, width: Int, conflict: (clause: String, table: String)? = nil, capacity: Int = 1_024) {
    self.db = db
    prefix = sql + " VALUES "
    row = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
    suffix = conflict.map { " " + $0.clause } ?? ""
    maxRowIDQuery = conflict.map { "SELECT max(rowid) FROM \($0.table)" }
    self.width = width
    self.capacity = capacity
    var chunk = 1
    while chunk * 2 <= capacity { chunk *= 2 }
    largestChunk = chunk
    values = BoundValues(capacity: width * capacity)
  }

  /// True when rows are waiting to be written.
  var isPending: Bool { !values.isEmpty }

  /// Adds a row; a full batch is written at once.
  func append(_ rowValues: DatabaseValue...) throws {
    for value in rowValues { values.append(value) }
    if values.count >= width * capacity { try write() }
  }

  /// Writes what is waiting; returns what became of every row appended since the last drain, in order.
  @discardableResult
  func drain() throws -> [Inserted] {
    try write()
    defer { outcomes.removeAll(keepingCapacity: true) }
    return outcomes
  }

  private func write() throws {
    var start = 0
    var rows = values.count / width
    // Rows go in chunks of powers of two (77 = 64 + 8 + 4 + 1), so a table needs a handful of prepared
    // statements, not one per batch size.
    while rows > 0 {
      let chunk = min(largestChunk, 1 << (Int.bitWidth - 1 - rows.leadingZeroBitCount))
      let statement = try statements[chunk]
        ?? db.prepare(prefix + Array(repeating: row, count: chunk).joined(separator: ",") + suffix)
      statements[chunk] = statement
      let above = try maxRowIDQuery.map { try db.scalar(Int64.self, $0) ?? 0 }
      try statement.execute(values, start..<start + chunk * width)
      if db.changes == chunk {
        // Rows of one statement take consecutive rowids in order, the last one being the last inserted.
        let last = db.lastInsertedRowID
        for offset in 0..<Int64(chunk) { outcomes.append(.id(last - Int64(chunk) + 1 + offset)) }
      } else {
        outcomes.append(contentsOf: repeatElement(.unknown(above: above ?? 0), count: chunk))
      }
      start += chunk * width
      rows -= chunk
    }
    values.removeAll()
  }
}

/// Writes checked rows inside the import's transaction, many per statement, with statements prepared once.
///
/// A row is written with its batch; rows whose key is taken are compared with the registry after their batch
/// is written, and reported to `onProblem` when they differ.
final class BulkImporter: ImportWriter {
  typealias ProblemHandler = (_ line: Int, _ fields: [String], _ error: RegistryError) throws -> Void

  private let registry: Registry
  private let kind: RecordKind
  private let createdAt: String
  private let onProblem: ProblemHandler
  /// Where written rows go to be freed, off the writing thread.
  private let spent: SpentRows

  private(set) var written = 0
  private(set) var alreadyPresent = 0

  /// The SQL of the uuid's unique index while the import defers it (into an empty table), nil once it is there.
  private var deferredUUIDIndex: String?
  /// The hash of every uuid written while the index is deferred: one seen before (or a collision) builds the
  /// index at once, so a repeated uuid meets it and is settled as in a table that always had it.
  private var writtenUUIDs = Set<Int>()

  private var pendingPatients: [CheckedPatient] = []
  private var pendingCases: [CheckedCase] = []

  private let patients: BatchInsert
  private let riskFactors: BatchInsert
  private let cases: BatchInsert
  private let morphology: BatchInsert
  private let bodySites: BatchInsert
  private let followUps: BatchInsert
  private let treatments: BatchInsert
  private let withdrawals: BatchInsert
  private let seriousness: BatchInsert
  private let findPatient: Statement
  private let findCaseID: Statement
  private let findCaseKey: Statement

  /// - Parameters:
  ///   - createdAt: the import's time stamp, recorded on every row it writes.
  ///   - deferredUUIDIndex: the SQL that builds the uuid's unique index of the table, dropped for the import; it
  ///     is built when the import finishes, or as soon as a uuid may repeat.
  ///   - spent: takes the rows once written.
  init(
    registry: Registry, kind: RecordKind, createdAt: String, deferredUUIDIndex: String? = nil, spent: SpentRows,
    onProblem: @escaping ProblemHandler
  ) throws {
    self.registry = registry
    self.spent = spent
    self.deferredUUIDIndex = deferredUUIDIndex
    self.kind = kind
    self.createdAt = createdAt
    self.onProblem = onProblem
    let db = registry.db
    patients = BatchInsert(db, PatientStore.insert, skippingConflicts: true)
    riskFactors = BatchInsert(db, PatientStore.riskFactorInsert)
    cases = BatchInsert(db, CaseStore.insert, skippingConflicts: true)
    morphology = BatchInsert(db, CaseStore.morphologyInsert)
    bodySites = BatchInsert(db, CaseStore.bodySiteInsert)
    followUps = BatchInsert(db, FollowUpStore.insert.omitting("note"))
    treatments = BatchInsert(db, FollowUpStore.treatmentInsert)
    withdrawals = BatchInsert(db, CaseStore.withdrawalInsert.omitting("duplicate_of"))
    seriousness = BatchInsert(db, CaseStore.seriousnessInsert)
    findPatient = try db.cachedStatement("SELECT id, start_date FROM patient WHERE site = ? AND code = ?")
    findCaseID = try db.cachedStatement("SELECT id FROM case_report WHERE uuid = ?")
    findCaseKey = try db.cachedStatement(
      "SELECT 1 FROM case_report WHERE patient_id = ? AND onset_date = ? AND category = ? LIMIT 1")
  }

  /// Queues a checked row for writing; an invalid one goes to `onProblem`.
  /// - Throws: what `onProblem` throws, a registry failure found while checking, or a failed write.
  func add(_ row: CheckedRow) throws {
    switch row {
    case .patient(let pending): try addPatient(pending)
    case .reaction(let pending):
      do {
        try addCase(pending)
      } catch let error as RegistryError where error.kind == .invalidData {
        // A case without a uuid is compared at once with the one already stored under its key.
        try onProblem(pending.line, pending.fields, error)
      }
    case .invalid(let line, let fields, let error):
      guard error.kind == .invalidData else { throw error }
      try onProblem(line, fields, error)
    case .contact, .followUp:
      throw RegistryError(.failure, "a \(kind.singular) import was handed a dose, visit or follow-up row")
    }
  }

  /// Writes every queued row.
  func finish() throws {
    switch kind {
    case .patients: try writePatients()
    case .cases: try writeCases()
    case .doses, .visits, .followups: break
    }
    try buildUUIDIndex()
  }

  /// Notes a uuid about to be written; one that may be in the table already builds the deferred index first.
  /// - Parameter flush: writes the rows waiting, so that the index covers them.
  private func noteUUID(_ uuid: String, flush: () throws -> Void) throws {
    guard deferredUUIDIndex != nil, !writtenUUIDs.insert(uuid.hashValue).inserted else { return }
    try flush()
    try buildUUIDIndex()
  }

  private func buildUUIDIndex() throws {
    guard let sql = deferredUUIDIndex else { return }
    // The hashes go first: with the sorter building the index, they would double the import's peak memory.
    deferredUUIDIndex = nil
    writtenUUIDs = []
    try registry.db.execute(script: sql)
  }

  // MARK: - Patients

  private func addPatient(_ pending: CheckedPatient) throws {
    let patient = pending.patient
    try noteUUID(patient.uuid, flush: writePatients)
    try patients.append(
      .text(patient.uuid), .text(patient.site), .text(patient.code), .text(patient.sex.rawValue),
      patient.birthYear.databaseValue, .text(patient.start.iso), patient.stop.databaseValue,
      patient.stopReason.databaseValue,
      .text(patient.regimen), .integer(Int64(patient.intervalDays)), .text(createdAt))
    pendingPatients.append(pending)
    if !patients.isPending { try writePatients() }
  }

  /// Writes the queued patients and their risk factors, then settles the rows whose site and code, or
  /// uuid, was taken.
  private func writePatients() throws {
    let outcomes = try patients.drain()
    var taken: [CheckedPatient] = []
    var claimed = Set<Int64>()
    for (pending, outcome) in zip(pendingPatients, outcomes) {
      var id: Int64?
      switch outcome {
      case .id(let rowID): id = rowID
      case .unknown(let above):
        // Of two rows with one key in a batch only the first was written; the second is settled below.
        let found = try firstInteger(findPatient, [.text(pending.patient.site), .text(pending.patient.code)])
        if let found, found > above, claimed.insert(found).inserted { id = found }
      }
      guard let id else {
        taken.append(pending)
        continue
      }
      written += 1
      for code in pending.patient.riskFactors {
        try riskFactors.append(.integer(id), .text(code.rawValue))
      }
    }
    spent.discard(Self.taking(&pendingPatients))
    try riskFactors.drain()
    for pending in taken {
      do {
        try settleTakenPatient(pending.patient, uuidGiven: pending.uuidGiven)
        alreadyPresent += 1
      } catch let error as RegistryError where error.kind == .invalidData {
        try onProblem(pending.line, pending.fields, error)
      }
    }
  }

  /// The rows of `pending`, leaving it empty with room for a batch.
  static func taking<Row>(_ pending: inout [Row]) -> [Row] {
    var rows: [Row] = []
    rows.reserveCapacity(pending.count)
    swap(&rows, &pending)
    return rows
  }

  /// The first column of the first row of a prepared query.
  private func firstInteger(_ statement: Statement, _ arguments: [DatabaseValue]) throws -> Int64? {
    var cursor = try statement.cursor(arguments)
    let row = try cursor.next()
    if row != nil { _ = try cursor.next() }
    return row.flatMap { $0.values[0].storedInteger }
  }

  /// A patient whose key is taken: the same patient again, or a conflict.
  private func settleTakenPatient(_ patient: Patient, uuidGiven: Bool) throws {
    guard let stored = try registry.exportedPatient(site: patient.site, code: patient.code) else {
      throw RegistryError.invalid(
        "uuid: \(patient.uuid) already belongs to another patient; leave the uuid empty for a new patient")
    }
    var given = PatientExportRow(patient)
    if !uuidGiven { given.uuid = stored.uuid }
    let differences = Self.differences(kind.columns, stored: stored.identifiedValues, given: given.identifiedValues)
    guard differences.isEmpty else {
      throw RegistryError.invalid(
        .patientCode,
        "patient code \(patient.code) is already enrolled in site \(patient.site) with other values (\(differences)); an import adds patients, it does not change them")
    }
  }

  // MARK: - Cases

  private func addCase(_ pending: CheckedCase) throws {
    let checked = pending.checked
    let patient = checked.patient
    if !pending.uuidGiven {
      // Without a uuid a case is known by patient, category and onset: the rows before must be written to be found.
      try writeCases()
      var cursor = try findCaseKey.cursor(
        [.integer(patient.id), .text(checked.onset.iso), .text(checked.category.rawValue)])
      if try cursor.next() != nil {
        _ = try cursor.next()
        let stored = try registry.exportedCases(
          patientID: patient.id, category: checked.category.rawValue, onset: checked.onset.iso)
        try settleTakenCase(pending, stored: stored)
        alreadyPresent += 1
        return
      }
    }
    try noteUUID(checked.uuid, flush: writeCases)
    try cases.append(
      .text(checked.uuid), .integer(patient.id), .text(checked.category.rawValue), .text(checked.onset.iso),
      .text(checked.reported.iso), .text(checked.source.rawValue), .text(checked.scaling.rawValue),
      checked.severity.databaseValue, checked.itch.databaseValue, checked.description.databaseValue,
      .text(createdAt), .text(registry.user))
    pendingCases.append(pending)
    if !cases.isPending { try writeCases() }
  }

  /// Writes the queued cases with their morphology, sites, follow-ups and withdrawals, then settles the
  /// rows whose uuid was taken.
  private func writeCases() throws {
    guard !pendingCases.isEmpty else { return }
    let outcomes = try cases.drain()
    var taken: [CheckedCase] = []
    var claimed = Set<Int64>()
    var withTreatments: [(followUpIndex: Int, codes: [Treatment])] = []
    var followUpCount = 0
    for (pending, outcome) in zip(pendingCases, outcomes) {
      var id: Int64?
      switch outcome {
      case .id(let rowID): id = rowID
      case .unknown(let above):
        let found = try firstInteger(findCaseID, [.text(pending.checked.uuid)])
        if let found, found > above, claimed.insert(found).inserted { id = found }
      }
      guard let id else {
        taken.append(pending)
        continue
      }
      written += 1
      for code in pending.checked.morphology { try morphology.append(.integer(id), .text(code.rawValue)) }
      for code in pending.checked.bodySites { try bodySites.append(.integer(id), .text(code.rawValue)) }
      for code in pending.checked.seriousness {
        try seriousness.append(.integer(id), .text(code.rawValue), .text(createdAt), .text(registry.user))
      }
      for followUp in pending.followUps {
        try followUps.append(
          .integer(id), followUp.action.databaseValue, followUp.dechallenge.databaseValue,
          followUp.rechallenge.databaseValue, followUp.outcome.databaseValue, followUp.outcomeDate.databaseValue,
          followUp.biopsy.databaseValue,
          .text(createdAt), .text(registry.user))
        followUpCount += 1
      }
      // Treatments belong to a case's last follow-up.
      if let last = pending.followUps.last, !last.treatments.isEmpty {
        withTreatments.append((followUpCount - 1, last.treatments))
      }
      if let reason = pending.withdrawnReason {
        try withdrawals.append(.integer(id), .text(reason), .text(createdAt), .text(registry.user))
      }
    }
    spent.discard(Self.taking(&pendingCases))
    let followUpIDs = try followUps.drain()
    for (index, codes) in withTreatments {
      guard case .id(let followUpID) = followUpIDs[index] else { continue }
      for code in codes { try treatments.append(.integer(followUpID), .text(code.rawValue)) }
    }
    for batch in [morphology, bodySites, treatments, withdrawals, seriousness] { try batch.drain() }
    for pending in taken {
      do {
        let stored = try registry.exportedCase(uuid: pending.checked.uuid).map { [$0] } ?? []
        try settleTakenCase(pending, stored: stored)
        alreadyPresent += 1
      } catch let error as RegistryError where error.kind == .invalidData {
        try onProblem(pending.line, pending.fields, error)
      }
    }
  }

  /// A case whose key is taken: the same case again, or a conflict.
  private func settleTakenCase(_ pending: CheckedCase, stored: [CaseExportRow]) throws {
    let given = CaseExportRow(
      pending.checked, state: pending.followUps.isEmpty ? nil : FollowUpState(pending.followUps),
      withdrawnReason: pending.withdrawnReason)
    var firstDifferences = ""
    for candidate in stored {
      var comparable = given
      // A uuid or report date the file leaves out takes any stored value: they default to new values.
      if !pending.uuidGiven { comparable.uuid = candidate.uuid }
      if !pending.reportedGiven { comparable.reported = candidate.reported }
      if !pending.stateGiven { comparable.state = candidate.state }
      if !pending.seriousnessGiven { comparable.seriousness = candidate.seriousness }
      let differences = Self.differences(
        kind.columns, stored: candidate.identifiedValues, given: comparable.identifiedValues)
      if differences.isEmpty { return }
      if firstDifferences.isEmpty { firstDifferences = differences }
    }
    if pending.uuidGiven {
      throw RegistryError.invalid(
        "uuid: case \(given.uuid) is already in the registry with other values (\(firstDifferences)); an import adds cases, it does not change them — use 'adreg case update' or 'adreg case withdraw'")
    }
    throw RegistryError.invalid(
      "onset_date: patient \(given.patientCode) already has a \(given.category) case with onset \(given.onset) and other values (\(firstDifferences)); give each case its uuid to import both, or fix the row")
  }

  /// `column: VALUE in the registry, VALUE in the file` for the first few columns that differ.
  static func differences(_ columns: [String], stored: [ExportValue], given: [ExportValue]) -> String {
    var parts: [String] = []
    for (column, pair) in zip(columns, zip(stored, given)) where pair.0 != pair.1 {
      func shown(_ value: ExportValue) -> String {
        value.csvText.map { $0.isEmpty ? "empty" : "'\(Validate.shortened($0))'" } ?? "empty"
      }
      parts.append("\(column): \(shown(pair.0)) in the registry, \(shown(pair.1)) in the file")
    }
    if parts.count > 3 { return parts.prefix(3).joined(separator: "; ") + "; …" }
    return parts.joined(separator: "; ")
  }
}
