import AdregDatabase
import AdregFormats
import Foundation

/// One E2B file made from a case: what `e2b` wrote, as the registry records it.
public struct E2BExport: Sendable, Equatable {
  public var caseID: Int64
  public var version: Int
  public var kind: String
  public var fileName: String
  public var fileSHA256: String
}

/// An E2B file ready to be written: its report, its bytes, and the digest of the case state it reports.
public struct E2BFile: Sendable {
  public var caseID: Int64
  public var report: E2BReport
  public var text: String
  /// The digest of the report without its creation time and version: equal when nothing in the case changed.
  public var stateSHA256: String
  public var fileSHA256: String { SHA256.hex(of: text) }
}

extension Registry {
  /// The E2B file of a case in its current state, as the next version; nothing is recorded until `recordE2B`.
  ///
  /// - Parameter nullification: the reason, for a nullification of a case that was sent and has since been withdrawn.
  /// - Throws: `RegistryError.invalidData` (exit 65) when a setting is missing, the category has no MedDRA mapping,
  ///   the case is withdrawn (without `nullification`), or a nullification is asked for a case never sent or not withdrawn.
  public func e2bFile(caseID: Int64, nullification: String? = nil) throws -> E2BFile {
    try read {
      let settings = try e2bSettings()
      let record = try caseRecord(id: caseID)
      let exports = try e2bExports(caseID: caseID)
      if let reason = nullification {
        _ = try Validate.requiredText(reason, field: "reason")
        guard record.withdrawal != nil else {
          throw RegistryError(
            .invalidData, field: nil,
            "case \(caseID) is not withdrawn; a nullification is for a case sent and since withdrawn "
              + "(\(task: .withdraw(caseID: caseID)) first)")
        }
        guard !exports.isEmpty else {
          throw RegistryError.invalid("case \(caseID) was never sent as E2B; a withdrawn case that was not sent needs no nullification")
        }
      } else if let withdrawal = record.withdrawal {
        throw RegistryError(
          .invalidData, field: nil, "case \(caseID) is withdrawn (\(Validate.shortened(withdrawal.reason)))",
          fix: exports.isEmpty ? "it is not reported" : "send a nullification with \(task: .nullify(caseID: caseID))")
      }
      guard let reaction = try meddraMapping(category: record.category.rawValue) else {
        throw RegistryError.invalid(
          "category '\(record.category)' of case \(caseID) has no MedDRA mapping; import the site's with 'adreg meddra import FILE.csv'")
      }
      let patient = try patient(id: record.patientID)
      var report = try e2bReport(record, patient: patient, reaction: reaction, settings: settings)
      report.nullificationReason = nullification
      report.version = 0
      let state = SHA256.hex(of: report.xml(creationTime: ""))
      report.version = (exports.map(\.version).max() ?? 0) + 1
      return E2BFile(caseID: caseID, report: report, text: report.xml(creationTime: e2bTime()), stateSHA256: state)
    }
  }

  /// Non-withdrawn serious cases whose current state has not been sent, by id.
  public func seriousCasesToReport() throws -> [Int64] {
    var filter = CaseFilter()
    filter.seriousOnly = true
    let candidates = try cases(filter).map(\.id).sorted()
    return try candidates.filter { id in
      let sent = try read {
        Set(try db.rows("SELECT state_sha256 FROM e2b_export WHERE case_id = ?", [id]).map {
          try $0.decode(String.self, column: "state_sha256")
        })
      }
      if sent.isEmpty { return true }
      return !sent.contains(try e2bFile(caseID: id).stateSHA256)
    }
  }

