import AdregDatabase
import Foundation

extension Registry {
  /// The latest WHO-UMC category staff set for a case, or nil when none was set.
  /// - Throws: `DatabaseError` when the registry cannot be read.
  public func whoUMCSetting(caseID: Int64) throws -> WHOUMCSetting? {
    try read {
      guard let row = try db.row(
        """
        SELECT category, reason, assessed_by, assessed_at FROM who_umc_assessment WHERE case_id = ?
        ORDER BY id DESC LIMIT 1
        """, [caseID])
      else { return nil }
      let code = try row.decode(String.self, column: "category")
      guard let category = WHOUMC.Category(rawValue: code) else {
        throw RegistryError.invalid("case \(caseID) has an unknown WHO-UMC category '\(Validate.shortened(code))'; run 'adreg check'")
      }
      return WHOUMCSetting(
        category: category, reason: try row.decode(String.self, column: "reason"),
        by: try row.decode(String.self, column: "assessed_by"), at: try row.decode(String.self, column: "assessed_at"))
    }
  }

  /// The WHO-UMC suggestion from the assessed Naranjo answers (staff's where given, else the record's), with the
  /// category staff set.
  func whoUMC(_ record: CaseRecord, questions: [AssessedQuestion]) throws -> WHOUMCAssessment {
    let criteria = WHOUMC.Criterion.allCases.map { criterion in
      let question = questions[criterion.question - 1]
      return WHOUMCCriterion(criterion: criterion, answer: question.answer, source: question.source)
    }
    let judgeable = record.category != .other
      || !(record.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    let suggestion = WHOUMC.suggest(
      judgeable: judgeable, Dictionary(uniqueKeysWithValues: criteria.map { ($0.criterion, $0.answer) }))
    return WHOUMCAssessment(
      suggested: suggestion.category, rule: suggestion.rule, criteria: criteria,
      staff: try whoUMCSetting(caseID: record.id))
  }
}
