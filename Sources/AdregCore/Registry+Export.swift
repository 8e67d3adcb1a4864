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

  public init(identified: Bool = false, format: ExportFormat = .csv, raw: Bool = false) {
    self.identified = identified
    self.format = format
    self.raw = raw
  }
}

extension Registry {
  /// Writes every patient or case to `sink`, row by row from one cursor, so memory stays flat.
  ///
  /// Identified exports are ordered by site, patient code, onset and case id, and hold withdrawn
  /// cases with their reason: they are what `import` reads back. De-identified exports hold no code,
  /// uuid, calendar date or free text; patients are numbered `R-0001`, `R-0002`, … in the order of their
  /// random internal uuid, so the numbers say nothing about codes or enrolment order, and the patients
  /// and cases exports of the same registry state use the same numbers. Withdrawn cases are left out.
  /// - Parameter progress: called after every few hundred rows with the rows written so far, of a total counted
  ///   in the same read transaction first.
  /// - Returns: the number of rows written (patients, or cases).
  @discardableResult
  public func export<Sink: TextSink>(
    _ kind: RecordKind, options: ExportOptions, to sink: inout Sink, progress: (WorkProgress) -> Void = { _ in }
  ) throws -> Int {
    try read {
      let columns = options.identified ? kind.columns : kind.deidentifiedColumns
      var writer = RecordWriter(format: options.format, columns: columns, sink: sink, raw: options.raw)
      try writer.writeHeader()
      let total = try exportRowCount(kind, identified: options.identified)
      var count = 0
      func wrote() {
        count += 1
        if count % 256 == 0 { progress(WorkProgress(rows: count, done: count, total: total)) }
      }
      switch (kind, options.identified) {
      case (.patients, true):
        var cursor = try db.cachedStatement(PatientExportRow.select + " ORDER BY p.site, p.code").cursor()
        while let row = try cursor.next() {
          try writer.write(PatientExportRow(row).identifiedValues)
          wrote()
        }
      case (.patients, false):
        var refs = try PatientReferences(patients: db.scalar(Int.self, "SELECT count(*) FROM patient") ?? 0)
        var cursor = try db.cachedStatement(PatientExportRow.select + " ORDER BY p.uuid").cursor()
        while let row = try cursor.next() {
          try writer.write(PatientExportRow(row).deidentifiedValues(ref: refs.next(), today: today))
          wrote()
        }
      case (.cases, true):
        var cursor = try db.cachedStatement(
          CaseExportRow.select(lastDose: false)
            + " FROM patient p JOIN case_report c ON c.patient_id = p.id ORDER BY p.site, p.code, c.onset_date, c.id"
        ).cursor()
        while let row = try cursor.next() {
          try writer.write(caseExportRow(row).identifiedValues)
          wrote()
        }
      case (.cases, false):
        var refs = try PatientReferences(patients: db.scalar(Int.self, "SELECT count(*) FROM patient") ?? 0)
        // Walking every patient in uuid order, with or without cases, numbers them exactly as the patients export does.
        var cursor = try db.cachedStatement(
          CaseExportRow.select(lastDose: true)
            + """
               FROM patient p LEFT JOIN case_report c ON c.patient_id = p.id
                AND NOT EXISTS (SELECT 1 FROM case_withdrawal w WHERE w.case_id = c.id)
              ORDER BY p.uuid, c.onset_date, c.id
              """
        ).cursor()
        var previousPatient: Int64?
        var ref = ""
        while let row = try cursor.next() {
          let patientID = row.values[1].storedInteger ?? 0
          if patientID != previousPatient {
            previousPatient = patientID
            ref = refs.next()
          }
          guard case .integer = row.values[0] else { continue }
          try writer.write(caseExportRow(row).deidentifiedValues(ref: ref))
          wrote()
        }
      }
      sink = writer.sink
      return count
    }
  }

