import AdregFormats
import Foundation
import Testing
@testable import AdregCore

/// A registry in a fresh folder, "today" fixed at 2025-06-30.
private final class ImportFixture {
  let folder: URL
  let registry: Registry
  static let today = Day(year: 2025, month: 6, day: 30) ?? Day(number: 0)

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("adreg-io-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    registry = try Self.registry(at: folder.appendingPathComponent("registry.sqlite").path)
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  static func registry(at path: String) throws -> Registry {
    try Registry.initialize(
      at: path, user: "dm.lee", today: today, clock: { Date(timeIntervalSince1970: 1_751_284_800) }
    ).registry
  }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  @discardableResult
  func importText(
    _ kind: RecordKind, _ text: String, name: String? = nil, options: ImportOptions = ImportOptions(),
    rejects: FileSink? = nil, into target: Registry? = nil
  ) throws -> ImportSummary {
    let bytes = Array(text.utf8)
    return try (target ?? registry).importRecords(
      kind, from: CSVReader(bytes: bytes), source: ImportSource(name: name ?? "\(kind.rawValue).csv", bytes: bytes.count),
      options: options, rejects: rejects)
  }

  func exported(_ kind: RecordKind, identified: Bool, from source: Registry? = nil) throws -> String {
    var sink = StringSink()
    try (source ?? registry).export(kind, options: ExportOptions(identified: identified), to: &sink)
    return sink.text
  }

  func patientCount(_ target: Registry? = nil) throws -> Int { try (target ?? registry).patients().count }

  /// `count` patients P0001… starting 2024-01-01, one CSV line each, CRLF-terminated like a spreadsheet's.
  static func patientsCSV(count: Int, badRow: Int? = nil) -> String {
    var text = "code,start_date,sex,birth_year\r\n"
    for index in 1...count {
      let year = index == badRow ? "1850" : "1980"
      text += "P\(String(format: "%04d", index)),2024-01-01,F,\(year)\r\n"
    }
    return text
  }
}

private func invalidDataMessage(_ body: () throws -> Void) -> String? {
  do {
    try body()
  } catch let error as RegistryError where error.kind == .invalidData {
    return error.message
  } catch {
    return "unexpected error: \(error)"
  }
  return nil
}

@Suite("Bulk import and export")
struct ImportExportTests {
  @Test("an identified export imported into a new registry exports byte for byte the same")
  func roundTrip() throws {
    let fixture = try ImportFixture()
    let registry = fixture.registry
    var first = PatientDraft(code: "P-001", start: "2024-01-10")
    first.sex = "F"
    first.birthYear = "1990"
    first.regimen = "300 mg, every 2 weeks"
    first.riskFactors = ["psoriasis-history", "injection-sensitivity"]
    first.stop = "2025-03-01"
    first.stopReason = "clear skin, \"for now\""
    let patient = try registry.addPatient(first)
    var second = PatientDraft(code: "Q.7", start: "2023-05-02")
    second.site = "north"
    second.intervalDays = "28"
    try registry.addPatient(second)

    var facial = CaseDraft(patientCode: "P-001", category: "facial-redness", onset: "2024-03-01")
    facial.reported = "2024-03-04"
    facial.source = "patient"
    facial.scaling = "absent"
    facial.morphology = ["papules", "erythema"]
    facial.bodySites = ["neck", "face"]
    facial.severity = "moderate"
    facial.itch = "3"
    facial.description = "line one\nline two, with \"quotes\", 'single', emoji 🙂 and '; DROP TABLE patient; --"
    let facialCase = try registry.record(facial)
    var update = FollowUpDraft()
    update.action = "interval-extended"
    update.note = "notes are not exported"
    try registry.update(caseID: facialCase.id, with: update)
    update = FollowUpDraft()
    update.action = "continued"
    update.treatments = ["calcineurin-inhibitor", "antifungal"]
    update.dechallenge = "improved"
    update.outcome = "resolved"
    update.outcomeDate = "2024-05-01"
    update.biopsy = "no spongiosis"
    try registry.update(caseID: facialCase.id, with: update)
    var other = CaseDraft(patientCode: "Q.7", category: "other", onset: "2023-06-01")
    other.site = "north"
    other.reported = "2023-06-01"
    other.description = "  leading spaces stay"
    try registry.record(other)
    var mistaken = CaseDraft(patientCode: "P-001", category: "conjunctivitis", onset: "2024-02-01")
    mistaken.reported = "2024-02-02"
    let mistakenCase = try registry.record(mistaken)
    try registry.withdraw(caseID: mistakenCase.id, reason: "entered for the wrong patient")

    let secondUUID = try registry.patient(code: "Q.7", site: "north").uuid
    let patients = try fixture.exported(.patients, identified: true)
    let cases = try fixture.exported(.cases, identified: true)
    // Written out by hand from the values above: site, then code, order; lists sorted; CRLF line ends.
    #expect(
      patients
        == "site,code,uuid,sex,birth_year,start_date,stop_date,stop_reason,regimen,interval_days,risk_factors\r\n"
        + "main,P-001,\(patient.uuid),F,1990,2024-01-10,2025-03-01,\"clear skin, \"\"for now\"\"\",\"300 mg, every 2 weeks\",14,injection-sensitivity;psoriasis-history\r\n"
        + "north,Q.7,\(secondUUID),unknown,,2023-05-02,,,300 mg every 2 weeks,28,\r\n")
    let caseLines = cases.components(separatedBy: "\r\n")
    #expect(caseLines.count == 5)  // header, three cases, and the empty string after the last CRLF
    #expect(
      caseLines[1]
        == "\(mistakenCase.uuid),main,P-001,conjunctivitis,2024-02-01,2024-02-02,clinician,unknown,,,,,,,,,,,,,entered for the wrong patient,")  // and not serious

