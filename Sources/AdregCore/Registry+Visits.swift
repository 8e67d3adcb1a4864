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
    let existing = try patient(code: code, site: site)
    let day = try Validate.pastDate(date, field: .visitDate, today: today)
    guard day >= existing.start else {
      throw RegistryError.invalid(
        .visitDate,
        "\(label: .visitDate): \(day.iso) is before the treatment start \(existing.start.iso); "
          + "a visit before the first dose is not follow-up on treatment")
    }
    let noteText = try note.flatMap { $0.isEmpty ? nil : try Validate.text($0, field: .note) }
    return try write {
      if try db.scalar(Int.self, "SELECT 1 FROM visit WHERE patient_id = ? AND visit_date = ?", [.integer(existing.id), .text(day.iso)]) != nil {
        throw RegistryError.invalid("date: a visit on \(day.iso) is already logged for \(existing.code)")
      }
      try db.execute(
        "INSERT INTO visit (patient_id, visit_date, note, created_at) VALUES (?, ?, ?, ?)",
        [.integer(existing.id), .text(day.iso), noteText.map { .text($0) } ?? .null, .text(timestamp())])
      try audit(
        action: "visit.add", patientID: existing.id,
        changes: [change("visit", nil, day.iso)] + (noteText.map { [change("note", nil, $0)] } ?? []))
      return Visit(date: day, note: noteText)
    }
  }

  /// Visits of a patient, oldest first.
  public func visits(patientID: Int64) throws -> [Visit] {
    try read {
      try db.rows("SELECT visit_date, note FROM visit WHERE patient_id = ? ORDER BY visit_date", [.integer(patientID)]).map {
        Visit(date: try day($0, "visit_date"), note: try $0.decode(String?.self, column: "note"))
      }
    }
  }
}
