import AdregFormats
import Foundation
import Testing
@testable import AdregCore

/// A synthetic cohort read back with the CSV reader, by column name.
private struct Cohort {
  struct Patient {
    var start: Day
    var stop: Day?
    var interval: Int
    var risks: [String]
  }

  var patients: [String: Patient] = [:]
  var cases: [[String: String]] = []
  var patientBytes: [UInt8]
  var caseBytes: [UInt8]

  static let asOf = Day(year: 2025, month: 6, day: 30) ?? Day(number: 0)

  init(patients count: Int, seed: UInt64) throws {
    var patientSink = ByteSink()
    var caseSink = ByteSink()
    try Synth.generate(
      SynthOptions(patients: count, seed: seed, asOf: Cohort.asOf), patients: &patientSink, cases: &caseSink)
    patientBytes = patientSink.bytes
    caseBytes = caseSink.bytes
    for row in try Self.rows(patientBytes) {
      guard let start = Day(iso: row["start_date", default: ""]) else { throw CohortError.badRow(row) }
      patients[row["code", default: ""]] = Patient(
        start: start,
        stop: Day(iso: row["stop_date", default: ""]), interval: Int(row["interval_days", default: ""]) ?? 0,
        risks: row["risk_factors", default: ""].split(separator: ";").map(String.init))
    }
    cases = try Self.rows(caseBytes)
  }

  /// The one large cohort the rate and pattern tests share, made once.
  static let shared: Result<Cohort, any Error> = Result { try Cohort(patients: 20_000, seed: 1) }

  static func rows(_ bytes: [UInt8]) throws -> [[String: String]] {
    let reader = CSVReader(bytes: bytes)
    guard let header = try reader.next()?.fields else { throw CohortError.badRow([:]) }
    var rows: [[String: String]] = []
    while let record = try reader.next() {
      rows.append(Dictionary(uniqueKeysWithValues: zip(header, record.fields)))
    }
    return rows
  }

  /// Percent of patients with at least one case of the category among `eligible` patients.
  func percent(_ category: String, among eligible: (Patient) -> Bool = { _ in true }) -> Double {
    let codes = patients.filter { eligible($0.value) }.map(\.key)
    let withCase = Set(cases.filter { $0["category"] == category }.map { $0["patient_code", default: ""] })
    return 100 * Double(codes.filter(withCase.contains).count) / Double(max(1, codes.count))
  }
}

private enum CohortError: Error {
  case badRow([String: String])
}

@Suite("Synthetic cohort")
struct SynthTests {
  @Test("the same seed gives the same files, another seed others")
  func reproducible() throws {
    let first = try Cohort(patients: 500, seed: 42)
    let again = try Cohort(patients: 500, seed: 42)
    let other = try Cohort(patients: 500, seed: 43)
    #expect(first.patientBytes == again.patientBytes)
    #expect(first.caseBytes == again.caseBytes)
    #expect(first.patientBytes != other.patientBytes)
  }

  @Test("rates on 20,000 patients are near the trial percentages of PRODUCT.md §8")
  func ratesNearReferences() throws {
    let cohort = try Cohort.shared.get()
    #expect(cohort.patients.count == 20_000)
    // Targets: eczema worsening ~5 %, facial redness 4–7 %, injection site ~10 %, conjunctivitis ~9 %.
    #expect(abs(cohort.percent("eczema-worsening") - 5) < 1.5)
    #expect((4...7).contains(cohort.percent("facial-redness")))
    #expect(abs(cohort.percent("injection-site") - 10) < 2)
    #expect(abs(cohort.percent("conjunctivitis") - 9) < 2)
    for category in ["seborrheic-like", "psoriasiform", "rosacea-like", "skin-infection", "other"] {
      #expect((0.1...4).contains(cohort.percent(category)), "\(category)")
    }
    // About a third of a case per patient: 250,000–400,000 cases per million patients.
    #expect((0.25...0.40).contains(Double(cohort.cases.count) / 20_000))
  }

  @Test("facial redness is mostly without scaling, on the face, weeks to months after the start")
  func facialRednessPattern() throws {
    let cohort = try Cohort.shared.get()
    let facial = cohort.cases.filter { $0["category"] == "facial-redness" }
    let absent = facial.filter { $0["scaling"] == "absent" }.count
    #expect(Double(absent) / Double(facial.count) > 0.7)
    #expect(facial.allSatisfy { $0["body_sites", default: ""].split(separator: ";").contains("face") })
    let onsetDays = facial.compactMap { row -> Int? in
      guard let patient = cohort.patients[row["patient_code", default: ""]], let onset = Day(iso: row["onset_date", default: ""])
      else { return nil }
      return onset.days(since: patient.start)
    }
    #expect(onsetDays.count == facial.count)
    #expect(onsetDays.allSatisfy { $0 >= 14 })
    let sorted = onsetDays.sorted()
    #expect((30...240).contains(sorted[sorted.count / 2]))
  }

  @Test("injection-site reactions begin within three days of a scheduled dose, at the injection site")
  func injectionSitePattern() throws {
    let cohort = try Cohort.shared.get()
    let reactions = cohort.cases.filter { $0["category"] == "injection-site" }
    #expect(reactions.count > 100)
    for row in reactions {
      let patient = try #require(cohort.patients[row["patient_code", default: ""]])
      let onset = try #require(Day(iso: row["onset_date", default: ""]))
      #expect(onset.days(since: patient.start) % patient.interval <= 2)
      #expect(row["body_sites"] == "injection-site")
    }
  }

  @Test("psoriasiform eruptions are several times more frequent with a psoriasis history")
  func psoriasisHistory() throws {
    let cohort = try Cohort.shared.get()
    let with = cohort.percent("psoriasiform") { $0.risks.contains("psoriasis-history") }
    let without = cohort.percent("psoriasiform") { !$0.risks.contains("psoriasis-history") }
    #expect(with > 3 * without)
  }

  @Test("starts spread over the years before the as-of date; some patients stopped; no date after it")
  func datesAndStops() throws {
    let cohort = try Cohort.shared.get()
    let starts = cohort.patients.values.map(\.start)
    #expect(starts.allSatisfy { $0 <= Cohort.asOf && $0 > Cohort.asOf.adding(days: -4 * 366) })
    #expect(try #require(starts.min()) < Cohort.asOf.adding(days: -3 * 365))
    let stopped = cohort.patients.values.filter { $0.stop != nil }.count
    #expect((0.1...0.35).contains(Double(stopped) / Double(cohort.patients.count)))
    for row in cohort.cases {
      for column in ["onset_date", "reported_date", "outcome_date"] {
        if let day = Day(iso: row[column, default: ""]) { #expect(day <= Cohort.asOf) }
      }
    }
  }

  @Test("every synthetic row passes the import's checks")
  func importsCleanly() throws {
    let cohort = try Cohort(patients: 2_000, seed: 5)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adreg-synth-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let registry = try Registry.initialize(
      at: folder.appendingPathComponent("r.sqlite").path, user: "test", today: Cohort.asOf
    ).registry
    let patients = try registry.importRecords(
      .patients, from: CSVReader(bytes: cohort.patientBytes),
      source: ImportSource(name: "patients.csv", bytes: cohort.patientBytes.count))
    let cases = try registry.importRecords(
      .cases, from: CSVReader(bytes: cohort.caseBytes),
      source: ImportSource(name: "cases.csv", bytes: cohort.caseBytes.count))
    #expect(patients.written == 2_000)
    #expect(cases.written == cohort.cases.count)
    #expect(cases.problemCount == 0)
  }
}
