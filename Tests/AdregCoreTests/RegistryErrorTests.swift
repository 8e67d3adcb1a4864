@testable import AdregCore
import Testing

/// Errors that know their field: which record field a refusal is about, what is wrong and the fix, in the
/// registry's words — never an option or a command line, which are the CLI's to name.
@Suite("RegistryError: the field, the problem and the fix")
struct RegistryErrorTests {
  /// The error `body` throws; fails the test when it throws none or another kind.
  func refusal(_ body: () throws -> Any) throws -> RegistryError {
    do {
      _ = try body()
    } catch let error as RegistryError {
      return error
    }
    Issue.record("no RegistryError was thrown")
    throw RegistryError.invalid("no refusal")
  }

  /// A naming that marks every part, so a test sees which field each part names and how.
  struct Marking: FieldNaming {
    func label(_ field: RecordField) -> String { "<\(field.rawValue)>" }
    func reference(_ field: RecordField) -> String { "[\(field.rawValue)]" }
    func give(_ field: RecordField) -> String { "{\(field.rawValue)}" }
    func task(_ task: RegistryTask) -> String { "(\(task))" }
  }

  @Test("a refused value names its field; the registry's own message names no option")
  func fieldsOfPatientAndCaseChecks() throws {
    let f = try ReportFixture()
    var draft = PatientDraft(code: "P1", start: "2025-01-01")
    draft.birthYear = "1850"
    let birthYear = try refusal { try f.registry.addPatient(draft) }
    #expect(birthYear.field == .birthYear)
    #expect(birthYear.message(naming: Marking()) == "<birthYear>: 1850 is implausible; give a year from 1900 to 2025")
    #expect(birthYear.message == "birth year: 1850 is implausible; give a year from 1900 to 2025")

    draft.birthYear = nil
    draft.start = "2025-07-01"
    let start = try refusal { try f.registry.addPatient(draft) }
    #expect(start.field == .startDate)
    #expect(start.message(naming: Marking()).hasPrefix("<startDate>: 2025-07-01 is in the future"))

    try f.patient("P1", start: "2025-01-01")
    var other = CaseDraft(patientCode: "P1", category: "other", onset: "2025-02-01")
    let description = try refusal { try f.registry.record(other) }
    #expect(description.field == .description)
    #expect(
      description.message(naming: Marking())
        == "<description>: category 'other' needs a description; say what the reaction looks like with [description]")
    other.category = "facial-redess"
    let category = try refusal { try f.registry.record(other) }
    #expect(category.field == .category)
    #expect(category.message.hasPrefix("unknown category 'facial-redess'; did you mean 'facial-redness'?"))
    for error in [birthYear, start, description, category] {
      #expect(!error.message.contains("--"), "\(error.message)")
    }
  }

  @Test("a follow-up's outcome date asks for the outcome field, not an option")
  func outcomeDate() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2025-01-01")
    let record = try f.reaction("P1", "facial-redness", onset: "2025-02-01")
    var draft = FollowUpDraft()
    draft.outcomeDate = "2025-03-01"
    let error = try refusal { try f.registry.update(caseID: record.id, with: draft) }
    #expect(error.field == .outcomeDate)
    #expect(error.message(naming: Marking()) == "<outcomeDate>: an outcome date needs an outcome; {outcome} too")
    let nothing = try refusal { try f.registry.update(caseID: record.id, with: FollowUpDraft()) }
    #expect(nothing.field == nil)
    #expect(
      nothing.message(naming: Marking())
        == "nothing to update; give at least one of [action], [treatments], [dechallenge], [rechallenge], [outcome], "
        + "[seriousness], [biopsy], [note]")
    #expect(!nothing.message.contains("--"))
  }

  @Test("requests name their fields too: the duplicate window and case, the report window, the registry path")
  func requestFields() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2025-01-01")
    let first = try f.reaction("P1", "facial-redness", onset: "2025-02-01")
    let window = try refusal { try f.registry.duplicatePairs(days: 4000) }
    #expect(window.field == .duplicateWindow)
    #expect(
      window.message(naming: Marking())
        == "[duplicateWindow] 4000 is not a window of 0 to 3650 days between onsets; e.g. [duplicateWindow] 14")
    let itself = try refusal { try f.registry.withdraw(caseID: first.id, duplicateOf: first.id) }
    #expect(itself.field == .duplicateOf)
    #expect(
      itself.message(naming: Marking())
        .hasSuffix("{duplicateOf} the id of the case that stays (see (reviewDuplicates))"))
    var options = ReportOptions()
    options.from = Day(iso: "2025-05-01")
    options.to = Day(iso: "2025-04-01")
    let empty = try refusal { try f.registry.frequencyReport(options) }
    #expect(empty.field == .windowStart)
    #expect(
      empty.message(naming: Marking())
        == "<windowStart>: 2025-05-01 is after [windowEnd] 2025-04-01; the window would be empty")
    let missing = try refusal {
      try Registry.open(at: f.folder.path("none.sqlite"), user: "tester", today: Day(number: 0))
    }
    #expect(missing.field == .registryPath)
    #expect(missing.kind == .inputMissing)
    #expect(missing.message(naming: Marking()).hasSuffix("run (create) to create one, or pass [registryPath] PATH"))
    for error in [window, itself, empty, missing] {
      #expect(!error.message.contains("--") && !error.message.contains("adreg "), "\(error.message)")
    }
  }

  @Test("a check of a vocabulary is said to be about the field it fills, unless the error names one already")
  func checkingAttachesTheField() throws {
    let treatments = try refusal {
      try RecordField.treatments.checking { try Vocabulary.treatment.validate("steroid") }
    }
    #expect(treatments.field == .treatments)
    #expect(treatments.message.hasPrefix("unknown treatment 'steroid'"))
    let named = try refusal { try RecordField.note.checking { try Validate.integer("x", field: .itch, in: 0...10) } }
    #expect(named.field == .itch)
  }

  @Test("a phrase keeps its fields apart from its words and joins problem and fix with '; '")
  func phrases() {
    let error = RegistryError.invalid(
      .stopReason, "\(label: .stopReason): needs \(option: .stopDate)", fix: "\(give: .stopDate)")
    #expect(error.problem.startsWithLabel)
    #expect(error.problem.parts == [.label(.stopReason), .text(": needs "), .reference(.stopDate)])
    #expect(error.message(naming: Marking()) == "<stopReason>: needs [stopDate]; {stopDate}")
    #expect(error.message == "stop reason: needs stop date; give stop date")
    let dose = RegistryError.invalid(.doseDate, "\(label: .doseDate): a dose on 2025-03-01 is already logged for P1")
    #expect(dose.message == "date: a dose on 2025-03-01 is already logged for P1")
    let plain = RegistryError.invalid("case 3 is already withdrawn")
    #expect(plain.field == nil && plain.fix == nil && !plain.problem.startsWithLabel)
    #expect(plain.message(naming: Marking()) == "case 3 is already withdrawn")
    #expect(plain.description == plain.message)
  }
}
