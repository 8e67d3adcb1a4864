import AdregCore
import AdregFormats

/// Domain values as JSON objects (snake_case keys, unrounded) and as words.
enum Present {
  static func patient(_ p: Patient) -> [(String, JSONValue)] {
    [("site", .string(p.site)), ("code", .string(p.code)), ("uuid", .string(p.uuid)), ("sex", .string(p.sex.rawValue)),
     ("birth_year", JSONValue(p.birthYear)), ("start", .string(p.start.iso)),
     ("stop", JSONValue(p.stop?.iso)), ("stop_reason", JSONValue(p.stopReason)),
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
      ("severity", JSONValue(c.severity?.rawValue)), ("itch", JSONValue(c.itch)),
      ("note", JSONValue(c.description)),
      ("seriousness", .array(c.seriousness.map { .string($0.rawValue) })),
      ("days_since_start", .int(Int64(c.timing.daysSinceStart))),
      ("day_of_treatment", .int(Int64(c.timing.dayOfTreatment))),
      ("last_dose", JSONValue(c.timing.lastDose?.iso)),
      ("days_since_last_dose", JSONValue(c.timing.daysSinceLastDose)),
      ("reporting_delay_days", .int(Int64(c.timing.reportingDelay))),
      ("recorded_at", .string(c.createdAt)), ("recorded_by", .string(c.createdBy)),
      ("current", .object([
        ("action", JSONValue(state.action?.rawValue)),
        ("treatments", .array(state.treatments.map { .string($0.rawValue) })),
        ("dechallenge", JSONValue(state.dechallenge?.rawValue)),
        ("rechallenge", JSONValue(state.rechallenge?.rawValue)),
        ("outcome", JSONValue(state.outcome?.rawValue)),
        ("outcome_date", JSONValue(state.outcomeDate?.iso)),
        ("biopsy", JSONValue(state.biopsy)),
      ])),
      ("follow_ups", .array(c.followUps.map { .object(followUp($0)) })),
      ("withdrawn", .bool(c.withdrawal != nil)),
      ("withdrawal_reason", JSONValue(c.withdrawal?.reason)),
      ("duplicate_of", JSONValue(c.withdrawal?.duplicateOf)),
      ("duplicates", .array(c.duplicates.map { .int($0) })),
    ]
  }

  static func followUp(_ f: FollowUp) -> [(String, JSONValue)] {
    [("action", JSONValue(f.action?.rawValue)),
     ("treatments", .array(f.treatments.map { .string($0.rawValue) })),
     ("dechallenge", JSONValue(f.dechallenge?.rawValue)),
     ("rechallenge", JSONValue(f.rechallenge?.rawValue)),
     ("outcome", JSONValue(f.outcome?.rawValue)),
     ("outcome_date", JSONValue(f.outcomeDate?.iso)), ("biopsy", JSONValue(f.biopsy)),
     ("note", JSONValue(f.note)), ("recorded_at", .string(f.recordedAt)),
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