  /// How many rows an export of `kind` writes: a count on indexes, cheap beside the export itself.
  func exportRowCount(_ kind: RecordKind, identified: Bool) throws -> Int {
    switch (kind, identified) {
    case (.patients, _): return try db.scalar(Int.self, "SELECT count(*) FROM patient") ?? 0
    case (.cases, true): return try db.scalar(Int.self, "SELECT count(*) FROM case_report") ?? 0
    case (.cases, false):
      return try db.scalar(
        Int.self,
        "SELECT count(*) FROM case_report c WHERE NOT EXISTS (SELECT 1 FROM case_withdrawal w WHERE w.case_id = c.id)"
      ) ?? 0
    }
  }

  /// A case row of the export queries, with its follow-up state when it has follow-ups.
  func caseExportRow(_ row: Row) throws -> CaseExportRow {
    var exported = CaseExportRow(row)
    if exported.hasFollowUps {
      exported.state = FollowUpState(try followUps(caseID: exported.id))
    }
    return exported
  }

  /// The stored patient with this site and code, as the identified export shows it.
  func exportedPatient(site: String, code: String) throws -> PatientExportRow? {
    try db.row(PatientExportRow.select + " WHERE p.site = ?1 AND p.code = ?2", [.text(site), .text(code)])
      .map(PatientExportRow.init)
  }

  /// The stored case with this uuid, as the identified export shows it.
  func exportedCase(uuid: String) throws -> CaseExportRow? {
    try db.row(
      CaseExportRow.select(lastDose: false)
        + " FROM patient p JOIN case_report c ON c.patient_id = p.id WHERE c.uuid = ?1", [.text(uuid)]
    ).map(caseExportRow)
  }

  /// The stored cases of a patient with this category and onset, as the identified export shows them.
  func exportedCases(patientID: Int64, category: String, onset: String) throws -> [CaseExportRow] {
    try db.rows(
      CaseExportRow.select(lastDose: false)
        + " FROM patient p JOIN case_report c ON c.patient_id = p.id"
        + " WHERE c.patient_id = ?1 AND c.category = ?2 AND c.onset_date = ?3 ORDER BY c.id",
      [.integer(patientID), .text(category), .text(onset)]
    ).map(caseExportRow)
  }
}

/// One value of an exported row: CSV writes it as text, JSON keeps its type.
enum ExportValue: Equatable {
  case null
  case text(String)
  case int(Int)
  case list([String])

  /// Empty text and an empty list read back from CSV as nothing.
  var csvText: String? {
    switch self {
    case .null: nil
    case .text(let value): value
    case .int(let value): String(value)
    case .list(let values): values.joined(separator: ";")
    }
  }

  /// The CSV cell: `csvText`, with a text escaped against formulas (numbers are not text, and stay as they are).
  var csvCell: String? {
    switch self {
    case .text(let value): CSVFormat.escapingFormula(value)
    case .list(let values): CSVFormat.escapingFormula(values.joined(separator: ";"))
    case .null, .int: csvText
    }
  }

  var json: JSONValue {
    switch self {
    case .null: .null
    case .text(let value): .string(value)
    case .int(let value): .int(Int64(value))
    case .list(let values): .array(values.map { .string($0) })
    }
  }

  init(_ text: String?) { self = text.map { .text($0) } ?? .null }
  init(_ number: Int?) { self = number.map { .int($0) } ?? .null }
}

/// Writes rows as CSV or JSON Lines.
struct RecordWriter<Sink: TextSink> {
  // Both writers start from the same sink and only the one of `format` is used, so neither is optional.
  private var csv: CSVWriter<Sink>
  private var json: JSONLinesWriter<Sink>
  private let format: ExportFormat
  private let columns: [String]
  private let raw: Bool

  init(format: ExportFormat, columns: [String], sink: Sink, raw: Bool = false) {
    self.format = format
    self.columns = columns
    self.raw = raw
    csv = CSVWriter(sink: sink)
    json = JSONLinesWriter(sink: sink)
  }

  var sink: Sink { format == .csv ? csv.sink : json.sink }

  mutating func writeHeader() throws {
    if format == .csv { try csv.write(columns) }
  }

  mutating func write(_ values: [ExportValue]) throws {
    switch format {
    case .csv: try csv.write(raw ? values.map(\.csvText) : values.map(\.csvCell))
    case .jsonLines: try json.write(.object(zip(columns, values.map(\.json)).map { ($0, $1) }))
    }
  }
}

