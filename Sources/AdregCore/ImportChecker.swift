import AdregDatabase
import AdregFormats

/// An import row after its checks: what to write, or why not.
enum CheckedRow: Sendable {
  case patient(CheckedPatient)
  case reaction(CheckedCase)
  /// A dose or a visit.
  case contact(CheckedContact)
  case followUp(CheckedFollowUp)
  /// The row breaks a rule (`invalidData`), or checking it failed (any other kind, which stops the import);
  /// nothing of it is written.
  case invalid(line: Int, fields: [String], error: RegistryError)
}

struct CheckedPatient: Sendable {
  var line: Int
  var fields: [String]
  var patient: Patient
  var uuidGiven: Bool
}

struct CheckedCase: Sendable {
  var line: Int
  var fields: [String]
  var checked: ValidatedCase
  var followUps: [FollowUp]
  var withdrawnReason: String?
  var uuidGiven: Bool
  var reportedGiven: Bool
  /// False when the file's follow-up columns were not read (a package): the stored state then stands.
  var stateGiven: Bool
  /// False when the file has no seriousness column (written before it had one): the stored criteria then stand.
  var seriousnessGiven = true
}

/// Turns the rows of an import file into checked rows: the rules of `patient add` and `record`, worded for
/// columns. A case's patient is looked up through a read-only connection of the checker's own, so the checks
/// can run on another thread than the one writing the import; an import is a transaction of its own, so the
/// patients it looks up were committed before it began.
final class ImportChecker {
  /// What the checks need to know, fixed when the import starts.
  struct Configuration: Sendable {
    var registryPath: String
    var kind: RecordKind
    var header: ImportHeader
    var defaultSite: String
    var checks: RowChecks
    /// The import's time stamp and user, recorded on imported follow-ups.
    var createdAt: String
    var user: String
    /// Patients and cases written earlier in the same transaction (a package import), which the checker's own
    /// connection cannot see; nil to look them up in the registry.
    var lookups: ImportLookups? = nil
    /// Whether a cases file's follow-up columns become follow-ups; a package builds them from followups.csv.
    var followUpsFromState = true
  }

  let configuration: Configuration
  /// Positions of the known columns in the file, in `kind.columns` order; nil when the file lacks one.
  private let positions: [Int?]
  private(set) var fields: [String] = []
  /// The patient and case columns' positions, found by name once.
  private let p: PatientColumns
  private let c: CaseColumns
  /// The dose, visit and follow-up columns' positions, found by name once: a lookup by name on every row cost a
  /// fifth of a follow-up import.
  let contactColumns: ContactColumns
  let followUpColumns: FollowUpColumns
  /// Cases, doses and visits need their patient, follow-ups their case; patients need no lookup, so their
  /// checker opens no connection.
  private let lookup: Connection?
  let findPatient: Statement?
  let findCase: Statement?
  /// Rows usually come grouped by patient: the last patient found saves a lookup per row.
  var lastPatient: Patient?
  var lastCase: CaseKey?

