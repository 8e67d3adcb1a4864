import AdregCore
import AdregTestSupport
import Foundation

/// A registry in its own temporary directory, with "today" fixed, built through the repository layer.
final class ReportFixture {
  let folder: TemporaryDirectory
  let registry: Registry
  var directory: URL { folder.url }

  init(today: String = "2025-06-30") throws {
    folder = try TemporaryDirectory(prefix: "adreg-core")
    guard let day = Day(iso: today) else { throw RegistryError.invalid("bad fixture date") }
    registry = try Registry.initialize(
      at: folder.path("r.sqlite"), user: "tester", today: day,
      clock: { Date(timeIntervalSince1970: 1_751_284_800) }
    ).registry
  }

  @discardableResult
  func patient(_ code: String, start: String, stop: String? = nil, risks: [String] = [], site: String? = nil) throws -> Patient {
    var draft = PatientDraft(code: code, start: start)
    draft.riskFactors = risks
    draft.site = site
    let patient = try registry.addPatient(draft)
    if let stop { return try registry.stopPatient(code: code, site: site, date: stop, reason: nil) }
    return patient
  }

  @discardableResult
  func reaction(_ code: String, _ category: String, onset: String, site: String? = nil) throws -> CaseRecord {
    var draft = CaseDraft(patientCode: code, category: category, onset: onset)
    draft.reported = onset
    draft.site = site
    if category == "other" { draft.description = "described" }
    return try registry.record(draft)
  }

  static func code(_ i: Int) -> String { i < 10 ? "P-0\(i)" : "P-\(i)" }
}
