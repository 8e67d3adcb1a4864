import AdregCore
import AdregTestSupport
import Foundation
import Testing

@testable import AdregCLI

@Suite("report html reads one snapshot")
struct HTMLReportSnapshotTests {
  @Test("a patient and case committed by another connection while the page is built appear in no section")
  func oneSnapshot() throws {
    let h = try Harness()
    var steps: [[String]] = [["init"]]
    for code in ["P1", "P2", "P3"] { steps.append(["patient", "add", code, "--start", "2025-01-01"]) }
    steps.append(["record", "P1", "--onset", "2025-02-01", "--category", "facial-redness"])
    for step in steps { #expect(h.run(step).status == 0, "\(step)") }
    let today = try #require(Day(iso: h.asOf))
    let registry = try Registry.open(at: h.database, user: h.user, today: today, readOnly: true)
    let options = ReportOptions()
    var incidence = IncidenceOptions()
    incidence.curves = true
    var writes = 0
    let page = try ReportHTMLCommand.page(
      registry, options, incidence,
      afterSection: {
        // Another user's connection, committed at once: a patient with a facial-redness case and a risk factor.
        writes += 1
        let code = "N\(writes)"
        for step in [
          ["patient", "add", code, "--start", "2025-01-01", "--risk", "psoriasis-history"],
          ["record", code, "--onset", "2025-02-0\(writes)", "--category", "facial-redness"],
        ] {
          let result = h.run(step)
          #expect(result.status == 0, "\(step): \(result.error)")
        }
      },
      manifest: { _ in nil })
    #expect(writes == 4)
    #expect(page.frequency.cohort.patients == 3)
    #expect(page.incidence.patients == 3)
    #expect(page.onset.cohort.patients == 3)
    #expect(page.risk.cohort.patients == 3)
    let redness = try #require(page.onset.rows.first { $0.category == .facialRedness })
    #expect(redness.episodes == 1, "the onset section counts the one case of the snapshot")
    #expect(!page.risk.rows.contains { $0.exposed > 0 }, "nobody of the snapshot has a risk factor")
    let after = try registry.frequencyReport(options)
    #expect(after.cohort.patients == 7, "the writes were committed and the next read sees them")
  }
}
