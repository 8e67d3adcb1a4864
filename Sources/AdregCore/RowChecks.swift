import Foundation

/// The checks of a patient or case that need no database, as of one day: the same for a command and for an
/// import row. A value, so an import can run them on its own thread while the registry writes.
struct RowChecks: Sendable {
  let today: Day

  /// A patient draft against every rule; `site` is the draft's site or the registry's default.
  func patient(_ draft: PatientDraft, site: String) throws -> Patient {
    let site = try Validate.site(site, field: .site)
    let code = try Validate.identifier(draft.code, field: .patientCode)
    let sex = try RecordField.sex.checking { try Sex(parsing: draft.sex) }
    let start = try Validate.pastDate(draft.start, field: .startDate, today: today)
    var birthYear: Int?
    if let text = draft.birthYear, !text.isEmpty {
      guard let year = Int(text.trimmedSpaces()) else {
        throw RegistryError.invalid(
          .birthYear, "\(label: .birthYear): '\(Validate.shortened(text))' is not a whole number",
          fix: "give a year from 1900 to \(today.year)")
      }
      guard (1900...today.year).contains(year) else {
        throw RegistryError.invalid(
          .birthYear, "\(label: .birthYear): \(year) is implausible", fix: "give a year from 1900 to \(today.year)")
      }
      guard year <= start.year else {
        throw RegistryError.invalid(
          .birthYear, "\(label: .birthYear): \(year) is after the treatment start \(start.iso)", fix: "check both")
      }
      birthYear = year
    }
    let regimen = try Validate.requiredText(
      draft.regimen ?? PatientDraft.defaultRegimen, field: .regimen, multiline: false)
    // Counted as the schema counts (code points), so the CHECK never refuses what this accepted.
    guard regimen.utf8.count <= 200 || regimen.unicodeScalars.count <= 200 else {
      throw RegistryError.invalid(.regimen, "\(label: .regimen) is longer than 200 characters", fix: "shorten it")
    }
    let interval = try draft.intervalDays.map { try Validate.integer($0, field: .intervalDays, in: 1...365) }
      ?? PatientDraft.defaultIntervalDays
    let risks = try RecordField.riskFactors.checking { try [RiskFactor](parsing: draft.riskFactors) }
    var stop: Day?
    if let text = draft.stop, !text.isEmpty {
      let day = try Validate.pastDate(text, field: .stopDate, today: today)
      try Self.stop(day, start: start)
      stop = day
    }
    let reason = try draft.stopReason.flatMap { $0.isEmpty ? nil : try Validate.text($0, field: .stopReason) }
    if reason != nil && stop == nil {
      throw RegistryError.invalid(
        .stopReason, "\(label: .stopReason): a stop reason needs a stop date", fix: "\(give: .stopDate)")
    }
    let uuid = try draft.uuid.map { try Validate.uuid($0, field: .uuid) } ?? UUID().uuidString.lowercased()
    return Patient(
      id: 0, uuid: uuid, site: site, code: code, sex: sex,
      birthYear: birthYear, start: start, stop: stop, stopReason: reason, regimen: regimen, intervalDays: interval,
      riskFactors: risks, createdAt: "")
  }

  /// Treatment stops on or after the day it started; for enrolment with a stop date and for `patient stop`.
  static func stop(_ stop: Day, start: Day) throws {
    guard stop >= start else {
      throw RegistryError.invalid(
        .stopDate, "\(label: .stopDate): \(stop.iso) is before the treatment start \(start.iso)",
        fix: "check the dates")
    }
  }

  /// A case draft against every rule, for this patient.
  func reaction(_ draft: CaseDraft, patient: Patient) throws -> ValidatedCase {
    let category = try RecordField.category.checking { try Category(parsing: draft.category) }
    let onset = try self.onset(draft.onset, patient: patient)
    let reported = try self.reported(draft.reported, onset: onset)
    let details = try self.details(draft)
    try description(details.description, category: category)
    let uuid = try draft.uuid.map { try Validate.uuid($0, field: .uuid) } ?? UUID().uuidString.lowercased()
    return ValidatedCase(
      patient: patient, uuid: uuid, category: category,
      onset: onset, reported: reported, source: details.source, scaling: details.scaling,
      morphology: details.morphology, bodySites: details.bodySites,
      severity: details.severity, itch: details.itch, description: details.description,
      seriousness: try RecordField.seriousness.checking { try [SeriousnessCriterion](parsing: draft.seriousness) })
  }

  /// The values of a case that neither its category nor its dates decide.
  struct CaseDetails {
    var source: CaseSource
    var scaling: Scaling
    var morphology: [Morphology]
    var bodySites: [BodySite]
    var severity: Severity?
    var itch: Int?
    var description: String?
  }

