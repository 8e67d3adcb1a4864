import AdregFormats
import Testing
@testable import AdregCore

/// An import names the column of its file for each field a refused row is about — from the exchange catalogue, never
/// by reading the message — and no problem line names a command-line option.
@Suite("import problems name columns")
struct ImportColumnMessageTests {
  /// The problem lines (`FILE:LINE: …`) of an import of `text` that refuses it.
  func problems(_ kind: RecordKind, _ text: String, into f: ReportFixture) throws -> [String] {
    let bytes = Array(text.utf8)
    do {
      try f.registry.importRecords(
        kind, from: CSVReader(bytes: bytes), source: ImportSource(name: "p.csv", bytes: bytes.count),
        options: ImportOptions(), rejects: nil)
    } catch let error as RegistryError where error.kind == .invalidData {
      return error.message.split(separator: "\n").dropFirst().map(String.init)
    }
    Issue.record("the import was not refused")
    return []
  }

  @Test("patients: the column of the field, and the fix says which column to fill")
  func patients() throws {
    let f = try ReportFixture()
    let lines = try problems(
      .patients,
      """
      code,start_date,stop_date,stop_reason,birth_year,interval_days,risk_factors,sex
      P1,2024-01-01,,moved away,,,,F
      P2,2024-01-01,,,1850,,,F
      P3,2024-01-01,,,,400,,F
      P4,2024-01-01,,,,,rosacea,F
      P5,2024-01-01,2023-12-01,,,,,F
      P6,2024-01-01,,,,,,female
      P 7,2024-01-01,,,,,,F

      """, into: f)
    #expect(lines == [
      "p.csv:2: stop_reason: a stop reason needs a stop date; fill stop_date",
      "p.csv:3: birth_year: 1850 is implausible; give a year from 1900 to 2025",
      "p.csv:4: interval_days: 400 is outside 1–365; give a value in that range",
      "p.csv:5: risk_factors: unknown risk factor 'rosacea'; did you mean 'rosacea-history'? Valid risk factor codes: "
        + Vocabulary.riskFactor.codes.joined(separator: ", "),
      "p.csv:6: stop_date: 2023-12-01 is before the treatment start 2024-01-01; check the dates",
      "p.csv:7: sex: unknown sex 'female'; valid sex codes: " + Vocabulary.sex.codes.joined(separator: ", "),
      "p.csv:8: code 'P 7' may only hold letters, digits, '.', '_' and '-' (a pseudonymous code, never a name)",
    ])
    for line in lines { #expect(!line.contains("--"), "\(line)") }
  }

  @Test("cases: the description, the outcome date and the follow-up codes by their columns")
  func cases() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2024-01-01")
    let lines = try problems(
      .cases,
      """
      patient_code,category,onset_date,description,outcome,outcome_date,treatments,itch
      P1,other,2024-02-01,,,,,
      P1,facial-redness,2024-02-01,,,2024-03-01,,
      P1,facial-redness,2024-02-01,,resolved,,,
      P1,facial-redness,2024-02-01,,,,steroid,
      P1,facial-redness,2024-02-01,,,,,11
      P1,facial-redness,2023-02-01,,,,,

      """, into: f)
    #expect(lines.count == 6)
    #expect(
      lines[0]
        == "p.csv:2: description: category 'other' needs a description; "
        + "say what the reaction looks like with description")
    #expect(lines[1] == "p.csv:3: outcome_date: an outcome date needs an outcome; fill outcome too")
    #expect(lines[2] == "p.csv:4: outcome_date: a resolved outcome needs the day it resolved; give it as YYYY-MM-DD")
    #expect(lines[3].hasPrefix("p.csv:5: treatments: unknown treatment 'steroid'"))
    #expect(lines[4] == "p.csv:6: itch: 11 is outside 0–10; give a value in that range")
    #expect(lines[5].hasPrefix("p.csv:7: onset_date: 2023-02-01 is before treatment start 2024-01-01"))
    for line in lines { #expect(!line.contains("--"), "\(line)") }
  }

  @Test("follow-ups: a vocabulary check names the column of the follow-ups file")
  func followUps() throws {
    let f = try ReportFixture()
    try f.patient("P1", start: "2024-01-01")
    let record = try f.reaction("P1", "facial-redness", onset: "2024-02-01")
    let lines = try problems(
      .followups,
      """
      case_uuid,sequence,action,treatments,outcome
      \(record.uuid),1,stopped,,
      \(record.uuid),1,,steroid,
      \(record.uuid),1,,,gone

      """, into: f)
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("p.csv:2: action: unknown action 'stopped'"))
    #expect(lines[1].hasPrefix("p.csv:3: treatments: unknown treatment 'steroid'"))
    #expect(lines[2].hasPrefix("p.csv:4: outcome: unknown outcome 'gone'"))
    for line in lines { #expect(!line.contains("--"), "\(line)") }
  }

  @Test("each field an import reports is named by a column of the file that fills it")
  func catalogueColumns() {
    let naming = ColumnNaming(kind: .patients)
    #expect(naming.column(.stopReason) == "stop_reason")
    #expect(naming.column(.patientCode) == "code")
    #expect(ColumnNaming(kind: .cases).column(.patientCode) == "patient_code")
    #expect(ColumnNaming(kind: .cases).column(.description) == "description")
    #expect(ColumnNaming(kind: .followups).column(.note) == "note")
    #expect(naming.column(.onsetDate) == nil)
    #expect(naming.label(.onsetDate) == "onset date")
    for kind in RecordKind.allCases {
      for column in kind.file.identifiedColumns {
        guard let field = column.field else { continue }
        #expect(ColumnNaming(kind: kind).column(field) == column.name, "\(kind) \(column.name)")
      }
    }
  }
}