/// Hands out `R-0001`, `R-0002`, …, wide enough that every number of the export has the same width.
struct PatientReferences {
  private var number = 0
  private let width: Int

  init(patients: Int) {
    width = max(4, String(patients).count)
  }

  mutating func next() -> String {
    number += 1
    let digits = String(number)
    return "R-" + String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

/// A patient as the export queries read it.
struct PatientExportRow: Equatable {
  var site: String
  var code: String
  var uuid: String
  var sex: String
  var birthYear: Int?
  var start: String
  var stop: String?
  var stopReason: String?
  var regimen: String
  var intervalDays: Int
  var riskFactors: [String]

  static let select = """
    SELECT p.id, p.site, p.code, p.uuid, p.sex, p.birth_year, p.start_date, p.stop_date, p.stop_reason, p.regimen,
      p.interval_days,
      (SELECT group_concat(code, ';') FROM
        (SELECT code FROM patient_risk_factor r WHERE r.patient_id = p.id ORDER BY code))
    FROM patient p
    """

  init(_ row: Row) {
    let v = row.values
    site = v[1].storedText ?? ""
    code = v[2].storedText ?? ""
    uuid = v[3].storedText ?? ""
    sex = v[4].storedText ?? ""
    birthYear = v[5].storedInteger.map { Int($0) }
    start = v[6].storedText ?? ""
    stop = v[7].storedText
    stopReason = v[8].storedText
    regimen = v[9].storedText ?? ""
    intervalDays = Int(v[10].storedInteger ?? 0)
    riskFactors = codeList(v[11])
  }

  /// A validated patient as the export would show it once stored.
  init(_ patient: Patient) {
    site = patient.site
    code = patient.code
    uuid = patient.uuid
    sex = patient.sex
    birthYear = patient.birthYear
    start = patient.start.iso
    stop = patient.stop?.iso
    stopReason = patient.stopReason
    regimen = patient.regimen
    intervalDays = patient.intervalDays
    riskFactors = patient.riskFactors.sorted()
  }

  var identifiedValues: [ExportValue] {
    [.text(site), .text(code), .text(uuid), .text(sex), ExportValue(birthYear), .text(start), ExportValue(stop),
     ExportValue(stopReason), .text(regimen), .int(intervalDays), .list(riskFactors)]
  }

  func deidentifiedValues(ref: String, today: Day) -> [ExportValue] {
    let startDay = Day(iso: start)
    let stopDay = stop.flatMap(Day.init(iso:))
    var observed: Int?
    if let startDay {
      let end = min(stopDay ?? today, today)
      observed = max(0, end.days(since: startDay) + 1)
    }
    return [
      .text(ref), .text(site), .text(sex), ExportValue(both(startDay?.year, birthYear).map { $0 - $1 }),
      ExportValue(both(stopDay, startDay).map { $0.days(since: $1) }), ExportValue(observed), .int(intervalDays),
      .list(riskFactors),
    ]
  }
}

/// A case as the export queries read it.
struct CaseExportRow: Equatable {
  var id: Int64
  var patientID: Int64
  var site: String
  var patientCode: String
  var uuid: String
  var category: String
  var onset: String
  var reported: String
  var source: String
  var scaling: String
  var morphology: [String]
  var bodySites: [String]
  var severity: String?
  var itch: Int?
  var description: String?
  var start: String
  var hasFollowUps: Bool
  var state: FollowUpState?
  var withdrawnReason: String?
  var seriousness: [String] = []
  var lastDose: String?

  /// The columns shared by every case query; callers add FROM, WHERE and ORDER BY.
  static func select(lastDose: Bool) -> String {
    """
    SELECT c.id, p.id, p.site, p.code, c.uuid, c.category, c.onset_date, c.reported_date, c.source, c.scaling,
      (SELECT group_concat(code, ';') FROM (SELECT code FROM case_morphology m WHERE m.case_id = c.id ORDER BY code)),
      (SELECT group_concat(code, ';') FROM (SELECT code FROM case_body_site s WHERE s.case_id = c.id ORDER BY code)),
      c.severity, c.itch, c.description, p.start_date,
      EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id),
      (SELECT reason FROM case_withdrawal w WHERE w.case_id = c.id),
      (SELECT group_concat(code, ';') FROM case_seriousness k WHERE k.case_id = c.id)
    """
      + (lastDose
        ? ", (SELECT max(dose_date) FROM dose d WHERE d.patient_id = p.id AND d.dose_date <= c.onset_date)" : "")
  }

  init(_ row: Row) {
    let v = row.values
    id = v[0].storedInteger ?? 0
    patientID = v[1].storedInteger ?? 0
    site = v[2].storedText ?? ""
    patientCode = v[3].storedText ?? ""
    uuid = v[4].storedText ?? ""
    category = v[5].storedText ?? ""
    onset = v[6].storedText ?? ""
    reported = v[7].storedText ?? ""
    source = v[8].storedText ?? ""
    scaling = v[9].storedText ?? ""
    morphology = codeList(v[10])
    bodySites = codeList(v[11])
    severity = v[12].storedText
    itch = v[13].storedInteger.map { Int($0) }
    description = v[14].storedText
    start = v[15].storedText ?? ""
    hasFollowUps = v[16].storedInteger == 1
    withdrawnReason = v[17].storedText
    seriousness = Vocabulary.seriousness.codes.filter(codeList(v[18]).contains)
    lastDose = v.count > 19 ? v[19].storedText : nil
  }

  /// A validated case, with the state and withdrawal an import gives it, as the export would show it once stored.
  init(_ checked: ValidatedCase, state: FollowUpState?, withdrawnReason: String?) {
    id = 0
    patientID = checked.patient.id
    site = checked.patient.site
    patientCode = checked.patient.code
    uuid = checked.uuid
    category = checked.category
    onset = checked.onset.iso
    reported = checked.reported.iso
    source = checked.source
    scaling = checked.scaling
    morphology = checked.morphology.sorted()
    bodySites = checked.bodySites.sorted()
    severity = checked.severity
    itch = checked.itch
    description = checked.description
    start = checked.patient.start.iso
    hasFollowUps = state != nil
    self.state = state
    self.withdrawnReason = withdrawnReason
  }

  var identifiedValues: [ExportValue] {
    [.text(uuid), .text(site), .text(patientCode), .text(category), .text(onset), .text(reported), .text(source),
     .text(scaling), .list(morphology), .list(bodySites), ExportValue(severity), ExportValue(itch),
     ExportValue(description), .list(state?.actions ?? []), .list(state?.treatments ?? []),
     ExportValue(state?.dechallenge), ExportValue(state?.rechallenge), ExportValue(state?.outcome),
     ExportValue(state?.outcomeDate?.iso), ExportValue(state?.biopsy), ExportValue(withdrawnReason)]
  }

  func deidentifiedValues(ref: String) -> [ExportValue] {
    let startDay = Day(iso: start)
    func days(_ date: Day?) -> ExportValue { ExportValue(both(date, startDay).map { $0.days(since: $1) }) }
    let onsetDay = Day(iso: onset)
    return [
      .text(ref), .text(category), days(onsetDay), days(Day(iso: reported)),
      ExportValue(both(onsetDay, lastDose.flatMap(Day.init(iso:))).map { $0.days(since: $1) }), .text(source),
      .text(scaling), .list(morphology), .list(bodySites), ExportValue(severity), ExportValue(itch),
      .list(state?.actions ?? []), .list(state?.treatments ?? []), ExportValue(state?.dechallenge),
      ExportValue(state?.rechallenge), ExportValue(state?.outcome), days(state?.outcomeDate), .list(seriousness),
    ]
  }
}

/// Both values when both exist.
private func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
  guard let a, let b else { return nil }
  return (a, b)
}

extension DatabaseValue {
  /// The text of a TEXT value; nil for NULL or another type.
  var storedText: String? {
    if case .text(let string) = self { return string }
    return nil
  }

  /// The number of an INTEGER value; nil for NULL or another type.
  var storedInteger: Int64? {
    if case .integer(let number) = self { return number }
    return nil
  }
}

/// A `;`-joined list of codes from `group_concat`.
private func codeList(_ value: DatabaseValue) -> [String] {
  guard let joined = value.storedText, !joined.isEmpty else { return [] }
  return joined.split(separator: ";").map(String.init)
}
