import AdregDatabase

/// A contact on a date at which the patient was seen, with or without a new reaction.
public struct Visit: Sendable, Equatable {
  public var date: Day
  public var note: String?
}

extension Registry {
  /// Logs a visit, so that the patient's last contact is known.
  /// - Throws: `RegistryError.invalidData` for a date before the treatment start or in the future, a visit already
  ///   logged that day, or a note with control characters.
  public func addVisit(code: String, site: String? = nil, date: String, note: String?) throws -> Visit {
    try write {
      let existing = try patient(code: code, site: site)
      let day = try Validate.pastDate(date, field: .visitDate, today: today)
      guard day >= existing.start else {
        throw RegistryError.invalid(
          .visitDate,
          "\(label: .visitDate): \(day.iso) is before the treatment start \(existing.start.iso); "
            + "a visit before the first dose is not follow-up on treatment")
      }
      let visit = Visit(date: day, note: try note.flatMap { $0.isEmpty ? nil : try Validate.text($0, field: .note) })
      if try visitStore.exists(patientID: existing.id, on: day) {
        throw RegistryError.invalid(
          .visitDate, "\(label: .visitDate): a visit on \(day.iso) is already logged for \(existing.code)")
      }
      try visitStore.insert(patientID: existing.id, visit, createdAt: timestamp())
      try audit(
        action: "visit.add", patientID: existing.id,
        changes: [change("visit", nil, day.iso)] + (visit.note.map { [change("note", nil, $0)] } ?? []))
      return visit
    }
  }

  /// Visits of a patient, oldest first.
  public func visits(patientID: Int64) throws -> [Visit] {
    try read { try visitStore.all(patientID: patientID) }
  }

  var visitStore: VisitStore { VisitStore(db: db) }
}