  /// - Throws: `DatabaseError` when a case import cannot open its own connection to the registry.
  init(_ configuration: Configuration) throws {
    self.configuration = configuration
    positions = configuration.kind.columns.map { configuration.header.index[$0] }
    // Each column's position in `kind.columns`.
    let positions = Dictionary(
      configuration.kind.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    func at(_ name: String) -> Int { positions[name] ?? -1 }
    p = PatientColumns(
      site: at("site"), code: at("code"), uuid: at("uuid"), sex: at("sex"), birthYear: at("birth_year"),
      start: at("start_date"), stop: at("stop_date"), stopReason: at("stop_reason"), regimen: at("regimen"),
      intervalDays: at("interval_days"), riskFactors: at("risk_factors"))
    c = CaseColumns(
      uuid: at("uuid"), site: at("site"), patientCode: at("patient_code"), category: at("category"),
      onset: at("onset_date"), reported: at("reported_date"), source: at("source"), scaling: at("scaling"),
      morphology: at("morphology"), bodySites: at("body_sites"), severity: at("severity"), itch: at("itch"),
      description: at("description"), actions: at("actions"), treatments: at("treatments"),
      dechallenge: at("dechallenge"), rechallenge: at("rechallenge"), outcome: at("outcome"),
      outcomeDate: at("outcome_date"), biopsy: at("biopsy"), withdrawnReason: at("withdrawn_reason"),
      seriousness: at("seriousness"))
    contactColumns = ContactColumns(
      site: at("site"), patientCode: at("patient_code"),
      date: at(configuration.kind == .doses ? "dose_date" : "visit_date"), note: at("note"))
    followUpColumns = FollowUpColumns(
      caseUUID: at("case_uuid"), sequence: at("sequence"), action: at("action"), treatments: at("treatments"),
      dechallenge: at("dechallenge"), rechallenge: at("rechallenge"), outcome: at("outcome"),
      outcomeDate: at("outcome_date"), biopsy: at("biopsy"), note: at("note"), recordedAt: at("recorded_at"),
      recordedBy: at("recorded_by"))
    if configuration.kind != .patients, configuration.lookups == nil {
      let connection = try Connection(path: configuration.registryPath, mode: .readOnly)
      lookup = connection
      findPatient = try connection.prepare("SELECT id, start_date, stop_date FROM patient WHERE site = ? AND code = ?")
      findCase = try connection.prepare(
        "SELECT c.id, c.onset_date FROM case_report c WHERE c.uuid = ?")
    } else {
      lookup = nil
      findPatient = nil
      findCase = nil
    }
  }

  /// Checks one record of the file.
  func check(_ record: CSVRecord) -> CheckedRow {
    fields = record.fields
    do {
      guard fields.count == configuration.header.fields.count else {
        throw RegistryError.invalid(
          "the row has \(fields.count) field(s), the header \(configuration.header.fields.count); check for a missing or extra comma, or an unquoted comma in a text")
      }
      switch configuration.kind {
      case .patients: return .patient(try checkPatient(line: record.line))
      case .cases: return .reaction(try checkCase(line: record.line))
      case .doses, .visits: return .contact(try checkContact(line: record.line))
      case .followups: return .followUp(try checkFollowUp(line: record.line))
      }
    } catch let error as RegistryError {
      return .invalid(line: record.line, fields: fields, error: error)
    } catch let error as DatabaseError {
      // A failed lookup is the registry's trouble, not the row's: the writer stops the import with it.
      return .invalid(line: record.line, fields: fields, error: RegistryError.from(error))
    } catch {
      return .invalid(line: record.line, fields: fields, error: RegistryError(.failure, "\(error)"))
    }
  }

  // MARK: - Fields

  /// The field of the column at `position` in `kind.columns` as stored: exactly as written, but for the `'` an
  /// export puts before a text a spreadsheet would read as a formula; "" when the file lacks it.
  func raw(_ position: Int) -> String {
    guard positions.indices.contains(position), let index = positions[position] else { return "" }
    return CSVFormat.unescapingFormula(fields[index])
  }

  /// A code, number or date: spaces a spreadsheet left around it do not count.
  func value(_ position: Int) -> String {
    raw(position).trimmedSpaces()
  }

  func optional(_ position: Int) -> String? {
    let text = value(position)
    return text.isEmpty ? nil : text
  }

  /// Free text is kept exactly, spaces included; only an empty field means "none".
  func optionalText(_ position: Int) -> String? {
    let text = raw(position)
    return text.isEmpty ? nil : text
  }

  /// A `;`-separated list, split on its bytes: `;` is ASCII, so no character is cut, and no grapheme is formed.
  func list(_ position: Int) -> [String] {
    let text = raw(position)
    if text.isEmpty { return [] }
    return text.utf8.split(separator: UInt8(ascii: ";")).compactMap { part in
      let item = String(Substring(part)).trimmedSpaces()
      return item.isEmpty ? nil : item
    }
  }

  // MARK: - Patients

  private func checkPatient(line: Int) throws -> CheckedPatient {
    var draft = PatientDraft(code: value(p.code), start: value(p.start))
    draft.sex = optional(p.sex) ?? "unknown"
    draft.birthYear = optional(p.birthYear)
    draft.regimen = optionalText(p.regimen)
    draft.intervalDays = optional(p.intervalDays)
    draft.riskFactors = list(p.riskFactors)
    draft.stop = optional(p.stop)
    draft.stopReason = optionalText(p.stopReason)
    draft.uuid = optional(p.uuid)
    let patient = try configuration.checks.patient(draft, site: optional(p.site) ?? configuration.defaultSite)
    return CheckedPatient(line: line, fields: fields, patient: patient, uuidGiven: draft.uuid != nil)
  }

  // MARK: - Cases

  private func checkCase(line: Int) throws -> CheckedCase {
    let site = optional(c.site) ?? configuration.defaultSite
    let code = value(c.patientCode)
    let patient = try patient(site: site, code: code)
    var draft = CaseDraft(patientCode: code, category: value(c.category), onset: value(c.onset))
    draft.site = site
    draft.reported = optional(c.reported)
    draft.source = optional(c.source)
    draft.scaling = optional(c.scaling)
    draft.morphology = list(c.morphology)
    draft.bodySites = list(c.bodySites)
    draft.severity = optional(c.severity)
    draft.itch = optional(c.itch)
    draft.description = optionalText(c.description)
    draft.uuid = optional(c.uuid)
    draft.seriousness = list(c.seriousness)
    let checked = try configuration.checks.reaction(draft, patient: patient)
    // A package builds follow-ups from followups.csv; a row with empty follow-up columns says nothing about them,
    // so the follow-ups already stored stand.
    let followUps = configuration.followUpsFromState ? try checkedFollowUps(onset: checked.onset) : []
    let withdrawnReason = try optionalText(c.withdrawnReason).map {
      try Validate.requiredText($0, field: "withdrawn_reason")
    }
    return CheckedCase(
      line: line, fields: fields, checked: checked, followUps: followUps, withdrawnReason: withdrawnReason,
      uuidGiven: draft.uuid != nil, reportedGiven: draft.reported != nil,
      stateGiven: !followUps.isEmpty, seriousnessGiven: configuration.header.index["seriousness"] != nil)
  }

  func patient(site: String, code: String) throws -> Patient {
    if let lastPatient, lastPatient.code == code, lastPatient.site == site { return lastPatient }
    guard !code.isEmpty else { throw RegistryError.invalid("patient_code is empty; give the patient's code") }
    var found: PatientKey?
    if let lookups = configuration.lookups {
      found = lookups.patients[ImportLookups.key(site, code)]
    } else {
      try findPatient?.forEachRow([site, code]) { row in
        if let start = Day(iso: try row.text(at: 1)) {
          found = PatientKey(id: try row.integer(at: 0), start: start, stop: try row.optionalText(at: 2).flatMap(Day.init(iso:)))
        }
      }
    }
    guard let found else {
      throw RegistryError.invalid(
        "patient_code: unknown patient \(Validate.shortened(code)) in site \(Validate.shortened(site)); import the patients file first, or check the code and the site column")
    }
    // Case checks need only the patient's identity and treatment start.
    let patient = Patient(
      id: found.id, uuid: "", site: site, code: code, sex: .unknown, birthYear: nil, start: found.start,
      stop: found.stop,
      stopReason: nil, regimen: "", intervalDays: PatientDraft.defaultIntervalDays, riskFactors: [], createdAt: "")
    lastPatient = patient
    return patient
  }

  /// The follow-up columns as the follow-ups to append: every action but the last alone, in order,
  /// then one follow-up with the last action and the rest of the state. Empty when the columns are.
  ///
  /// The checks are those of `case update`, worded for columns.
  private func checkedFollowUps(onset: Day) throws -> [FollowUp] {
    let actions = try RecordField.action.checking { try list(c.actions).map { try Action(parsing: $0) } }
    var draft = FollowUpDraft()
    draft.treatments = list(c.treatments)
    draft.dechallenge = optional(c.dechallenge)
    draft.rechallenge = optional(c.rechallenge)
    draft.outcome = optional(c.outcome)
    draft.outcomeDate = optional(c.outcomeDate)
    draft.biopsy = optionalText(c.biopsy)
    var last = try configuration.checks.followUp(draft, onset: onset)
    guard !actions.isEmpty || !last.isEmpty else { return [] }
    last.recordedAt = configuration.createdAt
    last.recordedBy = configuration.user
    var result = actions.dropLast().map { action in
      FollowUp(
        id: 0, action: action, treatments: [], dechallenge: nil, rechallenge: nil, outcome: nil, outcomeDate: nil,
        biopsy: nil, note: nil, recordedAt: last.recordedAt, recordedBy: last.recordedBy)
    }
    last.action = actions.last
    result.append(last)
    return result
  }
}

/// Where each patient column is in `RecordKind.patients.columns`; -1 for a column another kind's file has not.
private struct PatientColumns {
  let site, code, uuid, sex, birthYear, start, stop, stopReason, regimen, intervalDays, riskFactors: Int
}

/// Where each dose or visit column is in its kind's columns; `date` is `dose_date` or `visit_date`.
struct ContactColumns {
  let site, patientCode, date, note: Int
}

/// Where each follow-up column is in `RecordKind.followups.columns`.
struct FollowUpColumns {
  let caseUUID, sequence, action, treatments, dechallenge, rechallenge, outcome, outcomeDate, biopsy, note,
    recordedAt, recordedBy: Int
}

/// Where each case column is in `RecordKind.cases.columns`.
private struct CaseColumns {
  let uuid, site, patientCode, category, onset, reported, source, scaling, morphology, bodySites, severity, itch,
    description, actions, treatments, dechallenge, rechallenge, outcome, outcomeDate, biopsy, withdrawnReason,
    seriousness: Int
}
