import AdregCore
import AdregFormats

/// Domain values as JSON objects (snake_case keys, unrounded) and as words.
enum Present {
  static func patient(_ p: Patient) -> [(String, JSONValue)] {
    [("site", .string(p.site)), ("code", .string(p.code)), ("uuid", .string(p.uuid)), ("sex", .string(p.sex.rawValue)),
     ("birth_year", p.birthYear.map { .int(Int64($0)) } ?? .null), ("start", .string(p.start.iso)),
     ("stop", p.stop.map { .string($0.iso) } ?? .null), ("stop_reason", p.stopReason.map { .string($0) } ?? .null),
     ("regimen", .string(p.regimen)), ("interval_days", .int(Int64(p.intervalDays))),
     ("risk_factors", .array(p.riskFactors.map { .string($0.rawValue) }))]
  }

  static func caseRecord(_ c: CaseRecord) -> [(String, JSONValue)] {
    let state = c.current
    return [
      ("id", .int(c.id)), ("uuid", .string(c.uuid)), ("site", .string(c.site)), ("patient", .string(c.patientCode)),
      ("category", .string(c.category.rawValue)), ("onset", .string(c.onset.iso)),
      ("reported", .string(c.reported.iso)), ("source", .string(c.source.rawValue)),
      ("scaling", .string(c.scaling.rawValue)), ("morphology", .array(c.morphology.map { .string($0.rawValue) })),
      ("sites", .array(c.bodySites.map { .string($0.rawValue) })),
      ("severity", c.severity.map { .string($0.rawValue) } ?? .null), ("itch", c.itch.map { .int(Int64($0)) } ?? .null),
      ("note", c.description.map { .string($0) } ?? .null),
      ("seriousness", .array(c.seriousness.map { .string($0.rawValue) })),
      ("days_since_start", .int(Int64(c.timing.daysSinceStart))),
      ("day_of_treatment", .int(Int64(c.timing.dayOfTreatment))),
      ("last_dose", c.timing.lastDose.map { .string($0.iso) } ?? .null),
      ("days_since_last_dose", c.timing.daysSinceLastDose.map { .int(Int64($0)) } ?? .null),
      ("reporting_delay_days", .int(Int64(c.timing.reportingDelay))),
      ("recorded_at", .string(c.createdAt)), ("recorded_by", .string(c.createdBy)),
      ("current", .object([
        ("action", state.action.map { .string($0.rawValue) } ?? .null),
        ("treatments", .array(state.treatments.map { .string($0.rawValue) })),
        ("dechallenge", state.dechallenge.map { .string($0.rawValue) } ?? .null),
        ("rechallenge", state.rechallenge.map { .string($0.rawValue) } ?? .null),
        ("outcome", state.outcome.map { .string($0.rawValue) } ?? .null),
        ("outcome_date", state.outcomeDate.map { .string($0.iso) } ?? .null),
        ("biopsy", state.biopsy.map { .string($0) } ?? .null),
      ])),
      ("follow_ups", .array(c.followUps.map { .object(followUp($0)) })),
      ("withdrawn", .bool(c.withdrawal != nil)),
      ("withdrawal_reason", c.withdrawal.map { .string($0.reason) } ?? .null),
      ("duplicate_of", c.withdrawal?.duplicateOf.map { .int($0) } ?? .null),
      ("duplicates", .array(c.duplicates.map { .int($0) })),
    ]
  }

  static func followUp(_ f: FollowUp) -> [(String, JSONValue)] {
    [("action", f.action.map { .string($0.rawValue) } ?? .null),
     ("treatments", .array(f.treatments.map { .string($0.rawValue) })),
     ("dechallenge", f.dechallenge.map { .string($0.rawValue) } ?? .null),
     ("rechallenge", f.rechallenge.map { .string($0.rawValue) } ?? .null),
     ("outcome", f.outcome.map { .string($0.rawValue) } ?? .null),
     ("outcome_date", f.outcomeDate.map { .string($0.iso) } ?? .null), ("biopsy", f.biopsy.map { .string($0) } ?? .null),
     ("note", f.note.map { .string($0) } ?? .null), ("recorded_at", .string(f.recordedAt)),
     ("recorded_by", .string(f.recordedBy))]
  }

  /// "day 43 of treatment, 5 days after the last injection"
  static func timing(_ t: CaseTiming) -> String {
    "day \(t.dayOfTreatment) of treatment, " + sinceLastDose(t)
  }

  /// "5 days after the last injection"
  static func sinceLastDose(_ t: CaseTiming) -> String {
    guard let days = t.daysSinceLastDose else { return "no injection logged before onset" }
    return days == 0 ? "on the day of an injection" : "\(days) day\(days == 1 ? "" : "s") after the last injection"
  }

  /// A follow-up's fields as `case show` and the course list them: "action withdrawn; outcome resolved on …".
  static func followUpParts(_ f: FollowUp) -> [String] { f.parts }

  static func list(_ values: [String]) -> String { values.isEmpty ? "–" : values.joined(separator: ", ") }
}
