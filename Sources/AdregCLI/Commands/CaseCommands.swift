import AdregArguments
import AdregCore
import AdregFormats

/// `adreg case show ID`.
enum CaseShowCommand: AdregCommand {
  static let spec = CommandSpec(
    "case show",
    abstract: "Show a case: timing, appearance, and every follow-up in order.",
    arguments: [SharedOptions.caseID],
    options: [SharedOptions.wide])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format(allowed: [.table, .json])
    let id = try caseID(arguments)
    let record = try context.registry(readOnly: true).caseRecord(id: id)
    if format == .json {
      context.io.line(JSONValue.object(Present.caseRecord(record)).serialized())
      return
    }
    let io = context.io
    // Continuation lines start deeper than any line of the layout, so a folded note cannot pass for one.
    let layout = TextLayout(arguments)
    let indent = String(repeating: " ", count: 8)
    if let withdrawal = record.withdrawal {
      io.line(escaping: "WITHDRAWN on \(withdrawal.at) by \(withdrawal.by): \(withdrawal.reason)", layout: layout, indent: indent)
      if let kept = withdrawal.duplicateOf { io.line("  duplicate of: case \(kept), which stays") }
    }
    io.line(
      escaping: "Case \(record.id) — \(record.category), patient \(record.patientCode) (site \(record.site))",
      layout: layout, indent: indent)
    io.line(escaping: "  onset: \(record.onset.iso), \(Present.timing(record.timing))")
    io.line(escaping: "  reported: \(record.reported.iso) by \(record.source), \(record.timing.reportingDelay) day(s) after onset")
    io.line(escaping: "  scaling: \(record.scaling)   severity: \(record.severity ?? "–")   itch: \(record.itch.map { "\($0)/10" } ?? "–")")
    io.line(escaping: "  morphology: \(Present.list(record.morphology))")
    io.line(escaping: "  body sites: \(Present.list(record.bodySites))")
    io.line(escaping: "  serious: \(record.seriousness.isEmpty ? "no" : record.seriousness.joined(separator: ", "))")
    if !record.duplicates.isEmpty {
      io.line(
        escaping: "  duplicates withdrawn: " + record.duplicates.map { "case \($0)" }.joined(separator: ", "),
        layout: layout, indent: indent)
    }
    if let note = record.description { io.line(escaping: "  note: \(note)", layout: layout, indent: indent) }
    io.line(escaping: "  recorded \(record.createdAt) by \(record.createdBy)")
    if record.followUps.isEmpty {
      io.line(escaping: "  follow-ups: none")
    } else {
      io.line(escaping: "  follow-ups:")
      for (n, f) in record.followUps.enumerated() {
        io.line(
          escaping: "    \(n + 1). \(f.recordedAt) by \(f.recordedBy): \(Present.followUpParts(f).joined(separator: "; "))",
          layout: layout, indent: indent)
      }
      let state = record.current
      io.line(escaping: "  current: action \(state.action ?? "–"), outcome \(state.outcome ?? "–")"
        + (state.outcomeDate.map { " on \($0.iso)" } ?? ""))
    }
  }

  static func caseID(_ arguments: ParsedArguments) throws -> Int64 {
    let text = arguments.positional("id") ?? ""
    guard let id = Int64(text), id > 0 else {
      throw RegistryError.invalid("case id '\(text)' is not a case number; use the number 'record' printed or 'adreg case list'")
    }
    return id
  }
}

/// `adreg case list`.
enum CaseListCommand: AdregCommand {
  static let spec = CommandSpec(
    "case list",
    abstract: "List cases (withdrawn cases are left out).",
    options: [
      .value("patient", "code", help: "Only this patient's cases."),
      .value("category", "category", help: "Only this category.", allowedValues: Vocabulary.category.codes),
      .flag("serious", help: "Only serious cases (with at least one seriousness criterion)."),
      SharedOptions.from, SharedOptions.to, SharedOptions.site, SharedOptions.raw,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    var filter = CaseFilter()
    filter.patientCode = arguments.value("patient")
    filter.category = arguments.value("category")
    filter.site = arguments.value("site")
    filter.seriousOnly = arguments.flag("serious")
    filter.from = try arguments.value("from").map { try Validate.date($0, field: "from") }
    filter.to = try arguments.value("to").map { try Validate.date($0, field: "to") }
    let registry = try context.registry(readOnly: true)
    var listing = context.listing(
      [
        "id", "site", "patient", "category", "onset", "day_of_treatment", "days_since_last_dose", "scaling", "severity",
        "outcome",
      ], format: format)
    try registry.forEachCase(filter) { c in
      // JSON carries the whole record; the table and CSV its summary columns.
      guard format != .json else { return listing.append([], object: Present.caseRecord(c)) }
      listing.append(
        [.int(c.id), .string(c.site), .string(c.patientCode), .string(c.category), .string(c.onset.iso),
         .int(Int64(c.timing.dayOfTreatment)), c.timing.daysSinceLastDose.map { .int(Int64($0)) } ?? .null,
         .string(c.scaling), c.severity.map { .string($0) } ?? .null, c.current.outcome.map { .string($0) } ?? .null])
    }
    listing.finish()
  }
}

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
      .value("note", "text", help: "A note."),
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let id = try CaseShowCommand.caseID(arguments)
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

/// `adreg case withdraw ID --reason T` or `--duplicate-of OTHER`.
enum CaseWithdrawCommand: AdregCommand {
  static let spec = CommandSpec(
    "case withdraw",
    abstract: "Withdraw a case entered in error; it stays, marked, and leaves every list and report.",
    discussion: """
      Give --reason, or --duplicate-of OTHER for a case that duplicates another case of the same patient (see \
      'adreg case duplicates'): the reason then says "duplicate of case OTHER" (with --reason added), and both \
      cases' 'case show' name the link. OTHER is the case that stays; it may not be withdrawn itself.
      """,
    arguments: [SharedOptions.caseID],
    options: [
      .value("reason", "text", help: "Why the case is withdrawn (required unless --duplicate-of is given)."),
      .value("duplicate-of", "id", help: "The case this one duplicates, which stays."),
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let id = try CaseShowCommand.caseID(arguments)
    guard let otherText = arguments.value("duplicate-of") else {
      guard let reason = arguments.value("reason") else {
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
    try context.registry().withdraw(caseID: id, duplicateOf: other, reason: arguments.value("reason"))
    context.io.line("Case \(id) withdrawn as a duplicate of case \(other).")
  }
}
