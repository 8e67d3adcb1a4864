import AdregDatabase

extension Registry {
  /// Doses or visits, row by row: identified by site, code and day; de-identified in patient-reference order.
  func exportContacts(_ file: ExchangeFile, identified: Bool, _ emit: ([ExportValue]) throws -> Void) throws {
    let (table, date, note) = file == .doses ? ("dose", "dose_date", "") : ("visit", "visit_date", ", x.note")
    if identified {
      var cursor = try db.cachedStatement(
        """
        SELECT p.site, p.code, p.start_date, x.\(date) AS day\(note) FROM patient p JOIN \(table) x ON x.patient_id = p.id
        ORDER BY p.site, p.code, x.\(date)
        """
      ).cursor()
      while let row = try cursor.next() {
        try emit(ContactExportRow(row: row).identifiedValues(withNote: file == .visits))
      }
      return
    }
    try forEachByPatientRef(
      """
      SELECT p.id, p.site, p.code, p.start_date, x.\(date) AS day FROM patient p LEFT JOIN \(table) x ON x.patient_id = p.id
      ORDER BY p.uuid, x.\(date)
      """, patientColumn: 0
    ) { row, ref in
      guard case .text = row.values[4] else { return }
      try emit(ContactExportRow(row: row).deidentifiedValues(ref: ref))
    }
  }

  /// Follow-ups or staff answers, numbered within their case in the order recorded.
  func exportNumbered<Record: NumberedExportRow>(
    _ type: Record.Type, identified: Bool, _ emit: ([ExportValue]) throws -> Void
  ) throws {
    try forEachNumbered(Record.select, table: Record.table, alias: Record.alias, identified: identified) {
      row, caseRef, sequence in
      let record = try Record(row: row)
      try emit(
        caseRef.map { record.deidentifiedValues(caseRef: $0, sequence: sequence) }
          ?? record.identifiedValues(sequence: sequence))
    }
  }

  /// Rows of a table that belongs to cases, each with its position within its case (from 1, by id) and, when
  /// de-identified, its case's `C-` number as the cases export gives it (withdrawn cases left out).
  private func forEachNumbered(
    _ select: String, table: String, alias: String, identified: Bool,
    _ body: (Row, _ caseRef: String?, _ sequence: Int) throws -> Void
  ) throws {
    let sql =
      identified
      ? select + """
         FROM case_report c JOIN patient p ON p.id = c.patient_id JOIN \(table) \(alias) ON \(alias).case_id = c.id
        ORDER BY c.uuid, \(alias).id
        """
      // Every case in the cases export's order, with or without rows, so that the numbers match it.
      : select + """
         FROM patient p JOIN case_report c ON c.patient_id = p.id
          AND NOT EXISTS (SELECT 1 FROM case_withdrawal w WHERE w.case_id = c.id)
        LEFT JOIN \(table) \(alias) ON \(alias).case_id = c.id
        ORDER BY p.uuid, c.onset_date, c.id, \(alias).id
        """
    var caseRefs = try ExportReferences(cases: exportRowCount(.cases, identified: false))
    var cursor = try db.cachedStatement(sql).cursor()
    var previousCase: Int64?
    var caseRef = ""
    var sequence = 0
    while let row = try cursor.next() {
      let caseID = row.values[0].storedInteger ?? 0
      if caseID != previousCase {
        previousCase = caseID
        sequence = 0
        if !identified { caseRef = caseRefs.next() }
      }
      // A case without rows, kept only to be numbered.
      guard case .integer = row.values[3] else { continue }
      sequence += 1
      try body(row, identified ? nil : caseRef, sequence)
    }
  }
}
