/// A patient as the patients file shows it.
///
/// Its fields are the patient's (`row.uuid` is `row.patient.uuid`), read with `PatientStore.select`, so the export
/// and an import's comparison with the stored patient read one type.
@dynamicMemberLookup
struct PatientExportRow: Equatable {
  /// The patient, stored or validated from a row of a file; its risk factors by code.
  var patient: Patient

  init(_ patient: Patient) {
    self.patient = patient
    self.patient.riskFactors.sort()
  }

  /// A field of the patient, read and set on `patient`.
  subscript<Value>(dynamicMember field: WritableKeyPath<Patient, Value>) -> Value {
    get { patient[keyPath: field] }
    set { patient[keyPath: field] = newValue }
  }

  /// The values of the identified patients file, in its column order.
  var identifiedValues: [ExportValue] {
    let p = patient
    return [
      .text(p.site), .text(p.code), .text(p.uuid), .text(p.sex.rawValue), ExportValue(p.birthYear), .text(p.start.iso),
      ExportValue(p.stop?.iso), ExportValue(p.stopReason), .text(p.regimen), .int(p.intervalDays),
      .list(p.riskFactors.codes),
    ]
  }

  /// The values of the de-identified patients file: ages and days instead of dates, `ref` instead of code and uuid.
  func deidentifiedValues(ref: String, today: Day) -> [ExportValue] {
    let p = patient
    let observed = max(0, min(p.stop ?? today, today).days(since: p.start) + 1)
    return [
      .text(ref), .text(p.site), .text(p.sex.rawValue), ExportValue(p.birthYear.map { p.start.year - $0 }),
      ExportValue(p.stop.map { $0.days(since: p.start) }), ExportValue(observed), .int(p.intervalDays),
      .list(p.riskFactors.codes),
    ]
  }
}