    let copy = try ImportFixture.registry(at: fixture.path("copy.sqlite"))
    let patientSummary = try fixture.importText(.patients, patients, into: copy)
    let caseSummary = try fixture.importText(.cases, cases, into: copy)
    #expect(patientSummary.written == 2)
    #expect(caseSummary.written == 3)
    #expect(try fixture.exported(.patients, identified: true, from: copy) == patients)
    #expect(try fixture.exported(.cases, identified: true, from: copy) == cases)
    // The imported follow-ups keep the history an assessment reads: interval extended, then continued.
    let imported = try copy.caseRecord(id: try #require(copy.cases().first { $0.uuid == facialCase.uuid }).id)
    #expect(imported.current.actions.codes == ["interval-extended", "continued"])
    #expect(imported.current.outcomeDate == Day(iso: "2024-05-01"))
  }

  @Test("one bad row among 1,000 writes nothing and names its file and line")
  func oneBadRowWritesNothing() throws {
    let fixture = try ImportFixture()
    let auditBefore = try fixture.registry.auditTrail().count
    let message = invalidDataMessage {
      try fixture.importText(.patients, ImportFixture.patientsCSV(count: 1_000, badRow: 500), name: "clinic.csv")
    }
    // Row 500 is on line 501 after the header line.
    #expect(message?.contains("clinic.csv:501: birth_year: 1850 is implausible") == true)
    #expect(message?.hasPrefix("1 invalid row in clinic.csv; nothing was imported") == true)
    #expect(try fixture.patientCount() == 0)
    #expect(try fixture.registry.auditTrail().count == auditBefore)
  }

  @Test("--skip-invalid writes the 999 good rows and puts the bad one, with its reason, in the rejects file")
  func skipInvalid() throws {
    let fixture = try ImportFixture()
    let rejectsPath = fixture.path("rejects.csv")
    let rejects = try FileSink(path: rejectsPath)
    let summary = try fixture.importText(
      .patients, ImportFixture.patientsCSV(count: 1_000, badRow: 500), options: ImportOptions(skipInvalid: true),
      rejects: rejects)
    try rejects.close()
    #expect(summary.written == 999)
    #expect(summary.rejected == 1)
    #expect(try fixture.patientCount() == 999)
    let reader = try CSVReader(path: rejectsPath)
    #expect(try reader.next()?.fields == ["code", "start_date", "sex", "birth_year", "reason"])
    let rejected = try #require(try reader.next())
    #expect(Array(rejected.fields.prefix(4)) == ["P0500", "2024-01-01", "F", "1850"])
    #expect(rejected.fields[4].hasPrefix("birth_year: 1850 is implausible"))
    #expect(try reader.next() == nil)
  }

