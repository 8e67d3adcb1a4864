import AdregDatabase

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
  /// The seriousness criteria (E.i.3.2), in the vocabulary's order.
  var seriousness: [String] = []
  var lastDose: String?

  /// The columns shared by every case query; callers add FROM, WHERE and ORDER BY. The case id comes first and
  /// the patient id second: the de-identified export walks them by position.
  static func select(lastDose: Bool) -> String {
    """
    SELECT c.id AS case_id, p.id AS patient_id, p.site, p.code AS patient_code, c.uuid, c.category, c.onset_date,
      c.reported_date, c.source, c.scaling,
      (SELECT group_concat(code, ';') FROM (SELECT code FROM case_morphology m WHERE m.case_id = c.id ORDER BY code))
        AS morphology,
      (SELECT group_concat(code, ';') FROM (SELECT code FROM case_body_site s WHERE s.case_id = c.id ORDER BY code))
        AS body_sites,
      c.severity, c.itch, c.description, p.start_date,
      EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id) AS has_follow_ups,
      (SELECT reason FROM case_withdrawal w WHERE w.case_id = c.id) AS withdrawn_reason,
      (SELECT group_concat(code, ';') FROM case_seriousness k WHERE k.case_id = c.id) AS seriousness
    """
      + (lastDose
        ? ", (SELECT max(dose_date) FROM dose d WHERE d.patient_id = p.id AND d.dose_date <= c.onset_date) AS last_dose"
        : "")
  }

  /// Decodes a row of `select` by column name; `last_dose` may be left out.
  /// - Throws: `DatabaseError` naming a column that is missing, or NULL where the schema forbids it.
  init(row: Row) throws {
    id = try row.decode(Int64.self, column: "case_id")
    patientID = try row.decode(Int64.self, column: "patient_id")
    site = try row.decode(String.self, column: "site")
    patientCode = try row.decode(String.self, column: "patient_code")
    uuid = try row.decode(String.self, column: "uuid")
    category = try row.decode(String.self, column: "category")
    onset = try row.decode(String.self, column: "onset_date")
    reported = try row.decode(String.self, column: "reported_date")
    source = try row.decode(String.self, column: "source")
    scaling = try row.decode(String.self, column: "scaling")
    morphology = codeList(try row.value("morphology"))
    bodySites = codeList(try row.value("body_sites"))
    severity = try row.decode(String?.self, column: "severity")
    itch = try row.decode(Int?.self, column: "itch")
    description = try row.decode(String?.self, column: "description")
    start = try row.decode(String.self, column: "start_date")
    hasFollowUps = try row.decode(Int.self, column: "has_follow_ups") == 1
    withdrawnReason = try row.decode(String?.self, column: "withdrawn_reason")
    seriousness = Vocabulary.seriousness.codes.filter(codeList(try row.value("seriousness")).contains)
    lastDose = try row["last_dose"].map { _ in try row.decode(String?.self, column: "last_dose") } ?? nil
  }

  /// A validated case, with the state and withdrawal an import gives it, as the export would show it once stored.
  init(_ checked: ValidatedCase, state: FollowUpState?, withdrawnReason: String?) {
    id = 0
    patientID = checked.patient.id
    site = checked.patient.site
    patientCode = checked.patient.code
    uuid = checked.uuid
    category = checked.category.rawValue
    onset = checked.onset.iso
    reported = checked.reported.iso
    source = checked.source.rawValue
    scaling = checked.scaling.rawValue
    morphology = checked.morphology.sorted().codes
    bodySites = checked.bodySites.sorted().codes
    severity = checked.severity?.rawValue
    itch = checked.itch
    description = checked.description
    start = checked.patient.start.iso
    hasFollowUps = state != nil
    self.state = state
    self.withdrawnReason = withdrawnReason
    seriousness = SeriousnessCriterion.allCases.filter(checked.seriousness.contains).codes
  }

  var identifiedValues: [ExportValue] {
    [.text(uuid), .text(site), .text(patientCode), .text(category), .text(onset), .text(reported), .text(source),
     .text(scaling), .list(morphology), .list(bodySites), ExportValue(severity), ExportValue(itch),
     ExportValue(description), .list(state?.actions.codes ?? []), .list(state?.treatments.codes ?? []),
     ExportValue(state?.dechallenge?.rawValue), ExportValue(state?.rechallenge?.rawValue),
     ExportValue(state?.outcome?.rawValue),
     ExportValue(state?.outcomeDate?.iso), ExportValue(state?.biopsy), ExportValue(withdrawnReason), .list(seriousness)]
  }

  /// - Parameter caseRef: the case's `C-` number in a package; nil for `export cases` alone, which has no such column.
  func deidentifiedValues(ref: String, caseRef: String?) -> [ExportValue] {
    let startDay = Day(iso: start)
    func days(_ date: Day?) -> ExportValue { ExportValue(both(date, startDay).map { $0.days(since: $1) }) }
    let onsetDay = Day(iso: onset)
    let refs: [ExportValue] = [.text(ref)] + (caseRef.map { [.text($0)] } ?? [])
    return refs + [
      .text(category), days(onsetDay), days(Day(iso: reported)),
      ExportValue(both(onsetDay, lastDose.flatMap(Day.init(iso:))).map { $0.days(since: $1) }), .text(source),
      .text(scaling), .list(morphology), .list(bodySites), ExportValue(severity), ExportValue(itch),
      .list(state?.actions.codes ?? []), .list(state?.treatments.codes ?? []),
      ExportValue(state?.dechallenge?.rawValue), ExportValue(state?.rechallenge?.rawValue),
      ExportValue(state?.outcome?.rawValue), days(state?.outcomeDate), .list(seriousness),
    ]
  }
}
