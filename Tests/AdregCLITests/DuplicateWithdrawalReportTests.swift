import Testing

/// A duplicate withdrawn with `--duplicate-of` leaves every report exactly as if it had never been entered: the same
/// registry is built twice, once with the duplicate (entered, followed up, then withdrawn) and once without it.
@Suite("a withdrawn duplicate leaves the reports")
struct DuplicateWithdrawalReportTests {
  static let before: [[String]] = [
    ["init"],
    ["patient", "add", "P1", "--start", "2025-01-01", "--risk", "psoriasis-history"],
    ["patient", "add", "P2", "--start", "2025-01-15", "--risk", "rosacea-history"],
    ["patient", "add", "P3", "--start", "2025-02-01"],
    ["patient", "add", "P4", "--start", "2024-12-01"],
    ["dose", "add", "P1", "--date", "2025-02-05"], ["visit", "add", "P3", "--date", "2025-04-10"],
    ["record", "P1", "--onset", "2025-02-10", "--category", "eczema-worsening", "--reported", "2025-02-12"],
  ]

  /// The duplicate of case 1: earlier onset (so it would be P1's first eczema-worsening), reported last of all and
  /// followed up (so it would be P1's last contact), by the patient.
  static let duplicate: [[String]] = [
    ["record", "P1", "--onset", "2025-02-08", "--category", "eczema-worsening", "--reported", "2025-06-20",
     "--source", "patient"],
    ["case", "update", "2", "--outcome", "resolved", "--outcome-date", "2025-06-25"],
    ["case", "withdraw", "2", "--duplicate-of", "1"],
  ]

  static let after: [[String]] = [
    ["record", "P2", "--onset", "2025-03-01", "--category", "facial-redness", "--reported", "2025-03-02"],
    ["record", "P3", "--onset", "2025-03-20", "--category", "psoriasiform", "--reported", "2025-03-20"],
    ["record", "P4", "--onset", "2025-02-20", "--category", "facial-redness", "--reported", "2025-02-21"],
    ["record", "P1", "--onset", "2025-04-01", "--category", "facial-redness", "--reported", "2025-04-01"],
    ["record", "P3", "--onset", "2025-04-02", "--category", "eczema-worsening", "--reported", "2025-04-03"],
    ["patient", "stop", "P4", "--date", "2025-05-01"],
  ]

  static let reports: [[String]] = [
    ["report", "frequency"], ["report", "frequency", "--ci", "exact", "--from", "2025-02-01", "--to", "2025-04-30"],
    ["report", "incidence"], ["report", "incidence", "--censor", "last-contact", "--weeks", "4,8,16"],
    ["report", "onset"], ["report", "risk"],
  ]

  func build(_ steps: [[String]]) throws -> Harness { try Harness.built(steps) }

  @Test("frequency, incidence (both censorings), onset and risk are the same as without the duplicate")
  func sameReports() throws {
    let with = try build(Self.before + Self.duplicate + Self.after)
    let without = try build(Self.before + Self.after)
    for report in Self.reports {
      for format in ["json", "table"] {
        let a = with.run(report + ["--format", format])
        let b = without.run(report + ["--format", format])
        #expect(a.status == 0 && b.status == 0, "\(report): \(a.error) \(b.error)")
        #expect(a.output == b.output, "\(report) \(format)")
      }
    }
    // The duplicate did count before it was withdrawn: the comparison is not of two empty reports.
    let counted = try build(Self.before + Array(Self.duplicate.prefix(2)) + Self.after)
    #expect(counted.run("report", "onset", "--format", "json").output != without.run("report", "onset", "--format", "json").output)
    #expect(
      counted.run("report", "incidence", "--censor", "last-contact", "--format", "json").output
        != without.run("report", "incidence", "--censor", "last-contact", "--format", "json").output)
  }
}

extension Harness {
  /// A harness whose registry is made by running `steps` in order, each required to succeed.
  static func built(_ steps: [[String]]) throws -> Harness {
    let h = try Harness()
    for step in steps {
      let result = h.run(step)
      try #require(result.status == 0, "\(step): \(result.error)")
    }
    return h
  }
}