  /// A case draft's source and appearance, checked in the order `reaction` checks them.
  func details(_ draft: CaseDraft) throws -> CaseDetails {
    CaseDetails(
      source: try RecordField.source.checking {
        try CaseSource(parsing: draft.source.flatMap { $0.isEmpty ? nil : $0 } ?? CaseDraft.defaultSource)
      },
      scaling: try RecordField.scaling.checking {
        try Scaling(parsing: draft.scaling.flatMap { $0.isEmpty ? nil : $0 } ?? CaseDraft.defaultScaling)
      },
      morphology: try RecordField.morphology.checking { try [Morphology](parsing: draft.morphology) },
      bodySites: try RecordField.bodySites.checking { try [BodySite](parsing: draft.bodySites) },
      severity: try RecordField.severity.checking {
        try draft.severity.flatMap { $0.isEmpty ? nil : try Severity(parsing: $0) }
      },
      itch: try draft.itch.flatMap { $0.isEmpty ? nil : try Validate.integer($0, field: .itch, in: 0...10) },
      description: try draft.description.flatMap { $0.isEmpty ? nil : try Validate.text($0, field: .description) })
  }

  /// The day a case was reported: today when none is given, a past `YYYY-MM-DD` otherwise.
  func reported(_ text: String?) throws -> Day {
    guard let text, !text.isEmpty else { return today }
    return try Validate.pastDate(text, field: .reportedDate, today: today)
  }

  /// The day a case was reported, on or after its onset.
  func reported(_ text: String?, onset: Day) throws -> Day {
    let reported = try reported(text)
    guard reported >= onset else {
      throw RegistryError.invalid(
        .reportedDate, "\(label: .reportedDate): \(reported.iso) is before onset \(onset.iso)",
        fix: "a reaction is reported on or after it began")
    }
    return reported
  }

  /// Category 'other' says nothing by itself: it needs a description.
  func description(_ description: String?, category: Category) throws {
    if category == .other, description?.allSatisfy(\.isWhitespace) ?? true {
      throw RegistryError.invalid(
        .description, "\(label: .description): category 'other' needs a description",
        fix: "say what the reaction looks like with \(option: .description)")
    }
  }

  /// A case's onset for this patient: a past `YYYY-MM-DD` on or after the treatment start.
  func onset(_ text: String, patient: Patient) throws -> Day {
    let onset = try Validate.pastDate(text, field: .onsetDate, today: today)
    guard onset >= patient.start else {
      throw RegistryError.invalid(
        .onsetDate,
        "\(label: .onsetDate): \(onset.iso) is before treatment start \(patient.start.iso): "
          + "a reaction before the first dose is baseline disease, not an adverse reaction",
        fix: "check the onset date")
    }
    return onset
  }

  /// A follow-up's values against every rule, for `case update` and for an imported follow-up: codes of their
  /// vocabularies, the outcome date with its outcome (see `outcomeDate`), a biopsy result and a note that are not
  /// blank. Whether it says anything at all is the caller's to check: `case update` may add seriousness alone.
  /// - Returns: the follow-up, with no id and no time or user recorded yet.
  func followUp(_ draft: FollowUpDraft, onset: Day) throws -> FollowUp {
    let action = try RecordField.action.checking { try draft.action.map { try Action(parsing: $0) } }
    let treatments = try RecordField.treatments.checking { try [Treatment](parsing: draft.treatments) }
    let dechallenge = try RecordField.dechallenge.checking {
      try draft.dechallenge.map { try Dechallenge(parsing: $0) }
    }
    let rechallenge = try RecordField.rechallenge.checking {
      try draft.rechallenge.map { try Rechallenge(parsing: $0) }
    }
    let outcome = try RecordField.outcome.checking { try draft.outcome.map { try Outcome(parsing: $0) } }
    let outcomeDate = try self.outcomeDate(draft.outcomeDate, outcome: outcome, onset: onset)
    return FollowUp(
      id: 0, action: action, treatments: treatments, dechallenge: dechallenge, rechallenge: rechallenge,
      outcome: outcome, outcomeDate: outcomeDate,
      biopsy: try draft.biopsy.map { try Validate.requiredText($0, field: .biopsy) },
      note: try draft.note.map { try Validate.requiredText($0, field: .note) }, recordedAt: "", recordedBy: "")
  }

  /// Checks an outcome's date with its outcome, for `case update` and for imported follow-up columns: a
  /// date needs an outcome, lies between onset and today, and a resolved outcome needs its date.
  func outcomeDate(_ text: String?, outcome: Outcome?, onset: Day) throws -> Day? {
    var outcomeDate: Day?
    if let text {
      guard outcome != nil else {
        throw RegistryError.invalid(
          .outcomeDate, "\(label: .outcomeDate): an outcome date needs an outcome", fix: "\(give: .outcome) too")
      }
      let day = try Validate.pastDate(text, field: .outcomeDate, today: today)
      guard day >= onset else {
        throw RegistryError.invalid(
          .outcomeDate, "\(label: .outcomeDate): \(day.iso) is before onset \(onset.iso)", fix: "check the date")
      }
      outcomeDate = day
    }
    if let outcome, outcome.isResolved, outcomeDate == nil {
      throw RegistryError.invalid(
        .outcomeDate, "\(label: .outcomeDate): a resolved outcome needs the day it resolved",
        fix: "give it as YYYY-MM-DD")
    }
    return outcomeDate
  }
}

extension FollowUp {
  /// True when the follow-up gives no field at all.
  var isEmpty: Bool {
    action == nil && treatments.isEmpty && dechallenge == nil && rechallenge == nil && outcome == nil
      && outcomeDate == nil && biopsy == nil && note == nil
  }
}
