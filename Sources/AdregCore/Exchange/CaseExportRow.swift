import AdregDatabase

/// A case as the cases file shows it: the stored case, and the state of its follow-ups.
///
/// Its fields are the record's (`row.uuid` is `row.record.uuid`), so the export, an import's comparison with the
/// stored case and `case show` read one type.
@dynamicMemberLookup
struct CaseExportRow: Equatable {
  /// The case, read with `CaseStore.columns` or made from a row of a file.
  var record: CaseRecord
  /// The latest value of each follow-up field; nil for a case without follow-ups.
  var state: FollowUpState?

  /// A stored case, with the state of its follow-ups.
  init(_ record: CaseRecord) {
    self.record = record
    state = record.followUps.isEmpty ? nil : record.current
  }

  /// A validated case, with the state and withdrawal an import gives it, as the export would show it once stored.
  init(_ checked: ValidatedCase, state: FollowUpState?, withdrawnReason: String?) {
    record = CaseRecord(
      id: 0, uuid: checked.uuid, patientID: checked.patient.id, site: checked.patient.site,
      patientCode: checked.patient.code, category: checked.category, onset: checked.onset, reported: checked.reported,
      source: checked.source, scaling: checked.scaling, morphology: checked.morphology.sorted(),
      bodySites: checked.bodySites.sorted(), severity: checked.severity, itch: checked.itch,
      description: checked.description,
      seriousness: SeriousnessCriterion.allCases.filter(checked.seriousness.contains),
      createdAt: "", createdBy: "",
      timing: CaseTiming(start: checked.patient.start, onset: checked.onset, reported: checked.reported, lastDose: nil),
      followUps: [], withdrawal: withdrawnReason.map { Withdrawal(reason: $0, at: "", by: "", duplicateOf: nil) })
    self.state = state
  }

  /// A field of the case, read and set on `record`.
  subscript<Value>(dynamicMember field: WritableKeyPath<CaseRecord, Value>) -> Value {
    get { record[keyPath: field] }
    set { record[keyPath: field] = newValue }
  }

  /// The values of the identified cases file, in its column order.
  var identifiedValues: [ExportValue] {
    let c = record
    return [
      .text(c.uuid), .text(c.site), .text(c.patientCode), .text(c.category.rawValue), .text(c.onset.iso),
      .text(c.reported.iso), .text(c.source.rawValue), .text(c.scaling.rawValue), .list(c.morphology.codes),
      .list(c.bodySites.codes), ExportValue(c.severity?.rawValue), ExportValue(c.itch), ExportValue(c.description),
      .list(state?.actions.codes ?? []), .list(state?.treatments.codes ?? []),
      ExportValue(state?.dechallenge?.rawValue), ExportValue(state?.rechallenge?.rawValue),
      ExportValue(state?.outcome?.rawValue), ExportValue(state?.outcomeDate?.iso), ExportValue(state?.biopsy),
      ExportValue(c.withdrawal?.reason), .list(c.seriousness.codes),
    ]
  }

  /// - Parameter caseRef: the case's `C-` number in a package; nil for `export cases` alone, which has no such column.
  func deidentifiedValues(ref: String, caseRef: String?) -> [ExportValue] {
    let c = record
    let sinceStart = c.timing.daysSinceStart
    let refs: [ExportValue] = [.text(ref)] + (caseRef.map { [.text($0)] } ?? [])
    return refs + [
      .text(c.category.rawValue), ExportValue(sinceStart), ExportValue(sinceStart + c.timing.reportingDelay),
      ExportValue(c.timing.daysSinceLastDose), .text(c.source.rawValue), .text(c.scaling.rawValue),
      .list(c.morphology.codes), .list(c.bodySites.codes), ExportValue(c.severity?.rawValue), ExportValue(c.itch),
      .list(state?.actions.codes ?? []), .list(state?.treatments.codes ?? []),
      ExportValue(state?.dechallenge?.rawValue), ExportValue(state?.rechallenge?.rawValue),
      ExportValue(state?.outcome?.rawValue),
      ExportValue(state?.outcomeDate.map { $0.days(since: c.onset) + sinceStart }), .list(c.seriousness.codes),
    ]
  }
}
