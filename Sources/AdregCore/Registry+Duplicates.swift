import AdregDatabase

extension Registry {
  /// The widest `--days` window `case duplicates` accepts.
  public static let duplicateWindowLimit = 3650
  /// The `--days` window of `case duplicates` when none is given: two weeks, one dosing interval.
  public static let defaultDuplicateWindow = 14

  /// Likely duplicate pairs: two non-withdrawn cases of one patient and category with onsets at most `days` apart
  /// (the same onset from different sources among them), each scored by `DuplicateScore`; highest score first.
  /// - Throws: `RegistryError.invalidData` for a window outside 0…3650 days.
  public func duplicatePairs(days: Int) throws -> [DuplicatePair] {
    guard (0...Registry.duplicateWindowLimit).contains(days) else {
      throw RegistryError.invalid(
        .duplicateWindow,
        "\(option: .duplicateWindow) \(days) is not a window of 0 to \(Registry.duplicateWindowLimit) days "
          + "between onsets",
        fix: "e.g. \(option: .duplicateWindow) \(Registry.defaultDuplicateWindow)")
    }
    return try read {
      var candidates: [(Int64, Int64)] = []
      var patient: Int64?
      var group: [(id: Int64, category: String, onset: Day)] = []
      func close() {
        for (i, a) in group.enumerated() {
          for b in group[(i + 1)...] where b.onset.days(since: a.onset) <= days {
            if a.category == b.category { candidates.append((a.id, b.id)) }
          }
        }
        group.removeAll(keepingCapacity: true)
      }
      // Each patient's cases arrive together, by onset: only cases of one patient are ever compared.
      try db.cachedStatement(
        """
        SELECT c.id, c.patient_id, c.category, c.onset_date FROM case_report c INDEXED BY case_by_patient
        WHERE NOT EXISTS (SELECT 1 FROM case_withdrawal w WHERE w.case_id = c.id) ORDER BY c.patient_id, c.onset_date
        """
      ).forEachRow { row in
        let id = try row.integer(at: 0)
        let owner = try row.integer(at: 1)
        guard let onset = Day(iso: try row.text(at: 3)) else {
          throw RegistryError(.failure, "case \(id) has no valid onset date; run 'adreg check'")
        }
        if owner != patient {
          close()
          patient = owner
        }
        group.append((id, try row.text(at: 2), onset))
      }
      close()
      var records: [Int64: CaseRecord] = [:]
      func record(_ id: Int64) throws -> CaseRecord {
        if let known = records[id] { return known }
        let loaded = try caseRecord(id: id)
        records[id] = loaded
        return loaded
      }
      return try candidates.map { try DuplicateScore.pair(try record($0.0), try record($0.1), window: days) }
        .sorted { ($1.score, $0.first.id, $0.second.id) < ($0.score, $1.first.id, $1.second.id) }
    }
  }

  /// Withdraws `caseID` as a duplicate of `other`, the case that stays: the reason says so (with `reason` added when
  /// given) and both cases show the link.
  /// - Throws: `RegistryError.invalidData` when either case is unknown, the two are one case or of different
  ///   patients, `caseID` is already withdrawn, or `other` is withdrawn; nothing is written then.
  @discardableResult
  public func withdraw(caseID: Int64, duplicateOf other: Int64, reason: String? = nil) throws -> CaseRecord {
    let detail = try reason.map { try Validate.requiredText($0, field: "reason") }
    return try write {
      // Read inside the write: another writer cannot withdraw either case between the checks and the withdrawal.
      let existing = try caseRecord(id: caseID)
      guard other != caseID else {
        throw RegistryError.invalid(
          .duplicateOf, "case \(caseID) cannot be a duplicate of itself",
          fix: "\(give: .duplicateOf) the id of the case that stays (see \(task: .reviewDuplicates))")
      }
      if existing.withdrawal != nil {
        throw RegistryError.invalid("case \(caseID) is already withdrawn")
      }
      let kept = try caseRecord(id: other)
      guard kept.patientID == existing.patientID else {
        throw RegistryError.invalid(
          .duplicateOf,
          "case \(caseID) is patient \(existing.patientCode)'s (site \(existing.site)) but case \(other) is patient "
            + "\(kept.patientCode)'s (site \(kept.site)); a duplicate links two cases of one patient — check the ids "
            + "with \(task: .reviewDuplicates)")
      }
      if let withdrawal = kept.withdrawal {
        let problem: RegistryError.Phrase =
          "case \(other) is withdrawn itself (\(Validate.shortened(withdrawal.reason)))"
        guard let original = withdrawal.duplicateOf else {
          throw RegistryError.invalid(.duplicateOf, problem, fix: "link the duplicate to a case that stays")
        }
        throw RegistryError.invalid(
          .duplicateOf, problem,
          fix: "link the duplicate to a case that stays: case \(other) duplicates case \(original), "
            + "so \(give: .duplicateOf) \(original)")
      }
      let text = "duplicate of case \(other)" + (detail.map { ": \($0)" } ?? "")
      return try withdraw(existing, reason: text, duplicateOf: other)
    }
  }
}
