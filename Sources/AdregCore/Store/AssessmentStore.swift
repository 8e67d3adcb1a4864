import AdregDatabase

/// The SQL of the staff assessments of a case: `assessment_answer` (Naranjo answers) and `who_umc_assessment`
/// (WHO-UMC categories set by staff).
struct AssessmentStore {
  let db: Connection

  static let answerInsert = TableInsert(
    "assessment_answer", ["case_id", "question", "answer", "answered_at", "answered_by"])
  static let whoUMCInsert = TableInsert(
    "who_umc_assessment", ["case_id", "category", "reason", "assessed_at", "assessed_by"])

  /// A case's answers in the order given, as four texts: question, answer, time, user.
  static let selectAnswers = """
    SELECT CAST(question AS TEXT), answer, answered_at, answered_by FROM assessment_answer WHERE case_id = ?
    ORDER BY id
    """
  /// A case's WHO-UMC categories in the order set, as four texts: category, reason, time, user.
  static let selectWHOUMC =
    "SELECT category, reason, assessed_at, assessed_by FROM who_umc_assessment WHERE case_id = ? ORDER BY id"

  /// Stores a staff answer to a Naranjo question.
  func insertAnswer(caseID: Int64, question: Int, _ answer: Naranjo.Answer, at time: String, by user: String) throws {
    try db.execute(Self.answerInsert.sql, [caseID, question, answer.rawValue, time, user])
  }

  /// Stores the WHO-UMC category staff set, and why.
  func insertWHOUMC(caseID: Int64, _ category: WHOUMC.Category, reason: String, at time: String, by user: String)
    throws
  {
    try db.execute(Self.whoUMCInsert.sql, [caseID, category.rawValue, reason, time, user])
  }

  /// The latest staff answer of each question of a case.
  func latestAnswers(caseID: Int64) throws -> [Int: (answer: Naranjo.Answer, user: String, at: String)] {
    var result: [Int: (Naranjo.Answer, String, String)] = [:]
    try db.cachedStatement(Self.selectAnswers).forEachRow([caseID]) { row in
      let answer = Naranjo.Answer(rawValue: try row.text(at: 1)) ?? .unknown
      if let question = Int(try row.text(at: 0)) {
        result[question] = (answer, try row.text(at: 3), try row.text(at: 2))
      }
    }
    return result
  }
}
