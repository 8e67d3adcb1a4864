import AdregCore
import AdregDatabase
import Testing

/// The frequency and incidence reports read the cohort from both ends of the (start, stop) index on two threads:
/// every patient counts once, and a bad stored date is reported as a read from the low end alone reports it.
@Suite("cohort read from both ends")
struct CohortSplitReadTests {
  /// Patients 2…2001 added straight in SQL, patient i starting i mod 1000 days after 2022-01-01, with no stop;
  /// patient 1 through the registry, starting 2024-01-01. Thousands of rows, so both readers take their turn.
  func registry() throws -> ReportFixture {
    let f = try ReportFixture(today: "2025-06-30")
    try f.patient("P-1", start: "2024-01-01")
    let db = try Connection(path: f.folder.path("r.sqlite"))
    try db.execute(
      script: """
        WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 2001)
        INSERT INTO patient (id, uuid, site, code, start_date, created_at)
        SELECT i, printf('%08d-0000-4000-8000-000000000000', i), (SELECT site FROM patient WHERE id = 1), 'P-' || i,
          date('2022-01-01', '+' || (i % 1000) || ' days'), '2025-01-01T00:00:00Z'
        FROM n;
        """)
    return f
  }

  @Test("every patient counts once in the cohort, the exposure is each patient's days")
  func everyPatientOnce() throws {
    let f = try registry()
    let report = try f.registry.frequencyReport(ReportOptions())
    #expect(report.cohort.patients == 2001)
    // Days from each start to 2025-06-30, both counted: 2024-01-01 gives 547; i mod 1000 = k gives 1277 - k.
    let expected = 547 + (2...2001).reduce(0) { $0 + 1277 - $1 % 1000 }
    #expect(report.cohort.exposureDays == expected)
    #expect(try f.registry.incidenceReport(IncidenceOptions()).patients == 2001)
  }

  @Test("with bad stop dates near both ends, the error names the one a read from the low end meets first")
  func badDatesAtBothEnds() throws {
    let f = try registry()
    let db = try Connection(path: f.folder.path("r.sqlite"))
    // Patients 1000 and 2000 start first (2022-01-01); 999 and 1999 last (2024-09-26).
    try db.execute(
      script: """
        PRAGMA ignore_check_constraints = ON;
        UPDATE patient SET stop_date = '2022-01-0x' WHERE id = 1000;
        UPDATE patient SET stop_date = '2024-09-3x' WHERE id = 1999;
        """)
    for _ in 0..<3 {
      #expect {
        try f.registry.frequencyReport(ReportOptions())
      } throws: { error in
        "\(error)".contains("patient 1000 has a date that is not YYYY-MM-DD")
      }
      #expect {
        try f.registry.incidenceReport(IncidenceOptions())
      } throws: { error in
        "\(error)".contains("patient 1000 has a date that is not YYYY-MM-DD")
      }
    }
  }
}
