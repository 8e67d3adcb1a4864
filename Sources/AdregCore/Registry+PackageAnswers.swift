import AdregDatabase
import AdregFormats

/// What loading a package's staff answers did.
struct AnswerImport {
  var rowsRead = 0
  var written = 0
  var alreadyPresent = 0
}

extension Registry {
  /// Loads assessments.csv inside the package's transaction: each row the `sequence`-th staff assessment of its
  /// case and method (a Naranjo answer or a WHO-UMC category), added after the stored ones or compared with the one
  /// stored there.
  /// - Throws: `RegistryError.invalidData` listing every bad row as `FILE:LINE: column: problem`.
  func importAnswers(
    _ reader: CSVReader, source: ImportSource, cases: [String: CaseKey], limit: Int
  ) throws -> AnswerImport {
    let header = try readHeader(reader, file: .assessments, noun: "assessment", source: source)
    var result = AnswerImport()
    var problems: [String] = []
    var problemCount = 0
    var stored: [StoredKey: [StoredAssessment]] = [:]
    let createdAt = timestamp()
    while let record = try Registry.nextRecord(reader, source: source) {
      result.rowsRead += 1
      func field(_ name: String) -> String {
        guard let index = header.index[name], index < record.fields.count else { return "" }
        return CSVFormat.unescapingFormula(record.fields[index])
      }
      do {
        guard record.fields.count == header.fields.count else {
          throw RegistryError.invalid(
            "the row has \(record.fields.count) field(s), the header \(header.fields.count); check for a missing or extra comma")
        }
        let uuid = try Validate.uuid(field("case_uuid").trimmedSpaces(), field: "case_uuid")
        guard let reaction = cases[uuid] else {
          throw RegistryError.invalid("case_uuid: unknown case \(uuid); check the uuid against cases.csv")
        }
        let method = try Registry.assessmentMethod(field("method").trimmedSpaces())
        let sequence = try Validate.integer(field("sequence").trimmedSpaces(), field: "sequence", in: 1...1_000_000)
        let values = try Registry.assessmentValues(method, field)
        let atText = field("answered_at").trimmedSpaces()
        let at = try atText.isEmpty ? createdAt : ImportChecker.utcTime(atText, field: "answered_at", today: today)
        let byText = field("answered_by")
        let by = try byText.isEmpty ? user : Validate.requiredText(byText, field: "answered_by", multiline: false)
        let key = StoredKey(caseID: reaction.id, method: method)
        var assessments = try stored[key] ?? storedAssessments(key)
        defer { stored[key] = assessments }
        let given = StoredAssessment(values: values, at: at, by: by)
        let noun = method == .naranjo ? "staff answer" : "WHO-UMC category"
        if sequence <= assessments.count {
          var comparable = given
          if atText.isEmpty { comparable.at = assessments[sequence - 1].at }
          if byText.isEmpty { comparable.by = assessments[sequence - 1].by }
          guard comparable == assessments[sequence - 1] else {
            throw RegistryError.invalid(
              "sequence: case \(uuid) already has a \(method.rawValue) \(noun) \(sequence) with other values; an import adds assessments, it does not change them")
          }
          result.alreadyPresent += 1
          continue
        }
        guard sequence == assessments.count + 1 else {
          throw RegistryError.invalid(
            "sequence: case \(uuid) has \(assessments.count) \(noun)(s), so the next is \(assessments.count + 1), not \(sequence); list a case's assessments of each method in order, without gaps")
        }
        try db.cachedStatement(method.insert).execute(
          [.integer(reaction.id)] + values.enumerated().map { index, value in
            method == .naranjo && index == 0 ? .integer(Int64(value) ?? 0) : .text(value)
          } + [.text(at), .text(by)])
        assessments.append(given)
        result.written += 1
      } catch let error as RegistryError where error.kind == .invalidData {
        problemCount += 1
        if problems.count < limit { problems.append("\(source.name):\(record.line): \(error.message)") }
      }
    }
    if problemCount > 0 {
      if problemCount > problems.count { problems.append("… and \(problemCount - problems.count) more") }
      throw RegistryError.invalid(
        "\(problemCount == 1 ? "1 invalid row" : "\(problemCount) invalid rows") in \(source.name); nothing was imported. Fix the rows:\n"
          + problems.joined(separator: "\n"))
    }
    return result
  }

  /// The stored assessments of one case and method, in the order given.
  private func storedAssessments(_ key: StoredKey) throws -> [StoredAssessment] {
    var result: [StoredAssessment] = []
    try db.cachedStatement(key.method.selectStored).forEachRow([.integer(key.caseID)]) { row in
      result.append(
        StoredAssessment(
          values: [try row.text(at: 0), try row.text(at: 1)], at: try row.text(at: 2), by: try row.text(at: 3)))
    }
    return result
  }

  /// The `method` of a row; empty (a file from before WHO-UMC categories were exported) is `naranjo`.
  static func assessmentMethod(_ text: String) throws -> AssessmentMethod {
    if text.isEmpty { return .naranjo }
    guard let method = AssessmentMethod(rawValue: text) else {
      throw RegistryError.invalid("method: '\(Validate.shortened(text))' is not naranjo or who-umc")
    }
    return method
  }

  /// A row's stored values: question and answer of a naranjo row, category and reason of a who-umc row. The other
  /// method's columns must be empty.
  static func assessmentValues(_ method: AssessmentMethod, _ field: (String) -> String) throws -> [String] {
    let others = method == .naranjo ? ["who_umc", "who_umc_reason"] : ["question", "answer"]
    if let filled = others.first(where: { !field($0).trimmedSpaces().isEmpty }) {
      throw RegistryError.invalid("\(filled): a \(method.rawValue) row leaves \(others.joined(separator: " and ")) empty")
    }
    switch method {
    case .naranjo:
      let question = try Validate.integer(field("question").trimmedSpaces(), field: "question", in: 1...10)
      guard let answer = Naranjo.Answer(rawValue: field("answer").trimmedSpaces()) else {
        throw RegistryError.invalid("answer: '\(Validate.shortened(field("answer")))' is not yes, no or unknown")
      }
      return [String(question), answer.rawValue]
    case .whoUMC:
      let code: String
      do {
        code = try Vocabulary.whoUMC.validate(field("who_umc").trimmedSpaces())
      } catch let error as RegistryError {
        throw RegistryError.invalid("who_umc: \(error.message)")
      }
      return [code, try Validate.requiredText(field("who_umc_reason"), field: "who_umc_reason")]
    }
  }
}

/// The kinds of staff assessment assessments.csv holds, with their tables.
enum AssessmentMethod: String {
  case naranjo
  case whoUMC = "who-umc"

  var insert: String {
    switch self {
    case .naranjo: AssessmentStore.answerInsert.sql
    case .whoUMC: AssessmentStore.whoUMCInsert.sql
    }
  }

  var selectStored: String {
    switch self {
    case .naranjo: AssessmentStore.selectAnswers
    case .whoUMC: AssessmentStore.selectWHOUMC
    }
  }
}

/// A case and a method, whose stored assessments an import appends to.
private struct StoredKey: Hashable {
  var caseID: Int64
  var method: AssessmentMethod
}

/// A staff assessment as stored: its values (question and answer, or category and reason), when and by whom.
private struct StoredAssessment: Equatable {
  var values: [String]
  var at: String
  var by: String
}
