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
  var lastDose: String?

  /// The columns shared by every case query; callers add FROM, WHERE and ORDER BY.
  static func select(lastDose: Bool) -> String {
    """
    SELECT c.id, p.id, p.site, p.code, c.uuid, c.category, c.onset_date, c.reported_date, c.source, c.scaling,
      (SELECT group_concat(code, ';') FROM (SELECT code FROM case_morphology m WHERE m.case_id = c.id ORDER BY code)),
      (SELECT group_concat(code, ';') FROM (SELECT code FROM case_body_site s WHERE s.case_id = c.id ORDER BY code)),
      c.severity, c.itch, c.description, p.start_date,
      EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id),
      (SELECT reason FROM case_withdrawal w WHERE w.case_id = c.id)
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
    lastDose = v.count > 18 ? v[18].storedText : nil
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
      .list(state?.actions ?? []), .list(state?.treatments ?? []), ExportValue(state?.dechallenge),
      ExportValue(state?.rechallenge), ExportValue(state?.outcome), days(state?.outcomeDate),
    ]
  }
}
