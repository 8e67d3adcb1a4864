/// Checks of one value of a case at a time, for a command that asks for the values one by one: each refusal is the
/// one `record` gives for the whole case, so a question re-asked says what the option would have said.
extension Registry {
  /// Checks an onset date for a patient, without writing: a past `YYYY-MM-DD` on or after the treatment start.
  /// - Throws: `RegistryError.invalidData`, worded as `record` words it.
  public func checkedOnset(_ text: String, for patient: Patient) throws -> Day {
    try RowChecks(today: today).onset(text, patient: patient)
  }
}

extension Vocabulary {
  /// The code a typo most likely meant — the one `validate` names in "did you mean …?" — or nil when none is close.
  public func closest(to code: String) -> String? { Vocabulary.closest(to: code, among: codes) }
}
