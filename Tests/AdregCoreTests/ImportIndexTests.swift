import AdregCore
import AdregDatabase
import AdregFormats
import Foundation
import Testing

/// A first import into empty tables builds their indexes once at the end; the schema must come out the same.
@Suite("Indexes around a bulk import")
struct ImportIndexTests {
  func indexes(_ f: ReportFixture) throws -> [String] {
    let db = try Connection(path: f.directory.appendingPathComponent("r.sqlite").path, mode: .readOnly)
    return try db.rows("SELECT name || ':' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
      .map { try $0.decode(String.self, at: 0) }
  }

  func csv(_ rows: [String]) -> CSVReader {
    let header = "site,code,uuid,sex,birth_year,start_date,stop_date,stop_reason,regimen,interval_days,risk_factors"
    return CSVReader(bytes: Array(([header] + rows).joined(separator: "\n").utf8))
  }

  @Test("after a successful first import and after a failed one, every index is there as the schema defines it")
  func indexesSurvive() throws {
    let f = try ReportFixture()
    let before = try indexes(f)
    #expect(before.contains { $0.hasPrefix("patient_by_start:") })
    let bad = csv(["main,A1,,F,1980,2025-01-01,,,300 mg,14,", "main,A2,,F,1980,2025-13-01,,,300 mg,14,"])
    #expect(throws: RegistryError.self) {
      try f.registry.importRecords(.patients, from: bad, source: ImportSource(name: "bad.csv", bytes: 0))
    }
    #expect(try indexes(f) == before)
    let good = csv(["main,A1,,F,1980,2025-01-01,,,300 mg,14,psoriasis-history", "main,A2,,M,1970,2025-02-01,,,300 mg,14,"])
    try f.registry.importRecords(.patients, from: good, source: ImportSource(name: "good.csv", bytes: 0))
    #expect(try indexes(f) == before)
    var options = ReportOptions()
    options.to = Day(iso: "2025-01-31")
    #expect(try f.registry.frequencyReport(options).cohort.patients == 1, "the rebuilt start-date index answers queries")
  }

  func count(_ f: ReportFixture, _ table: String) throws -> Int {
    let db = try Connection(path: f.directory.appendingPathComponent("r.sqlite").path, mode: .readOnly)
    return try db.scalar(Int.self, "SELECT count(*) FROM \(table)") ?? -1
  }

  static let uuid = "0b5e2f6c-3d41-4a7e-9c11-5f2a8d9e0c31"

  @Test("a uuid given twice in a first import is refused at its line and nothing is written, its unique index deferred or not")
  func repeatedPatientUUID() throws {
    let f = try ReportFixture()
    let before = try indexes(f)
    let repeated = csv([
      "main,A1,\(Self.uuid),F,1980,2025-01-01,,,300 mg,14,", "main,A2,,M,1970,2025-02-01,,,300 mg,14,",
      "main,A3,\(Self.uuid),M,1970,2025-02-01,,,300 mg,14,",
    ])
    let error = try #require(throws: RegistryError.self) {
      try f.registry.importRecords(.patients, from: repeated, source: ImportSource(name: "p.csv", bytes: 0))
    }
    #expect(error.message.contains("p.csv:4: uuid: \(Self.uuid) already belongs to another patient"), "\(error.message)")
    #expect(try count(f, "patient") == 0)
    #expect(try indexes(f) == before)
    // The same patient twice, uuid and all, is one patient: the second row is already in the registry.
    let twice = csv([
      "main,A1,\(Self.uuid),F,1980,2025-01-01,,,300 mg,14,", "main,A2,,M,1970,2025-02-01,,,300 mg,14,",
      "main,A1,\(Self.uuid),F,1980,2025-01-01,,,300 mg,14,",
    ])
    let summary = try f.registry.importRecords(.patients, from: twice, source: ImportSource(name: "p.csv", bytes: 0))
    #expect(summary.written == 2)
    #expect(summary.alreadyPresent == 1)
    #expect(try indexes(f) == before)
    // The index is back: a later import meets the uuid in the registry.
    let taken = csv(["main,B1,\(Self.uuid),F,1980,2025-01-01,,,300 mg,14,"])
    let again = try #require(throws: RegistryError.self) {
      try f.registry.importRecords(.patients, from: taken, source: ImportSource(name: "q.csv", bytes: 0))
    }
    #expect(again.message.contains("q.csv:2: uuid: \(Self.uuid) already belongs to another patient"), "\(again.message)")
  }

  @Test("a case uuid given twice in a first case import is refused when the cases differ, skipped when they agree")
  func repeatedCaseUUID() throws {
    let f = try ReportFixture()
    try f.registry.importRecords(
      .patients, from: csv(["main,A1,,F,1980,2025-01-01,,,300 mg,14,", "main,A2,,M,1970,2025-02-01,,,300 mg,14,"]),
      source: ImportSource(name: "p.csv", bytes: 0))
    func cases(_ rows: [String]) -> CSVReader {
      CSVReader(bytes: Array((["uuid,site,patient_code,category,onset_date,reported_date"] + rows).joined(separator: "\n").utf8))
    }
    let first = "\(Self.uuid),main,A1,conjunctivitis,2025-03-01,2025-03-02"
    let differing = cases([first, ",main,A2,facial-redness,2025-03-01,2025-03-02", "\(Self.uuid),main,A2,conjunctivitis,2025-03-01,2025-03-02"])
    let error = try #require(throws: RegistryError.self) {
      try f.registry.importRecords(.cases, from: differing, source: ImportSource(name: "c.csv", bytes: 0))
    }
    #expect(error.message.contains("c.csv:4: uuid: case \(Self.uuid) is already in the registry with other values"), "\(error.message)")
    #expect(try count(f, "case_report") == 0)
    let agreeing = cases([first, ",main,A2,facial-redness,2025-03-01,2025-03-02", first])
    let summary = try f.registry.importRecords(.cases, from: agreeing, source: ImportSource(name: "c.csv", bytes: 0))
    #expect(summary.written == 2)
    #expect(summary.alreadyPresent == 1)
    #expect(try indexes(f).contains("case_by_uuid:CREATE UNIQUE INDEX case_by_uuid ON case_report (uuid)"))
  }
}
