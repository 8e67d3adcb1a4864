import AdregArguments
import AdregCore
import AdregFormats

/// `adreg case update ID`: append a follow-up.
enum CaseUpdateCommand: AdregCommand {
  static let spec = CommandSpec(
    "case update",
    abstract: "Append a follow-up to a case; earlier follow-ups stay in its history.",
    arguments: [SharedOptions.caseID],
    options: [
      .value("action", "action", help: "What was done with dupilumab.", allowedValues: Vocabulary.action.codes),
      .value("treatment", "codes", help: "Add-on treatments, comma-separated.", allowedValues: Vocabulary.treatment.codes),
      .value("dechallenge", "result", help: "Result of pausing or spacing dupilumab.", allowedValues: Vocabulary.dechallenge.codes),
      .value("rechallenge", "result", help: "Result of giving it again.", allowedValues: Vocabulary.rechallenge.codes),
      .value("outcome", "outcome", help: "How the reaction is now.", allowedValues: Vocabulary.outcome.codes),
      .value("outcome-date", "date", help: "Day of the outcome, YYYY-MM-DD (needed when resolved)."),
      SharedOptions.serious,
      .value("biopsy", "text", help: "Biopsy result."),
      .value("note", "text", help: "A note on the follow-up (the note column of followups.csv)."),
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let id = try CaseOptions.caseID(arguments)
    var draft = FollowUpDraft()
    draft.action = arguments.value("action")
    draft.treatments = arguments.list("treatment")
    draft.dechallenge = arguments.value("dechallenge")
    draft.rechallenge = arguments.value("rechallenge")
    draft.outcome = arguments.value("outcome")
    draft.outcomeDate = arguments.value("outcome-date")
    draft.biopsy = arguments.value("biopsy")
    draft.note = arguments.value("note")
    draft.seriousness = arguments.list("serious")
    let before = try context.registry(readOnly: true).caseRecord(id: id)
    let record = try context.registry().update(caseID: id, with: draft)
    if record.followUps.count > before.followUps.count {
      context.io.line("Follow-up \(record.followUps.count) added to case \(id).")
    }
    if record.seriousness != before.seriousness {
      context.io.line("Case \(id) is serious: \(record.seriousness.joined(separator: ", ")).")
    }
  }
}
