/// Checks of one value of a case at a time, for a command that asks for the values one by one: each refusal is the
/// one `record` gives for the whole case, so a question re-asked says what the option would have said.
extension Registry {
  /// Checks an onset date for a patient, without writing: a past `YYYY-MM-DD` on or after the treatment start, and
  /// not after the day the case was `reported` (today when nil).
  /// - Throws: `RegistryError.invalidData`, worded as `record` words it.
  public func checkedOnset(_ text: String, for patient: Patient, reported: String?) throws -> Day {
    let checks = RowChecks(today: today)
    let onset = try checks.onset(text, patient: patient)
    _ = try checks.reported(reported, onset: onset)
    return onset
  }

  /// Checks what a case draft says besides its category and onset — reported date, source, appearance, itch, note —
  /// without writing, so that a value given as an option is refused before any question.
  /// - Throws: `RegistryError.invalidData`, worded as `record` words it.
  public func checkDetails(of draft: CaseDraft) throws {
    let checks = RowChecks(today: today)
    _ = try checks.reported(draft.reported)
    _ = try checks.details(draft)
  }

  /// Checks a case's description for its category: 'other' needs one.
  /// - Throws: `RegistryError.invalidData`, worded as `record` words it.
  public func checkDescription(_ text: String, category: Category) throws -> String {
    let description = try Validate.text(text, field: "note")
    try RowChecks(today: today).description(description, category: category)
    return description
  }
}

extension Vocabulary {
  /// The code a typo most likely meant — the one `validate` names in "did you mean …?" — or nil when none is close.
  public func closest(to code: String) -> String? { Vocabulary.closest(to: code, among: codes) }
}
