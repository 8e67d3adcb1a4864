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
        (SELECT code FROM patient_risk_factor r WHERE r.patient_id = p.id ORDER BY code)) AS risk_factors
    FROM patient p
    """

  /// Decodes a row of `select` by column name.
  /// - Throws: `DatabaseError` naming a column that is missing, or NULL where the schema forbids it.
  init(row: Row) throws {
    site = try row.decode(String.self, column: "site")
    code = try row.decode(String.self, column: "code")
    uuid = try row.decode(String.self, column: "uuid")
    sex = try row.decode(String.self, column: "sex")
    birthYear = try row.decode(Int?.self, column: "birth_year")
    start = try row.decode(String.self, column: "start_date")
    stop = try row.decode(String?.self, column: "stop_date")
    stopReason = try row.decode(String?.self, column: "stop_reason")
    regimen = try row.decode(String.self, column: "regimen")
    intervalDays = try row.decode(Int.self, column: "interval_days")
    riskFactors = codeList(try row.value("risk_factors"))
  }

  /// A validated patient as the export would show it once stored.
  init(_ patient: Patient) {
    site = patient.site
    code = patient.code
    uuid = patient.uuid
    sex = patient.sex.rawValue
    birthYear = patient.birthYear
    start = patient.start.iso
    stop = patient.stop?.iso
    stopReason = patient.stopReason
    regimen = patient.regimen
    intervalDays = patient.intervalDays
    riskFactors = patient.riskFactors.sorted().codes
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
