import AdregDatabase
import AdregFormats

/// How an export is written.
public enum ExportFormat: String, Sendable, CaseIterable {
  /// RFC 4180 CSV with a header row; multi-valued fields `;`-separated.
  case csv
  /// JSON Lines: one object per line, keys as the CSV header, lists as arrays, missing values as null.
  case jsonLines = "json"
}

/// What an export writes.
public struct ExportOptions: Sendable {
  /// Codes, uuids, dates and free text as stored, in the import columns; otherwise de-identified.
  public var identified: Bool
  /// CSV or JSON Lines.
  public var format: ExportFormat
  /// CSV text as stored; otherwise a text a spreadsheet would read as a formula gets a leading `'`
  /// (`CSVFormat.escapingFormula`), which `import` removes again.
  public var raw: Bool
  /// Part of a package (`export --out DIR`): the de-identified cases file then carries `case_ref`.
  var inPackage = false

  public init(identified: Bool = false, format: ExportFormat = .csv, raw: Bool = false) {
    self.identified = identified
    self.format = format
    self.raw = raw
  }
}

extension Registry {
  /// Writes every row of one bulk file to `sink`, row by row from one cursor, so memory stays flat.
  ///
  /// Identified exports are ordered by site, patient code, then date (cases by onset and id, follow-ups by case
  /// uuid and sequence), and hold withdrawn cases with their reason: they are what `import` reads back.
  /// De-identified exports hold no code, uuid, calendar date, user or free text; patients are numbered `R-0001`,
  /// `R-0002`, … in the order of their random internal uuid, so the numbers say nothing about codes or
  /// enrolment order, and cases `C-000001`, … in the order of the cases export; every file of the same registry
  /// state uses the same numbers. Withdrawn cases and their follow-ups are left out.
  /// - Parameter progress: called after every few hundred rows with the rows written so far, of a total counted
  ///   in the same read transaction first.
  /// - Returns: the number of rows written.
  @discardableResult
  public func export<Sink: TextSink>(
    _ kind: RecordKind, options: ExportOptions, to sink: inout Sink, progress: (WorkProgress) -> Void = { _ in }
  ) throws -> Int {
    try read { try exportFile(kind.file, options: options, to: &sink, progress: progress) }
  }

  /// One file of an export, inside the caller's read transaction.
  func exportFile<Sink: TextSink>(
    _ file: ExchangeFile, options: ExportOptions, to sink: inout Sink, progress: (WorkProgress) -> Void
  ) throws -> Int {
    let columns = file.columns(identified: options.identified, inPackage: options.inPackage).map(\.name)
    var writer = RecordWriter(format: options.format, columns: columns, sink: sink, raw: options.raw)
    try writer.writeHeader()
    let total = try exportRowCount(file, identified: options.identified)
    var count = 0
    func emit(_ values: [ExportValue]) throws {
      try writer.write(values)
      count += 1
      if count % 256 == 0 { progress(WorkProgress(rows: count, done: count, total: total)) }
    }
    switch (file, options.identified) {
    case (.patients, true):
      var cursor = try db.cachedStatement(PatientStore.select + " ORDER BY p.site, p.code").cursor()
      while let row = try cursor.next() { try emit(PatientExportRow(try Patient(row: row)).identifiedValues) }
    case (.patients, false):
      var refs = try ExportReferences(patients: patientCount())
      var cursor = try db.cachedStatement(PatientStore.select + " ORDER BY p.uuid").cursor()
      while let row = try cursor.next() {
        try emit(PatientExportRow(try Patient(row: row)).deidentifiedValues(ref: refs.next(), today: today))
      }
    case (.cases, true):
      var cursor = try db.cachedStatement(CaseStore.select + " ORDER BY p.site, p.code, c.onset_date, c.id").cursor()
      while let row = try cursor.next() { try emit(caseExportRow(row).identifiedValues) }
    case (.cases, false):
      var caseRefs = try ExportReferences(cases: exportRowCount(.cases, identified: false))
      // Walking every patient in uuid order, with or without cases, numbers them exactly as the patients export does.
      try forEachByPatientRef(
        CaseStore.columns
          + """
             FROM patient p LEFT JOIN case_report c ON c.patient_id = p.id
              AND NOT EXISTS (SELECT 1 FROM case_withdrawal v WHERE v.case_id = c.id)
              LEFT JOIN case_withdrawal w ON w.case_id = c.id
            ORDER BY p.uuid, c.onset_date, c.id
            """, patientColumn: 1
      ) { row, ref in
        guard case .integer = row.values[0] else { return }
        let caseRef = caseRefs.next()
        try emit(caseExportRow(row).deidentifiedValues(ref: ref, caseRef: options.inPackage ? caseRef : nil))
      }
    case (.doses, _), (.visits, _):
      try exportContacts(file, identified: options.identified, emit)
    case (.followups, _):
      try exportNumbered(FollowUpExportRow.self, identified: options.identified, emit)
    case (.assessments, _):
      try exportNumbered(AssessmentExportRow.self, identified: options.identified, emit)
    case (.references, _):
      for reference in try references() { try emit(ExportValue.values(of: reference)) }
    }
    sink = writer.sink
    return count
  }

