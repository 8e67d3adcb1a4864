import AdregDatabase

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
