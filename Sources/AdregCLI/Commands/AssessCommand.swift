import AdregArguments
import AdregCore
import AdregFormats

/// `adreg assess ID`: Naranjo causality, the WHO-UMC category, and differentiation hints.
enum AssessCommand: AdregCommand {
  static let answer = Option<[String]>.repeated(
    "answer", "N=answer", help: "Answer question N (1-10): yes, no or unknown. Repeatable.")
  static let whoUMC = Option<String?>.value(
    "who-umc", "category", help: "Set the case's WHO-UMC causality category (needs --reason).",
    allowedValues: Vocabulary.whoUMC.codes)
  static let reason = Option<String?>.value(
    "reason", "text", help: "Why the WHO-UMC category was set (with --who-umc).")

  static let spec = CommandSpec(
    "assess",
    abstract: "Assess causality of a case (Naranjo scale and WHO-UMC) with differentiation hints.",
    discussion: """
      Answers come from the record where it can tell, else "don't know"; staff may answer any question \
      with --answer N=yes|no|unknown (audited), and later assessments use those answers. \
      WHO-UMC: adreg suggests a category from four criteria, each read from a Naranjo answer (staff's where \
      given): time (question 2), alternative cause (question 5), withdrawal (question 3, dechallenge) and \
      rechallenge (question 4). certain: time, no alternative, improved on withdrawal, recurred on rechallenge; \
      probable: time, no alternative, improved on withdrawal; possible: time, and an alternative, question 5 not \
      answered or no dechallenge information; unassessable: 'other' without a description, or time not met. The \
      record never says there is no alternative cause: answer --answer 5=no for probable or certain. unlikely and \
      conditional are staff judgements: set the final category with --who-umc C --reason T (audited; the latest \
      stands).
      """,
    arguments: [SharedOptions.caseID.spec],
    options: [answer.spec, whoUMC.spec, reason.spec, SharedOptions.wide.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let output = try context.format(allowed: [.table, .json])
    let id = try CaseOptions.caseID(arguments)
    let answers = arguments[Self.answer]
    let setting = try whoUMCSetting(arguments, context)
    let registry = try context.registry(readOnly: answers.isEmpty && setting == nil)
    try registry.recordAssessment(caseID: id, answers: answers.map(parsedAnswer), whoUMC: setting)
    let assessment = try registry.assess(caseID: id)
    if output == .json {
      context.io.line(json(assessment).serialized())
      return
    }
    let io = context.io
    let layout = TextLayout(arguments)
    io.line("Causality of case \(id) — Naranjo scale")
    io.line("")
    for q in assessment.questions {
      let score = q.score > 0 ? "+\(q.score)" : String(q.score)
      io.out(layout.fold("\(String(q.number).leftPadding(2)). \(q.text)", indent: "    "))
      // A fact from the record quotes stored text already escaped (`Validate.shortened`); a user name never needs it.
      let answer = "    \(answerWord(q.answer).padding(10)) \(score.leftPadding(2))   "
      io.out(layout.fold(
        DisplayText.escapedMessage(answer + sourceText(q.source)), indent: String(repeating: " ", count: answer.count + 2)))
    }
    io.line("")
    io.line("Total \(assessment.total): \(assessment.category) (≥ 9 definite, 5–8 probable, 1–4 possible, ≤ 0 doubtful)")
    io.line("")
    showWHOUMC(assessment.whoUMC, io: io, layout: layout)
    io.line("")
    if assessment.hints.isEmpty {
      io.line("Differentiation hints: none of the rules fired.")
    } else {
      io.line("Differentiation hints:")
      for hint in assessment.hints {
        io.out(layout.fold(DisplayText.escapedMessage("  - \(hint.rule): \(hint.hint)"), indent: "    "))
      }
    }
    if !assessment.unchecked.isEmpty { io.line("Not checked:") }
    for hint in assessment.unchecked {
      io.out(layout.fold(DisplayText.escapedMessage("  - \(hint.rule): \(hint.hint)"), indent: "    "))
    }
  }

  /// One `--answer N=yes|no|unknown`.
  /// - Throws: `RegistryError.invalidData` saying how an answer is written.
  static func parsedAnswer(_ text: String) throws -> (question: Int, answer: Naranjo.Answer) {
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    let questions = 1...Naranjo.questions.count
    guard parts.count == 2, let number = Int(parts[0]), questions.contains(number) else {
      throw RegistryError.invalid(
        "answer: '\(Validate.shortened(text))' is not N=yes|no|unknown with N from \(questions.lowerBound) to "
          + "\(questions.upperBound), e.g. --answer 5=no")
    }
    guard let answer = Naranjo.Answer(rawValue: parts[1].lowercased()) else {
      throw RegistryError.invalid(
        "answer: '\(Validate.shortened(parts[1]))' for question \(number) is not yes, no or unknown")
    }
    return (number, answer)
  }

  /// `--who-umc C --reason T`, the one not given without the other.
  static func whoUMCSetting(_ arguments: ParsedArguments, _ context: CommandContext) throws -> (code: String, reason: String)? {
    switch (arguments[Self.whoUMC], arguments[Self.reason]) {
    case (nil, nil): return nil
    case (let code?, let reason?): return (code, reason)
    case (_?, nil): throw context.usage("--who-umc needs --reason <text>: say why the category is set")
    case (nil, _?): throw context.usage("--reason goes with --who-umc <category>; give both, or leave --reason out")
    }
  }

  /// The WHO-UMC lines: suggested and set categories, then each criterion with the answer it read.
  static func showWHOUMC(_ w: WHOUMCAssessment, io: CLIIO, layout: TextLayout) {
    let set = w.staff.map { "set \($0.category.rawValue) by \($0.by) at \($0.at): \($0.reason)" } ?? "not set (--who-umc C --reason T)"
    // The reason is stored text, shown escaped whole; the criteria quote facts the record escaped already.
    io.line(escaping: "WHO-UMC causality: suggested \(w.suggested.rawValue); \(set)", layout: layout, indent: "    ")
    io.out(layout.fold(DisplayText.escapedMessage("  rule: \(w.rule)"), indent: "    "))
    for c in w.criteria {
      let line = "  \(c.criterion.rawValue.padding(11)) \(c.finding) — question \(c.criterion.question) \(answerWord(c.answer)), "
      io.out(layout.fold(DisplayText.escapedMessage(line + sourceText(c.source)), indent: "    "))
    }
  }

  static func answerWord(_ answer: Naranjo.Answer) -> String {
    answer == .unknown ? "don't know" : answer.rawValue
  }

  static func sourceText(_ source: AnswerSource) -> String {
    switch source {
    case .record(let fact): "from the record: \(fact)"
    case .staff(let user, let at): "answered by \(user) at \(at)"
    case .unknown: "nothing in the record tells"
    }
  }

  static func json(_ a: Assessment) -> JSONValue {
    .object([
      ("case_id", .int(a.caseID)),
      ("questions", .array(a.questions.map { q in
        let source = sourceJSON(q.source)
        return .object([
          ("number", .int(Int64(q.number))), ("question", .string(q.text)), ("answer", .string(q.answer.rawValue)),
          ("source", .string(source.0)), ("because", JSONValue(source.1)), ("score", .int(Int64(q.score))),
        ])
      })),
      ("total", .int(Int64(a.total))), ("category", .string(a.category.rawValue)),
      ("who_umc", whoUMCJSON(a.whoUMC)),
      ("hints", .array(a.hints.map { .object([("rule", .string($0.rule)), ("hint", .string($0.hint))]) })),
      ("unchecked_hints", .array(a.unchecked.map { .object([("rule", .string($0.rule)), ("hint", .string($0.hint))]) })),
    ])
  }

  static func whoUMCJSON(_ w: WHOUMCAssessment) -> JSONValue {
    .object([
      ("suggested", .string(w.suggested.rawValue)), ("rule", .string(w.rule)),
      ("criteria", .array(w.criteria.map { c in
        let (source, because) = sourceJSON(c.source)
        return .object([
          ("criterion", .string(c.criterion.rawValue)), ("question", .int(Int64(c.criterion.question))),
          ("answer", .string(c.answer.rawValue)), ("finding", .string(c.finding)), ("source", .string(source)),
          ("because", JSONValue(because)),
        ])
      })),
      ("set", JSONValue(w.staff.map { s in
        JSONValue.object([
          ("category", .string(s.category.rawValue)), ("reason", .string(s.reason)), ("by", .string(s.by)),
          ("at", .string(s.at)),
        ])
      })),
      ("standing", .string(w.standing.rawValue)),
    ])
  }

  /// An answer's source as JSON gives it: `record`, `staff` or `unknown`, and the fact or who and when.
  static func sourceJSON(_ source: AnswerSource) -> (String, String?) {
    switch source {
    case .record(let fact): ("record", fact)
    case .staff(let user, let at): ("staff", "\(user) at \(at)")
    case .unknown: ("unknown", nil)
    }
  }
}
