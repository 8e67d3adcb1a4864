import AdregArguments
import AdregCore
import AdregFormats

/// `adreg assess ID`: Naranjo causality and differentiation hints.
enum AssessCommand: AdregCommand {
  static let spec = CommandSpec(
    "assess",
    abstract: "Assess causality of a case (Naranjo scale) with differentiation hints.",
    discussion: """
      Answers come from the record where it can tell, else "don't know"; staff may answer any question \
      with --answer N=yes|no|unknown (audited), and later assessments use those answers.
      """,
    arguments: [SharedOptions.caseID],
    options: [
      .repeated("answer", "N=answer", help: "Answer question N (1-10): yes, no or unknown. Repeatable."),
      SharedOptions.wide,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let output = try context.format(allowed: [.table, .json])
    let id = try CaseShowCommand.caseID(arguments)
    let answers = arguments.values("answer")
    let registry = try context.registry(readOnly: answers.isEmpty)
    try registry.answer(caseID: id, answers)
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
    if assessment.hints.isEmpty {
      io.line("Differentiation hints: none of the rules fired.")
    } else {
      io.line("Differentiation hints:")
      for hint in assessment.hints {
        io.out(layout.fold(DisplayText.escapedMessage("  - \(hint.rule): \(hint.hint)"), indent: "    "))
      }
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
        let source: (String, String?) = switch q.source {
        case .record(let fact): ("record", fact)
        case .staff(let user, let at): ("staff", "\(user) at \(at)")
        case .unknown: ("unknown", nil)
        }
        return .object([
          ("number", .int(Int64(q.number))), ("question", .string(q.text)), ("answer", .string(q.answer.rawValue)),
          ("source", .string(source.0)), ("because", source.1.map { .string($0) } ?? .null), ("score", .int(Int64(q.score))),
        ])
      })),
      ("total", .int(Int64(a.total))), ("category", .string(a.category)),
      ("hints", .array(a.hints.map { .object([("rule", .string($0.rule)), ("hint", .string($0.hint))]) })),
    ])
  }
}
