import AdregDatabase

/// Days from `start` to `day`, when both are known.
func daysSince(_ start: String?, _ day: String?) -> ExportValue {
  guard let start = start.flatMap(Day.init(iso:)), let day = day.flatMap(Day.init(iso:)) else { return .null }
  return .int(day.days(since: start))
}

/// A dose or visit as the export queries read it (`site`, `code`, `start_date`, `day`, `note`).
struct ContactExportRow {
  var site: String
  var code: String
  var start: String
  var day: String
  var note: String?

  /// Decodes a row by column name; `note` may be left out of the query (doses have none).
  /// - Throws: `DatabaseError` naming the column that is missing or of another type.
  init(row: Row) throws {
    site = try row.decode(String.self, column: "site")
    code = try row.decode(String.self, column: "code")
    start = try row.decode(String.self, column: "start_date")
    day = try row.decode(String.self, column: "day")
    note = row["note"].flatMap { $0.storedText }
  }

  func identifiedValues(withNote: Bool) -> [ExportValue] {
    withNote ? [.text(site), .text(code), .text(day), ExportValue(note)] : [.text(site), .text(code), .text(day)]
  }

  func deidentifiedValues(ref: String) -> [ExportValue] { [.text(ref), daysSince(start, day)] }
}

/// A row that belongs to a case and is numbered within it (follow-ups, staff answers), as the export reads it.
protocol NumberedExportRow {
  /// The columns every query selects: the case id first, the row's own id fourth; callers add FROM and ORDER BY.
  static var select: String { get }
  static var table: String { get }
  static var alias: String { get }
  /// - Throws: `DatabaseError` naming the column that is missing or of another type.
  init(row: Row) throws
  func identifiedValues(sequence: Int) -> [ExportValue]
  func deidentifiedValues(caseRef: String, sequence: Int) -> [ExportValue]
}

/// A follow-up as the export queries read it, with its case's uuid and its patient's start.
struct FollowUpExportRow: NumberedExportRow {
  static let table = "follow_up"
  static let alias = "f"
  var caseUUID: String
  var start: String
  var recordedAt: String
  var recordedBy: String
  var action: String?
  var treatments: [String]
  var dechallenge: String?
  var rechallenge: String?
  var outcome: String?
  var outcomeDate: String?
  var biopsy: String?
  var note: String?

  static let select = """
    SELECT c.id AS case_id, c.uuid AS case_uuid, p.start_date, f.id AS follow_up_id, f.recorded_at, f.recorded_by,
      f.action, (SELECT group_concat(code, ';') FROM
        (SELECT code FROM follow_up_treatment t WHERE t.follow_up_id = f.id ORDER BY code)) AS treatments,
      f.dechallenge, f.rechallenge, f.outcome, f.outcome_date, f.biopsy, f.note
    """

  init(row: Row) throws {
    caseUUID = try row.decode(String.self, column: "case_uuid")
    start = try row.decode(String.self, column: "start_date")
    recordedAt = try row.decode(String.self, column: "recorded_at")
    recordedBy = try row.decode(String.self, column: "recorded_by")
    action = try row.decode(String?.self, column: "action")
    treatments = codeList(try row.value("treatments"))
    dechallenge = try row.decode(String?.self, column: "dechallenge")
    rechallenge = try row.decode(String?.self, column: "rechallenge")
    outcome = try row.decode(String?.self, column: "outcome")
    outcomeDate = try row.decode(String?.self, column: "outcome_date")
    biopsy = try row.decode(String?.self, column: "biopsy")
    note = try row.decode(String?.self, column: "note")
  }

  func identifiedValues(sequence: Int) -> [ExportValue] {
    [.text(caseUUID), .int(sequence), .text(recordedAt), .text(recordedBy), ExportValue(action), .list(treatments),
     ExportValue(dechallenge), ExportValue(rechallenge), ExportValue(outcome), ExportValue(outcomeDate),
     ExportValue(biopsy), ExportValue(note)]
  }

  func deidentifiedValues(caseRef: String, sequence: Int) -> [ExportValue] {
    [.text(caseRef), .int(sequence), daysSince(start, String(recordedAt.prefix(10))), ExportValue(action),
     .list(treatments), ExportValue(dechallenge), ExportValue(rechallenge), ExportValue(outcome),
     daysSince(start, outcomeDate)]
  }
}

/// A staff assessment as the export queries read it — a Naranjo answer or a WHO-UMC category — with its case's
/// uuid and its patient's start. Within a case the answers come first, then the categories, each kind in the order
/// given and numbered on its own (`method_sequence`).
struct AssessmentExportRow: NumberedExportRow {
  /// Both tables as one; a category's id is offset past every answer's, so a case's answers sort first.
  static let table = """
    (SELECT id, case_id, 'naranjo' AS method, row_number() OVER (PARTITION BY case_id ORDER BY id) AS method_sequence,
       answered_at, answered_by, question, answer, NULL AS who_umc, NULL AS reason FROM assessment_answer
     UNION ALL
     SELECT id + 4611686018427387904, case_id, 'who-umc', row_number() OVER (PARTITION BY case_id ORDER BY id),
       assessed_at, assessed_by, NULL, NULL, category, reason FROM who_umc_assessment)
    """
  static let alias = "a"
  var caseUUID: String
  var start: String
  var method: String
  var methodSequence: Int
  var answeredAt: String
  var answeredBy: String
  var question: Int?
  var answer: String?
  var whoUMC: String?
  var reason: String?

  static let select = """
    SELECT c.id AS case_id, c.uuid AS case_uuid, p.start_date, a.id AS answer_id, a.method, a.method_sequence,
      a.answered_at, a.answered_by, a.question, a.answer, a.who_umc, a.reason
    """

  init(row: Row) throws {
    caseUUID = try row.decode(String.self, column: "case_uuid")
    start = try row.decode(String.self, column: "start_date")
    method = try row.decode(String.self, column: "method")
    methodSequence = try row.decode(Int.self, column: "method_sequence")
    answeredAt = try row.decode(String.self, column: "answered_at")
    answeredBy = try row.decode(String.self, column: "answered_by")
    question = try row.decode(Int?.self, column: "question")
    answer = try row.decode(String?.self, column: "answer")
    whoUMC = try row.decode(String?.self, column: "who_umc")
    reason = try row.decode(String?.self, column: "reason")
  }

  /// The row's `sequence` is its place among its case's assessments of the same kind, not among all of them.
  func identifiedValues(sequence: Int) -> [ExportValue] {
    [.text(caseUUID), .text(method), .int(methodSequence), .text(answeredAt), .text(answeredBy), ExportValue(question),
     ExportValue(answer), ExportValue(whoUMC), ExportValue(reason)]
  }

  func deidentifiedValues(caseRef: String, sequence: Int) -> [ExportValue] {
    [.text(caseRef), .text(method), .int(methodSequence), daysSince(start, String(answeredAt.prefix(10))),
     ExportValue(question), ExportValue(answer), ExportValue(whoUMC)]
  }
}

extension ExportValue {
  /// A trial reference in the columns of `TrialReference.columns`.
  static func values(of reference: TrialReference) -> [ExportValue] {
    [.text(reference.source), .text(reference.population), .text(reference.arm.rawValue),
     .text(reference.category.rawValue),
     ExportValue(reference.percentLow), .number(reference.percentHigh), ExportValue(reference.patients),
     ExportValue(reference.events), ExportValue(reference.weeks), ExportValue(reference.design?.rawValue),
     .bool(reference.verified), .text(reference.citation), .text(reference.provenance)]
  }
}
