import AdregDatabase

/// One entry of the append-only audit trail.
public struct AuditEntry: Sendable, Equatable {
  public var id: Int64
  /// UTC, ISO 8601.
  public var at: String
  public var user: String
  public var action: String
  public var patientSite: String?
  public var patientCode: String?
  public var caseID: Int64?
  /// `field: old → new`, one a line.
  public var changes: [String]
  public var reason: String?
}

/// Filters for `Registry.auditTrail`.
public struct AuditFilter: Sendable {
  public var caseID: Int64?
  public var patientCode: String?
  public var site: String?
  public var since: Day?
  public init() {}
}

extension Registry {
  /// Audit entries, newest first; none for a patient code that names no patient.
  public func auditTrail(_ filter: AuditFilter = AuditFilter()) throws -> [AuditEntry] {
    var entries: [AuditEntry] = []
    try forEachAuditEntry(filter) { entries.append($0) }
    return entries
  }

  /// Hands each audit entry to `body`, newest first, from one cursor in one read transaction: a trail of any
  /// length is shown holding one entry at a time. None for a patient code that names no patient.
  /// - Throws: what `body` throws, `RegistryError.invalidData` for an unknown case, or a registry failure.
  public func forEachAuditEntry(_ filter: AuditFilter = AuditFilter(), _ body: (AuditEntry) throws -> Void) throws {
    var patientID: Int64?
    if let caseID = filter.caseID { _ = try caseRecord(id: caseID) }
    if let code = filter.patientCode {
      guard try hasPatient(code: code, site: filter.site) else { return }
      patientID = try patient(code: code, site: filter.site).id
    }
    try read {
      try db.forEachRow(
        """
        SELECT a.*, p.site, p.code FROM audit_entry a LEFT JOIN patient p ON p.id = a.patient_id
        WHERE (:case_id IS NULL OR a.case_id = :case_id) AND (:patient_id IS NULL OR a.patient_id = :patient_id)
          AND (:since IS NULL OR a.at >= :since)
        ORDER BY a.id DESC
        """,
        ["case_id": filter.caseID, "patient_id": patientID, "since": filter.since]
      ) { row in
        let changes = try row.decode(String.self, column: "changes")
        try body(
          AuditEntry(
            id: try row.decode(Int64.self, column: "id"), at: try row.decode(String.self, column: "at"),
            user: try row.decode(String.self, column: "user"), action: try row.decode(String.self, column: "action"),
            patientSite: try row.decode(String?.self, column: "site"),
            patientCode: try row.decode(String?.self, column: "code"),
            caseID: try row.decode(Int64?.self, column: "case_id"),
            changes: changes.isEmpty ? [] : changes.components(separatedBy: "\n"),
            reason: try row.decode(String?.self, column: "reason")))
      }
    }
  }
}

extension Registry {
  /// The seeded vocabularies with their meanings, in list order.
  public func vocabularyEntries(list: Vocabulary? = nil) throws -> [(list: String, code: String, meaning: String)] {
    try read {
      try db.rows(
        "SELECT list, code, meaning FROM vocabulary WHERE (:list IS NULL OR list = :list) ORDER BY list, position",
        ["list": list?.rawValue]
      ).map {
        (try $0.decode(String.self, column: "list"), try $0.decode(String.self, column: "code"),
         try $0.decode(String.self, column: "meaning"))
      }
    }
  }
}
