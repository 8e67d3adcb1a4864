import AdregCore
import AdregDatabase
import Foundation
import Testing

/// kill -9 in the middle of a large import: the registry must open, pass `check`, and hold all of the import
/// or none of it.
@Suite("Crash safety")
struct CrashSafetyTests {
  static let cases = 100_000

  /// 100 patients and 100,000 cases, written by the test.
  static func files(in h: Harness) throws -> (patients: String, cases: String) {
    var patients = "site,code,start_date\n"
    for i in 0..<100 { patients += "main,K\(i),2024-01-01\n" }
    var cases = "patient_code,category,onset_date,reported_date,scaling,body_sites\n"
    cases.reserveCapacity(cases.count * 60)
    let categories = ["facial-redness", "injection-site", "eczema-worsening", "psoriasiform", "rosacea-like",
                      "seborrheic-like", "skin-infection", "conjunctivitis"]
    guard let start = Day(iso: "2024-01-01") else { return ("", "") }
    // Patient, category and onset differ for every row, so no row is a re-import of another.
    for i in 0..<Self.cases {
      let j = i / 100
      cases += "K\(i % 100),\(categories[j % 8]),\(start.adding(days: j / 8).iso),2024-06-01,absent,face;neck\n"
    }
    try patients.write(toFile: h.path("patients.csv"), atomically: true, encoding: .utf8)
    try cases.write(toFile: h.path("cases.csv"), atomically: true, encoding: .utf8)
    return (h.path("patients.csv"), h.path("cases.csv"))
  }

  @Test("an import killed at seeded random moments leaves a sound registry with all of it or none")
  func killDuringImport() throws {
    let h = try Harness()
    let binary = try #require(BuiltBinary.path)
    let (patients, cases) = try Self.files(in: h)
    #expect(h.run("init").status == 0)
    #expect(h.run("import", "patients", patients).status == 0)
    let base = h.path("base.sqlite")
    try Connection(path: h.database).backup(to: base)

    func run(_ db: String, killAfter delay: Double?) throws -> TimeInterval {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = ["import", "cases", cases, "--db", db, "--as-of", "2025-06-30"]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      let started = Date()
      try process.run()
      if let delay {
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
      }
      process.waitUntilExit()
      return Date().timeIntervalSince(started)
    }
    func caseCount(_ db: String) throws -> Int? {
      let check = h.run("check", "--db", db, "--format", "json")
      #expect(check.status == 0, "\(db): \(check.error)")
      return ((try h.json(check) as? [String: Any])?["counts"] as? [String: Int])?["case_report"]
    }

    // Once to the end, timed: all of it.
    let whole = h.path("whole.sqlite")
    try FileManager.default.copyItem(atPath: base, toPath: whole)
    let duration = try run(whole, killAfter: nil)
    #expect(try caseCount(whole) == Self.cases)

    // Then killed at seeded moments early, midway and late in that running time (the commit included).
    var state: UInt64 = 0xADE6
    var outcomes: [Int] = []
    for (round, fraction) in [0.1, 0.4, 0.7, 0.95].enumerated() {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let jitter = (Double(state >> 40) / Double(1 << 24) - 0.5) * 0.1
      let delay = duration * (fraction + jitter)
      let db = h.path("killed-\(round).sqlite")
      try FileManager.default.copyItem(atPath: base, toPath: db)
      _ = try run(db, killAfter: delay)
      let count = try #require(try caseCount(db))
      #expect(count == 0 || count == Self.cases, "round \(round) killed after \(delay) s: \(count) cases, a partial import")
      let audited = try Connection(path: db, mode: .readOnly).scalar(
        Int.self, "SELECT count(*) FROM audit_entry WHERE action = 'case.import'")
      #expect(audited == (count == 0 ? 0 : 1), "the import's audit entry comes and goes with it")
      outcomes.append(count)
    }
    #expect(outcomes.first == 0, "the earliest kill landed before the commit: \(outcomes)")
  }
}
