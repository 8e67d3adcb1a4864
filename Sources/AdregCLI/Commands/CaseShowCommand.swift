import AdregArguments
import AdregCore
import AdregFormats

/// `adreg case show ID`.
enum CaseShowCommand: AdregCommand {
  static let spec = CommandSpec(
    "case show",
    abstract: "Show a case: timing, appearance, and every follow-up in order.",
    arguments: [SharedOptions.caseID.spec],
    options: [SharedOptions.wide.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format(allowed: [.table, .json])
    let id = try CaseOptions.caseID(arguments)
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
    let severity = record.severity?.rawValue ?? "–"
    io.line(escaping: "  scaling: \(record.scaling)   severity: \(severity)   itch: \(record.itch.map { "\($0)/10" } ?? "–")")
    io.line(escaping: "  morphology: \(Present.list(record.morphology.codes))")
    io.line(escaping: "  body sites: \(Present.list(record.bodySites.codes))")
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
      io.line(escaping: "  current: action \(state.action?.rawValue ?? "–"), "
        + "outcome \(state.outcome?.rawValue ?? "–")"
        + (state.outcomeDate.map { " on \($0.iso)" } ?? ""))
    }
  }
}
