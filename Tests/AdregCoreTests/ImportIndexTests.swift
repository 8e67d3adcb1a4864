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
}