  @Test("importing the same file twice adds nothing the second time")
  func reimportAddsNothing() throws {
    let fixture = try ImportFixture()
    let text = ImportFixture.patientsCSV(count: 1_000)
    try fixture.importText(.patients, text)
    let cases = "patient_code,category,onset_date\nP0001,injection-site,2024-01-02\nP0002,conjunctivitis,2024-03-01\n"
    try fixture.importText(.cases, cases)
    let before = (try fixture.exported(.patients, identified: true), try fixture.exported(.cases, identified: true))

    let again = try fixture.importText(.patients, text)
    let casesAgain = try fixture.importText(.cases, cases)
    #expect(again.written == 0 && again.alreadyPresent == 1_000)
    #expect(casesAgain.written == 0 && casesAgain.alreadyPresent == 2)
    #expect(try fixture.exported(.patients, identified: true) == before.0)
    #expect(try fixture.exported(.cases, identified: true) == before.1)
  }

  @Test("a row with a known key but other values is refused, naming what differs")
  func conflictingRowIsRefused() throws {
    let fixture = try ImportFixture()
    try fixture.importText(.patients, "code,start_date\nP1,2024-01-01\n")
    let message = invalidDataMessage { try fixture.importText(.patients, "code,start_date\nP1,2024-02-01\n") }
    #expect(
      message?.contains(
        "patients.csv:2: code: patient code P1 is already enrolled in site main with other values (start_date: '2024-01-01' in the registry, '2024-02-01' in the file)"
      ) == true)
  }

  @Test("cases of an unknown patient fail clearly")
  func unknownPatient() throws {
    let fixture = try ImportFixture()
    try fixture.importText(.patients, "code,start_date\nP1,2024-01-01\n")
    let message = invalidDataMessage {
      try fixture.importText(.cases, "patient_code,category,onset_date\nP1,psoriasiform,2024-05-01\nP9,psoriasiform,2024-05-01\n")
    }
    #expect(message?.contains("cases.csv:3: patient_code: unknown patient P9 in site main") == true)
    #expect(try fixture.registry.cases().isEmpty)
  }

  @Test("a missing required column fails before any row is read")
  func missingColumn() throws {
    let fixture = try ImportFixture()
    // The second line is not valid CSV: reading it would fail with another message.
    let message = invalidDataMessage { try fixture.importText(.patients, "code,sex\nP1,\"F\n") }
    #expect(message?.hasPrefix("patients.csv:1: missing required column start_date") == true)
  }

  @Test("an unknown column is refused with the closest known one")
  func unknownColumn() throws {
    let fixture = try ImportFixture()
    let message = invalidDataMessage { try fixture.importText(.patients, "code,start_date,birth_yaer\nP1,2024-01-01,1990\n") }
    #expect(message?.contains("unknown column 'birth_yaer' (did you mean 'birth_year'?)") == true)
    #expect(try fixture.patientCount() == 0)
  }

  @Test("every problem is listed, up to the limit, then counted")
  func problemsAreCapped() throws {
    let fixture = try ImportFixture()
    var text = "code,start_date\n"
    for index in 1...60 { text += "P\(index),2024-13-01\n" }
    let message = try #require(invalidDataMessage { try fixture.importText(.patients, text) })
    let lines = message.split(separator: "\n")
    #expect(lines.first == "60 invalid rows in patients.csv; nothing was imported. Fix the rows, or import the valid ones with --skip-invalid --rejects FILE:")
    #expect(lines.count == 1 + 50 + 1)
    #expect(lines[1].hasPrefix("patients.csv:2: start_date: '2024-13-01' is not a day of the calendar"))
    #expect(lines.last == "… and 10 more")
  }

  @Test("a dry run reports what it would do and writes nothing")
  func dryRun() throws {
    let fixture = try ImportFixture()
    let auditBefore = try fixture.registry.auditTrail().count
    let summary = try fixture.importText(
      .patients, ImportFixture.patientsCSV(count: 10), options: ImportOptions(dryRun: true))
    #expect(summary.dryRun && summary.rowsRead == 10 && summary.written == 10)
    #expect(try fixture.patientCount() == 0)
    #expect(try fixture.registry.auditTrail().count == auditBefore)
  }

  @Test("one audit entry records the whole import")
  func oneAuditEntry() throws {
    let fixture = try ImportFixture()
    let before = try fixture.registry.auditTrail().count
    let text = ImportFixture.patientsCSV(count: 20, badRow: 3)
    let rejects = try FileSink(path: fixture.path("r.csv"))
    try fixture.importText(.patients, text, name: "site-a.csv", options: ImportOptions(skipInvalid: true), rejects: rejects)
    let trail = try fixture.registry.auditTrail()
    #expect(trail.count == before + 1)
    #expect(trail.first?.action == "patient.import")
    #expect(
      trail.first?.changes == [
        "file: site-a.csv", "size: \(text.utf8.count) bytes", "rows read: 20", "written: 19",
        "already in the registry: 0", "rejected: 1",
      ])
  }

  @Test("spreadsheet CSV: byte-order mark, columns in any order, quoted newlines, spaces around codes")
  func spreadsheetQuirks() throws {
    let fixture = try ImportFixture()
    try fixture.importText(.patients, "\u{FEFF}Start_Date,Code,Risk_Factors\r\n2024-01-01,P1, poor-skin-barrier ; psoriasis-history\r\n")
    try fixture.importText(
      .cases,
      "description,onset_date,category,patient_code,morphology\r\n\"two\nlines, \"\"quoted\"\"\",2024-02-01, rosacea-like ,P1,telangiectasia;erythema\r\n")
    let patient = try fixture.registry.patient(code: "P1")
    #expect(patient.riskFactors.codes == ["poor-skin-barrier", "psoriasis-history"])
    let record = try #require(try fixture.registry.cases().first)
    #expect(record.category.rawValue == "rosacea-like")
    #expect(record.description == "two\nlines, \"quoted\"")
    #expect(record.morphology.codes == ["erythema", "telangiectasia"])
  }

  @Test("the de-identified export holds no patient code and no calendar date, and its numbers join patients to cases")
  func deidentified() throws {
    let fixture = try ImportFixture()
    try fixture.importText(
      .patients,
      "code,start_date,birth_year,stop_date\nSECRET-A,2024-01-10,1990,2024-06-30\nSECRET-B,2023-05-02,1970,\n")
    try fixture.importText(
      .cases,
      "patient_code,category,onset_date,reported_date,outcome,outcome_date\nSECRET-A,injection-site,2024-01-12,2024-01-20,resolved,2024-02-01\nSECRET-B,conjunctivitis,2023-06-01,2023-06-01,,\n")
    let patients = try fixture.exported(.patients, identified: false)
    let cases = try fixture.exported(.cases, identified: false)
    for text in [patients, cases] {
      #expect(!text.contains("SECRET"))
      #expect(text.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil)
    }
    // SECRET-A: born 1990, started 2024 → 34; stopped 172 days after 2024-01-10; observed 173 days inclusive.
    // SECRET-B: born 1970, started 2023 → 53; observed 2023-05-02 to 2025-06-30 inclusive = 791 days.
    let patientRows = Set(patients.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty })
    let caseRows = cases.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
    let refA = try #require(patientRows.first { $0.contains(",34,172,173,") }?.prefix(6))
    let refB = try #require(patientRows.first { $0.contains(",53,,791,") }?.prefix(6))
    #expect(Set([refA, refB]) == ["R-0001", "R-0002"])
    // Injection-site: onset day 2, reported day 10, resolved day 22.
    // The last column, seriousness, is empty: neither case is serious.
    #expect(caseRows.contains("\(refA),injection-site,2,10,,clinician,unknown,,,,,,,,,resolved,22,"))
    #expect(caseRows.contains("\(refB),conjunctivitis,30,30,,clinician,unknown,,,,,,,,,,,"))
  }

  @Test("withdrawn cases stay out of the de-identified export")
  func withdrawnLeftOut() throws {
    let fixture = try ImportFixture()
    try fixture.importText(.patients, "code,start_date\nP1,2024-01-01\n")
    try fixture.importText(
      .cases, "patient_code,category,onset_date,withdrawn_reason\nP1,psoriasiform,2024-05-01,typo\nP1,skin-infection,2024-05-02,\n")
    let cases = try fixture.exported(.cases, identified: false)
    #expect(!cases.contains("psoriasiform"))
    #expect(cases.contains("R-0001,skin-infection,122,"))
  }
}
