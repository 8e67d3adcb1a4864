import AdregArguments
import AdregCore
import AdregFormats

/// `adreg case update ID`: append a follow-up.
enum CaseUpdateCommand: AdregCommand {
  static let action = Option<String?>.value(
    "action", "action", help: "What was done with dupilumab.", allowedValues: Vocabulary.action.codes)
  static let treatment = Option<String?>.value(
    "treatment", "codes", help: "Add-on treatments, comma-separated.", allowedValues: Vocabulary.treatment.codes)
  static let dechallenge = Option<String?>.value(
    "dechallenge", "result", help: "Result of pausing or spacing dupilumab.",
    allowedValues: Vocabulary.dechallenge.codes)
  static let rechallenge = Option<String?>.value(
    "rechallenge", "result", help: "Result of giving it again.", allowedValues: Vocabulary.rechallenge.codes)
  static let outcome = Option<String?>.value(
    "outcome", "outcome", help: "How the reaction is now.", allowedValues: Vocabulary.outcome.codes)
  static let outcomeDate = Option<String?>.value(
    "outcome-date", "date", help: "Day of the outcome, YYYY-MM-DD (needed when resolved).")
  static let biopsy = Option<String?>.value("biopsy", "text", help: "Biopsy result.")
  static let note = Option<String?>.value(
    "note", "text", help: "A note on the follow-up (the note column of followups.csv).")

  static let spec = CommandSpec(
    "case update",
    abstract: "Append a follow-up to a case; earlier follow-ups stay in its history.",
    arguments: [SharedOptions.caseID.spec],
    options: [
      action.spec, treatment.spec, dechallenge.spec, rechallenge.spec, outcome.spec, outcomeDate.spec,
      SharedOptions.serious.spec, biopsy.spec, note.spec,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let id = try CaseOptions.caseID(arguments)
    var draft = FollowUpDraft()
    draft.action = arguments[Self.action]
    draft.treatments = arguments.list(Self.treatment)
    draft.dechallenge = arguments[Self.dechallenge]
    draft.rechallenge = arguments[Self.rechallenge]
    draft.outcome = arguments[Self.outcome]
    draft.outcomeDate = arguments[Self.outcomeDate]
    draft.biopsy = arguments[Self.biopsy]
    draft.note = arguments[Self.note]
    draft.seriousness = arguments.list(SharedOptions.serious)
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
