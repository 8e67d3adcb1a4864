import AdregFormats
import Foundation
@testable import AdregCore

/// A synthetic cohort made in memory and read back with the CSV reader, by column name.
struct SynthCohort {
  struct Patient {
    var start: Day
    var stop: Day?
    var stopReason: String
    var interval: Int
    var risks: [String]
    var doses: [Day] = []
    var visits: [Day] = []
  }

  var patients: [String: Patient] = [:]
  var cases: [[String: String]] = []
  var followUps: [[String: String]] = []
  /// Each file's bytes, by file name.
  var files: [String: [UInt8]] = [:]
  var summary: SynthSummary

  static let asOf = Day(year: 2025, month: 6, day: 30) ?? Day(number: 0)

  /// - Parameter contacts: whether to read doses.csv and visits.csv too (the slowest part in a debug build).
  init(patients count: Int, seed: UInt64, contacts: Bool = true, clinic: SynthClinic = SynthClinic()) throws {
    var sinks = SynthFiles(patients: ByteSink(), doses: ByteSink(), visits: ByteSink(), cases: ByteSink(), followUps: ByteSink())
    summary = try Synth.generate(SynthOptions(patients: count, seed: seed, asOf: Self.asOf, clinic: clinic), into: &sinks)
    let all = [sinks.patients, sinks.doses, sinks.visits, sinks.cases, sinks.followUps].map(\.bytes)
    files = Dictionary(uniqueKeysWithValues: zip(SynthFiles<ByteSink>.names, all))
    for row in try Self.rows(all[0]) {
      guard let start = Day(iso: row["start_date", default: ""]) else { throw SynthCohortError.badRow(row) }
      patients[row["code", default: ""]] = Patient(
        start: start, stop: Day(iso: row["stop_date", default: ""]), stopReason: row["stop_reason", default: ""],
        interval: Int(row["interval_days", default: ""]) ?? 0,
        risks: row["risk_factors", default: ""].split(separator: ";").map(String.init))
    }
    if contacts {
      try Self.forEachDate(all[1], column: "dose_date") { code, day in patients[code]?.doses.append(day) }
      try Self.forEachDate(all[2], column: "visit_date") { code, day in patients[code]?.visits.append(day) }
    }
    cases = try Self.rows(all[3])
    followUps = try Self.rows(all[4])
  }

  /// The one large cohort the rate and pattern tests share, made once, read without its doses and visits.
  static let shared: Result<SynthCohort, any Error> = Result { try SynthCohort(patients: 20_000, seed: 1, contacts: false) }

  /// A smaller cohort read with its doses and visits, for the tests of schedules and contacts.
  static let withContacts: Result<SynthCohort, any Error> = Result { try SynthCohort(patients: 5_000, seed: 2) }

  static func rows(_ bytes: [UInt8]) throws -> [[String: String]] {
    let reader = CSVReader(bytes: bytes)
    guard let header = try reader.next()?.fields else { throw SynthCohortError.badRow([:]) }
    var rows: [[String: String]] = []
    while let record = try reader.next() {
      rows.append(Dictionary(uniqueKeysWithValues: zip(header, record.fields)))
    }
    return rows
  }

  /// Each row's patient code and date, for the large dose and visit files (read without a dictionary per row).
  static func forEachDate(_ bytes: [UInt8], column: String, _ body: (String, Day) throws -> Void) throws {
    let reader = CSVReader(bytes: bytes)
    guard let header = try reader.next()?.fields, let code = header.firstIndex(of: "patient_code"),
      let date = header.firstIndex(of: column)
    else { throw SynthCohortError.badRow([:]) }
    while let record = try reader.next() {
      guard let day = Day(iso: record.fields[date]) else { throw SynthCohortError.badRow(["row": record.fields.joined(separator: ",")]) }
      try body(record.fields[code], day)
    }
  }

  /// Percent of patients with at least one case of the category among `eligible` patients.
  func percent(_ category: String, among eligible: (Patient) -> Bool = { _ in true }) -> Double {
    let codes = patients.filter { eligible($0.value) }.map(\.key)
    let withCase = Set(cases.filter { $0["category"] == category }.map { $0["patient_code", default: ""] })
    return 100 * Double(codes.filter(withCase.contains).count) / Double(max(1, codes.count))
  }

  /// The patient's latest contact: start, doses, visits, and the dates of their cases and follow-ups.
  func lastContacts() -> [String: Day] {
    var last = patients.mapValues { ([$0.start] + $0.doses + $0.visits).max() ?? $0.start }
    var caseOwner: [String: String] = [:]
    for row in cases {
      let code = row["patient_code", default: ""]
      caseOwner[row["uuid", default: ""]] = code
      for column in ["onset_date", "reported_date", "outcome_date"] {
        if let day = Day(iso: row[column, default: ""]), day > last[code, default: day] { last[code] = day }
      }
    }
    for row in followUps {
      guard let code = caseOwner[row["case_uuid", default: ""]] else { continue }
      if let day = Day(iso: String(row["recorded_at", default: ""].prefix(10))), day > last[code, default: day] { last[code] = day }
    }
    return last
  }
}

enum SynthCohortError: Error {
  case badRow([String: String])
}
