import AdregDatabase
import AdregFormats

/// What loading a package's staff answers did.
struct AnswerImport {
  var rowsRead = 0
  var written = 0
  var alreadyPresent = 0
}

extension Registry {
  /// Loads assessments.csv inside the package's transaction: each row the `sequence`-th staff answer of its
  /// case, added after the stored ones or compared with the one stored there.
  /// - Throws: `RegistryError.invalidData` listing every bad row as `FILE:LINE: column: problem`.
  func importAnswers(
    _ reader: CSVReader, source: ImportSource, cases: [String: CaseKey], limit: Int
  ) throws -> AnswerImport {
    let header = try readHeader(reader, file: .assessments, noun: "assessment", source: source)
    var result = AnswerImport()
    var problems: [String] = []
    var problemCount = 0
    var stored: [Int64: [StoredAnswer]] = [:]
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
        let sequence = try Validate.integer(field("sequence").trimmedSpaces(), field: "sequence", in: 1...1_000_000)
        let question = try Validate.integer(field("question").trimmedSpaces(), field: "question", in: 1...10)
        guard let answer = Naranjo.Answer(rawValue: field("answer").trimmedSpaces()) else {
          throw RegistryError.invalid("answer: '\(Validate.shortened(field("answer")))' is not yes, no or unknown")
        }
        let atText = field("answered_at").trimmedSpaces()
        let at = try atText.isEmpty ? createdAt : ImportChecker.utcTime(atText, field: "answered_at", today: today)
        let byText = field("answered_by")
        let by = try byText.isEmpty ? user : Validate.requiredText(byText, field: "answered_by", multiline: false)
        var answers = try stored[reaction.id] ?? storedAnswers(caseID: reaction.id)
        defer { stored[reaction.id] = answers }
        let given = StoredAnswer(question: question, answer: answer.rawValue, at: at, by: by)
        if sequence <= answers.count {
          var comparable = given
          if atText.isEmpty { comparable.at = answers[sequence - 1].at }
          if byText.isEmpty { comparable.by = answers[sequence - 1].by }
          guard comparable == answers[sequence - 1] else {
            throw RegistryError.invalid(
              "sequence: case \(uuid) already has a staff answer \(sequence) with other values; an import adds answers, it does not change them")
          }
          result.alreadyPresent += 1
          continue
        }
        guard sequence == answers.count + 1 else {
          throw RegistryError.invalid(
            "sequence: case \(uuid) has \(answers.count) staff answer(s), so the next is \(answers.count + 1), not \(sequence); list a case's answers in order, without gaps")
        }
        try db.cachedStatement(
          "INSERT INTO assessment_answer (case_id, question, answer, answered_at, answered_by) VALUES (?, ?, ?, ?, ?)"
        ).execute([.integer(reaction.id), .integer(Int64(question)), .text(answer.rawValue), .text(at), .text(by)])
        answers.append(given)
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

  private func storedAnswers(caseID: Int64) throws -> [StoredAnswer] {
    try db.rows(
      "SELECT question, answer, answered_at, answered_by FROM assessment_answer WHERE case_id = ? ORDER BY id",
      [.integer(caseID)]
    ).map {
      StoredAnswer(
        question: try $0.decode(Int.self, column: "question"), answer: try $0.decode(String.self, column: "answer"),
        at: try $0.decode(String.self, column: "answered_at"), by: try $0.decode(String.self, column: "answered_by"))
    }
  }
}

/// A staff answer as stored.
private struct StoredAnswer: Equatable {
  var question: Int
  var answer: String
  var at: String
  var by: String
}
