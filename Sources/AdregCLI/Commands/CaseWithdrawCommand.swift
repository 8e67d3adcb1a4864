import AdregArguments
import AdregCore
import AdregFormats

/// `adreg case withdraw ID --reason T` or `--duplicate-of OTHER`.
enum CaseWithdrawCommand: AdregCommand {
  static let reason = Option<String?>.value(
    "reason", "text", help: "Why the case is withdrawn (required unless --duplicate-of is given).")
  static let duplicateOf = Option<String?>.value(
    "duplicate-of", "id", help: "The case this one duplicates, which stays.")

  static let spec = CommandSpec(
    "case withdraw",
    abstract: "Withdraw a case entered in error; it stays, marked, and leaves every list and report.",
    discussion: """
      Give --reason, or --duplicate-of OTHER for a case that duplicates another case of the same patient (see \
      'adreg case duplicates'): the reason then says "duplicate of case OTHER" (with --reason added), and both \
      cases' 'case show' name the link. OTHER is the case that stays; it may not be withdrawn itself.
      """,
    arguments: [SharedOptions.caseID.spec],
    options: [reason.spec, duplicateOf.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let id = try CaseOptions.caseID(arguments)
    guard let otherText = arguments[Self.duplicateOf] else {
      guard let reason = arguments[Self.reason] else {
        throw context.usage("Missing expected argument '--reason <text>' (or '--duplicate-of <id>')")
      }
      try context.registry().withdraw(caseID: id, reason: reason)
      context.io.line("Case \(id) withdrawn.")
      return
    }
    guard let other = Int64(otherText), other > 0 else {
      throw RegistryError.invalid(
        "--duplicate-of '\(shortened(otherText, limit: 40))' is not a case number; give the id of the case that stays")
    }
    try context.registry().withdraw(caseID: id, duplicateOf: other, reason: arguments[Self.reason])
    context.io.line("Case \(id) withdrawn as a duplicate of case \(other).")
  }
}
