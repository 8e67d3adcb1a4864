import AdregDatabase

/// A dose or visit row after its checks.
struct CheckedContact: Sendable {
  var line: Int
  var fields: [String]
  var patientID: Int64
  var patientCode: String
  var date: Day
  /// A visit's note; doses have none.
  var note: String?
}

/// A follow-up row after its checks: the `sequence`-th follow-up of its case.
struct CheckedFollowUp: Sendable {
  var line: Int
  var fields: [String]
  var caseID: Int64
  var caseUUID: String
  var sequence: Int
  var followUp: FollowUp
  /// A time or user the file leaves out takes the import's, and matches any stored one.
  var recordedAtGiven: Bool
  var recordedByGiven: Bool
}

/// A patient as the checks of its rows need it.
struct PatientKey: Sendable {
  var id: Int64
  var start: Day
  var stop: Day?
}

/// A case as the checks of its follow-ups need it.
struct CaseKey: Sendable {
  var id: Int64
  var uuid: String
  var onset: Day
}

/// Patients and cases known before the checks start, for a package whose files are written in one transaction.
struct ImportLookups: Sendable {
  /// By `key(site, code)`.
  var patients: [String: PatientKey] = [:]
  /// By uuid.
  var cases: [String: CaseKey] = [:]

  static func key(_ site: String, _ code: String) -> String { site + "\u{0}" + code }
}

extension ImportChecker {
  /// A dose (`dose_date`) or a visit (`visit_date`, `note`) of a patient: on a past day within treatment.
  func checkContact(line: Int) throws -> CheckedContact {
    let columns = contactColumns
    let site = optional(columns.site) ?? configuration.defaultSite
    let code = value(columns.patientCode)
    let patient = try patient(site: site, code: code)
    let dose = configuration.kind == .doses
    let column = dose ? "dose_date" : "visit_date"
    let date = try Validate.pastDate(value(columns.date), field: column, today: configuration.checks.today)
    guard date >= patient.start else {
      throw RegistryError.invalid(
        "\(column): \(date.iso) is before the treatment start \(patient.start.iso); \(dose ? "a dose must fall within treatment" : "a visit before the first dose is not follow-up on treatment")")
    }
    if dose, let stop = patient.stop, date > stop {
      throw RegistryError.invalid(
        "\(column): \(date.iso) is after treatment stopped on \(stop.iso); a dose must fall within treatment")
    }
    let note = try dose ? nil : optionalText(columns.note).map { try Validate.text($0, field: "note") }
    return CheckedContact(line: line, fields: fields, patientID: patient.id, patientCode: code, date: date, note: note)
  }

  /// A follow-up of a case: the checks of `case update`, worded for columns.
  func checkFollowUp(line: Int) throws -> CheckedFollowUp {
    let columns = followUpColumns
    let reaction = try caseKey(uuid: value(columns.caseUUID))
    let sequenceText = value(columns.sequence)
    let sequence = try Validate.integer(sequenceText, field: "sequence", in: 1...1_000_000)
    let checks = configuration.checks
    var draft = FollowUpDraft()
    draft.action = optional(columns.action)
    draft.treatments = list(columns.treatments)
    draft.dechallenge = optional(columns.dechallenge)
    draft.rechallenge = optional(columns.rechallenge)
    draft.outcome = optional(columns.outcome)
    draft.outcomeDate = optional(columns.outcomeDate)
    draft.biopsy = optionalText(columns.biopsy)
    draft.note = optionalText(columns.note)
    var followUp = try checks.followUp(draft, onset: reaction.onset)
    guard !followUp.isEmpty else {
      throw RegistryError.invalid(
        "action: the follow-up is empty; fill at least one of action, treatments, dechallenge, rechallenge, outcome, biopsy, note")
    }
    followUp.recordedAt = configuration.createdAt
    followUp.recordedBy = configuration.user
    let recordedAt = optional(columns.recordedAt)
    if let recordedAt { followUp.recordedAt = try Self.utcTime(recordedAt, field: "recorded_at", today: checks.today) }
    let recordedBy = optionalText(columns.recordedBy)
    if let recordedBy {
      followUp.recordedBy = try Validate.requiredText(recordedBy, field: "recorded_by", multiline: false)
    }
    return CheckedFollowUp(
      line: line, fields: fields, caseID: reaction.id, caseUUID: reaction.uuid, sequence: sequence,
      followUp: followUp, recordedAtGiven: recordedAt != nil, recordedByGiven: recordedBy != nil)
  }

  /// The case a follow-up belongs to, by uuid.
  func caseKey(uuid text: String) throws -> CaseKey {
    guard !text.isEmpty else { throw RegistryError.invalid("case_uuid is empty; give the case's uuid") }
    let uuid = try Validate.uuid(text, field: "case_uuid")
    if let lastCase, lastCase.uuid == uuid { return lastCase }
    var found: CaseKey?
    if let lookups = configuration.lookups {
      found = lookups.cases[uuid]
    } else {
      try findCase?.forEachRow([uuid]) { row in
        if let onset = Day(iso: try row.text(at: 1)) { found = CaseKey(id: try row.integer(at: 0), uuid: uuid, onset: onset) }
      }
    }
    guard let found else {
      throw RegistryError.invalid(
        "case_uuid: unknown case \(uuid); import the cases file first, or check the uuid")
    }
    lastCase = found
    return found
  }

  /// A UTC time as adreg records it, `YYYY-MM-DDThh:mm:ss.sssZ` (the fraction optional, up to three digits), on a
  /// day not after today; returned with three digits of milliseconds.
  static func utcTime(_ text: String, field: String, today: Day) throws -> String {
    let bytes = Array(text.utf8)
    func digits(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[range] {
        guard (48...57).contains(byte) else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    let fractionOK =
      bytes.count == 20
      || (bytes.count > 21 && bytes.count <= 24 && bytes[19] == UInt8(ascii: ".") && digits(20..<bytes.count - 1) != nil)
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[10] == UInt8(ascii: "T"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), fractionOK,
      let day = Day(isoBytes: bytes[0..<10]),
      let hour = digits(11..<13), let minute = digits(14..<16), let second = digits(17..<19),
      hour < 24, minute < 60, second < 60
    else {
      throw RegistryError.invalid(
        "\(field): '\(Validate.shortened(text))' is not a UTC time; write it as YYYY-MM-DDThh:mm:ss.sssZ")
    }
    guard day <= today else {
      throw RegistryError.invalid("\(field): \(day.iso) is in the future; check the time")
    }
    // Stored as adreg records times, with three digits of milliseconds, so every export reads alike. Built as bytes
    // and decoded once: joining the parts as strings cost more than the rest of a follow-up row's checks.
    if bytes.count == 24 { return text }
    var stored = bytes[0..<19] + [UInt8(ascii: ".")]
    if bytes.count > 20 { stored += bytes[20..<bytes.count - 1] }
    while stored.count < 23 { stored.append(UInt8(ascii: "0")) }
    stored.append(UInt8(ascii: "Z"))
    return String(decoding: stored, as: UTF8.self)
  }
}