  func patientCount() throws -> Int { try db.scalar(Int.self, "SELECT count(*) FROM patient") ?? 0 }

  /// Runs `body` on every row of `sql`, which walks every patient in uuid order (a LEFT JOIN keeps patients
  /// without rows), with the patient's `R-` number; `patientColumn` is the index of the patient id.
  func forEachByPatientRef(_ sql: String, patientColumn: Int, _ body: (Row, String) throws -> Void) throws {
    var refs = try ExportReferences(patients: patientCount())
    var cursor = try db.cachedStatement(sql).cursor()
    var previousPatient: Int64?
    var ref = ""
    while let row = try cursor.next() {
      let patientID = row.values[patientColumn].storedInteger ?? 0
      if patientID != previousPatient {
        previousPatient = patientID
        ref = refs.next()
      }
      try body(row, ref)
    }
  }

  /// How many rows an export of `file` writes: a count on indexes, cheap beside the export itself.
  func exportRowCount(_ file: ExchangeFile, identified: Bool) throws -> Int {
    switch (file, identified) {
    case (.patients, _): return try patientCount()
    case (.cases, true): return try db.scalar(Int.self, "SELECT count(*) FROM case_report") ?? 0
    case (.cases, false):
      return try db.scalar(
        Int.self,
        "SELECT count(*) FROM case_report c WHERE NOT EXISTS (SELECT 1 FROM case_withdrawal w WHERE w.case_id = c.id)"
      ) ?? 0
    case (.doses, _): return try db.scalar(Int.self, "SELECT count(*) FROM dose") ?? 0
    case (.visits, _): return try db.scalar(Int.self, "SELECT count(*) FROM visit") ?? 0
    case (.followups, true): return try db.scalar(Int.self, "SELECT count(*) FROM follow_up") ?? 0
    case (.followups, false):
      return try db.scalar(
        Int.self,
        "SELECT count(*) FROM follow_up f WHERE NOT EXISTS (SELECT 1 FROM case_withdrawal w WHERE w.case_id = f.case_id)"
      ) ?? 0
    case (.assessments, true):
      return try db.scalar(
        Int.self, "SELECT (SELECT count(*) FROM assessment_answer) + (SELECT count(*) FROM who_umc_assessment)") ?? 0
    case (.assessments, false):
      let standing = "WHERE NOT EXISTS (SELECT 1 FROM case_withdrawal w WHERE w.case_id = a.case_id)"
      return try db.scalar(
        Int.self,
        "SELECT (SELECT count(*) FROM assessment_answer a \(standing)) + (SELECT count(*) FROM who_umc_assessment a \(standing))"
      ) ?? 0
    case (.references, _): return try db.scalar(Int.self, "SELECT count(*) FROM trial_reference") ?? 0
    }
  }

  /// A case row of `CaseStore.columns`, with its follow-up state when it has follow-ups.
  func caseExportRow(_ row: Row) throws -> CaseExportRow {
    CaseExportRow(try caseStore.record(from: row))
  }

  /// The stored patient with this site and code, as the identified export shows it.
  func exportedPatient(site: String, code: String) throws -> PatientExportRow? {
    try patientStore.find(site: site, code: code).map(PatientExportRow.init)
  }

  /// The stored case with this uuid, as the identified export shows it.
  func exportedCase(uuid: String) throws -> CaseExportRow? {
    try db.row(CaseStore.select + " WHERE c.uuid = ?", [uuid]).map(caseExportRow)
  }

  /// The stored cases of a patient with this category and onset, as the identified export shows them.
  func exportedCases(patientID: Int64, category: String, onset: String) throws -> [CaseExportRow] {
    try db.rows(
      CaseStore.select + " WHERE c.patient_id = :patient AND c.category = :category AND c.onset_date = :onset ORDER BY c.id",
      ["patient": patientID, "category": category, "onset": onset]
    ).map(caseExportRow)
  }
}