  /// Records files written, each in the audit trail with its SHA-256, in one transaction.
  public func recordE2B(_ files: [E2BFile]) throws {
    try write {
      for file in files {
        let record = try caseRecord(id: file.caseID)
        let kind = file.report.nullificationReason == nil ? "report" : "nullification"
        try db.execute(
          """
          INSERT INTO e2b_export (case_id, version, kind, file_name, state_sha256, file_sha256, exported_at, exported_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
          [file.caseID, file.report.version, kind, file.report.fileName, file.stateSHA256, file.fileSHA256,
           timestamp(), user])
        try audit(
          action: "e2b.\(kind)", patientID: record.patientID, caseID: file.caseID,
          changes: [change("file", nil, file.report.fileName), change("version", nil, String(file.report.version)),
                    change("sha256", nil, file.fileSHA256)],
          reason: file.report.nullificationReason)
      }
    }
  }

  /// The E2B files made from a case, oldest first.
  public func e2bExports(caseID: Int64) throws -> [E2BExport] {
    try read {
      try db.rows("SELECT * FROM e2b_export WHERE case_id = ? ORDER BY version", [caseID]).map { row in
        E2BExport(
          caseID: caseID, version: try row.decode(Int.self, column: "version"),
          kind: try row.decode(String.self, column: "kind"), fileName: try row.decode(String.self, column: "file_name"),
          fileSHA256: try row.decode(String.self, column: "file_sha256"))
      }
    }
  }

  /// The UTC time of the clock as E2B writes it: `YYYYMMDDhhmmss+0000`.
  func e2bTime() -> String {
    let stamp = timestamp()  // 2025-03-05T10:11:12.345Z
    let digits = stamp.prefix(19).filter(\.isNumber)
    return digits + "+0000"
  }

  private func e2bReport(
    _ c: CaseRecord, patient: Patient, reaction: MedDRAMapping, settings: [RegistrySetting: String]
  ) throws -> E2BReport {
    let state = c.current
    let asReported = c.description.map { "\(c.category): \($0)" } ?? c.category.rawValue
    let latest = c.followUps.last.flatMap { Day(iso: String($0.recordedAt.prefix(10))) } ?? c.reported
    let sex: (Int?, String?) = switch patient.sex {
    case .female: (2, nil)
    case .male: (1, nil)
    case .other: (nil, "MSK")
    case .unknown: (nil, "UNK")
    }
    let outcome = switch state.outcome {
    case .resolved: 1
    case .improving: 2
    case .ongoing: 3
    case .resolvedWithSequelae: 4
    case .unknown, nil: 0
    }
    let ended = state.outcome?.isResolved ?? false
    let assessment = try assess(caseID: c.id)
    return E2BReport(
      caseUUID: c.uuid, version: 1, organisation: settings[.organisation] ?? "", country: settings[.country] ?? "",
      sender: settings[.e2bSender] ?? "", receiver: settings[.e2bReceiver] ?? "",
      studyName: "adreg registry of skin reactions during dupilumab treatment (site \(c.site))",
      reported: c.reported, latestInformation: max(latest, c.reported),
      qualification: c.source == .patient ? 5 : 1, sexCode: sex.0, sexNullFlavor: sex.1,
      ageAtOnsetYears: patient.birthYear.map { c.onset.year - $0 },
      reactionAsReported: String(asReported.prefix(250)), reaction: reaction, seriousness: c.seriousness,
      onset: c.onset, end: ended ? state.outcomeDate : nil, outcomeCode: outcome, start: patient.start,
      lastDose: c.timing.lastDose, intervalDays: patient.intervalDays, regimen: patient.regimen,
      indication: try meddraMapping(category: "indication"), actionCode: Self.e2bAction(state.actions),
      daysSinceStart: c.timing.daysSinceStart, daysSinceLastDose: c.timing.daysSinceLastDose,
      rechallengeCode: state.rechallenge.map { $0 == .recurred ? 1 : 2 },
      assessments: [
        .init(source: "clinician", method: "Naranjo", result: assessment.category.rawValue),
        .init(source: "clinician", method: "WHO-UMC", result: Self.e2bWHOUMC(assessment.whoUMC)),
      ],
      narrative: E2BNarrative.text(c, patient: patient), nullificationReason: nil)
  }

  /// G.k.9.i.2.r.3 for WHO-UMC: the category staff set (the latest stands), else adreg's suggestion marked as such.
  static func e2bWHOUMC(_ whoUMC: WHOUMCAssessment) -> String {
    whoUMC.staff.map(\.category.rawValue) ?? whoUMC.suggested.rawValue + " (suggested)"
  }

  /// G.k.8, the strongest action on record: withdrawn (1) after a pause or stop, even when restarted; dose reduced
  /// (2) for a longer interval; not changed (4) when continued; unknown (0) when none is recorded.
  static func e2bAction(_ actions: [Action]) -> Int {
    if actions.contains(.paused) || actions.contains(.discontinued) { return 1 }
    if actions.contains(.intervalExtended) { return 2 }
    if actions.contains(.continued) { return 4 }
    return 0
  }
}
