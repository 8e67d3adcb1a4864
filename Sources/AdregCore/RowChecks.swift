import Foundation

/// The checks of a patient or case that need no database, as of one day: the same for a command and for an
/// import row. A value, so an import can run them on its own thread while the registry writes.
struct RowChecks: Sendable {
  let today: Day

  /// A patient draft against every rule; `site` is the draft's site or the registry's default.
  func patient(_ draft: PatientDraft, site: String) throws -> Patient {
    let site = try Validate.site(site, field: "site")
    let code = try Validate.identifier(draft.code, field: "patient code")
    let sex = try Sex(parsing: draft.sex)
    let start = try Validate.pastDate(draft.start, field: "start", today: today)
    var birthYear: Int?
    if let text = draft.birthYear, !text.isEmpty {
      guard let year = Int(text.trimmedSpaces()) else {
        throw RegistryError.invalid(
          "birth-year: '\(Validate.shortened(text))' is not a whole number; give a year from 1900 to \(today.year)")
      }
      guard (1900...today.year).contains(year) else {
        throw RegistryError.invalid("birth-year: \(year) is implausible; give a year from 1900 to \(today.year)")
      }
      guard year <= start.year else {
        throw RegistryError.invalid("birth-year: \(year) is after the treatment start \(start.iso); check both")
      }
      birthYear = year
    }
    let regimen = try Validate.requiredText(draft.regimen ?? PatientDraft.defaultRegimen, field: "regimen", multiline: false)
    // Counted as the schema counts (code points), so the CHECK never refuses what this accepted.
    guard regimen.utf8.count <= 200 || regimen.unicodeScalars.count <= 200 else {
      throw RegistryError.invalid("regimen is longer than 200 characters; shorten it")
    }
    let interval = try draft.intervalDays.map { try Validate.integer($0, field: "interval-days", in: 1...365) }
      ?? PatientDraft.defaultIntervalDays
    let risks = try [RiskFactor](parsing: draft.riskFactors)
    var stop: Day?
    if let text = draft.stop, !text.isEmpty {
      let day = try Validate.pastDate(text, field: "stop", today: today)
      try Self.stop(day, start: start, field: "stop")
      stop = day
    }
    let reason = try draft.stopReason.flatMap { $0.isEmpty ? nil : try Validate.text($0, field: "reason") }
    if reason != nil && stop == nil {
      throw RegistryError.invalid("reason: a stop reason needs a stop date; give --date")
    }
    let uuid = try draft.uuid.map { try Validate.uuid($0, field: "uuid") } ?? UUID().uuidString.lowercased()
    return Patient(
      id: 0, uuid: uuid, site: site, code: code, sex: sex,
      birthYear: birthYear, start: start, stop: stop, stopReason: reason, regimen: regimen, intervalDays: interval,
      riskFactors: risks, createdAt: "")
  }

  /// Treatment stops on or after the day it started; for enrolment with a stop date and for `patient stop`.
  /// - Parameter field: the option or column the stop date came from, named in the message.
  static func stop(_ stop: Day, start: Day, field: String) throws {
    guard stop >= start else {
      throw RegistryError.invalid(
        "\(field): \(stop.iso) is before the treatment start \(start.iso); check the dates")
    }
  }

  /// A case draft against every rule, for this patient.
  func reaction(_ draft: CaseDraft, patient: Patient) throws -> ValidatedCase {
    let category = try Category(parsing: draft.category)
    let onset = try self.onset(draft.onset, patient: patient)
    let reported = try self.reported(draft.reported, onset: onset)
    let details = try self.details(draft)
    try description(details.description, category: category)
    let uuid = try draft.uuid.map { try Validate.uuid($0, field: "uuid") } ?? UUID().uuidString.lowercased()
    return ValidatedCase(
      patient: patient, uuid: uuid, category: category,
      onset: onset, reported: reported, source: details.source, scaling: details.scaling,
      morphology: details.morphology, bodySites: details.bodySites,
      severity: details.severity, itch: details.itch, description: details.description,
      seriousness: try [SeriousnessCriterion](parsing: draft.seriousness))
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
      source: try CaseSource(parsing: draft.source.flatMap { $0.isEmpty ? nil : $0 } ?? CaseDraft.defaultSource),
      scaling: try Scaling(parsing: draft.scaling.flatMap { $0.isEmpty ? nil : $0 } ?? CaseDraft.defaultScaling),
      morphology: try [Morphology](parsing: draft.morphology),
      bodySites: try [BodySite](parsing: draft.bodySites),
      severity: try draft.severity.flatMap { $0.isEmpty ? nil : try Severity(parsing: $0) },
      itch: try draft.itch.flatMap { $0.isEmpty ? nil : try Validate.integer($0, field: "itch", in: 0...10) },
      description: try draft.description.flatMap { $0.isEmpty ? nil : try Validate.text($0, field: "note") })
  }

  /// The day a case was reported: today when none is given, a past `YYYY-MM-DD` otherwise.
  func reported(_ text: String?) throws -> Day {
    guard let text, !text.isEmpty else { return today }
    return try Validate.pastDate(text, field: "reported", today: today)
  }

  /// The day a case was reported, on or after its onset.
  func reported(_ text: String?, onset: Day) throws -> Day {
    let reported = try reported(text)
    guard reported >= onset else {
      throw RegistryError.invalid(
        "reported: \(reported.iso) is before onset \(onset.iso); a reaction is reported on or after it began")
    }
    return reported
  }

  /// Category 'other' says nothing by itself: it needs a description.
  func description(_ description: String?, category: Category) throws {
    if category == .other, description?.allSatisfy(\.isWhitespace) ?? true {
      throw RegistryError.invalid("note: category 'other' needs a description; say what the reaction looks like with --note")
    }
  }

  /// A case's onset for this patient: a past `YYYY-MM-DD` on or after the treatment start.
  func onset(_ text: String, patient: Patient) throws -> Day {
    let onset = try Validate.pastDate(text, field: "onset", today: today)
    guard onset >= patient.start else {
      throw RegistryError.invalid(
        "onset: \(onset.iso) is before treatment start \(patient.start.iso): a reaction before the first dose is baseline disease, not an adverse reaction; check the onset date")
    }
    return onset
  }

  /// How a follow-up's outcome and its date are named where they were given.
  struct FollowUpNames: Sendable {
    /// The option or column of the outcome date, named in messages.
    var outcomeDate: String
    /// How the user gives the outcome there.
    var outcome: String

    /// `case update`'s options.
    static let options = FollowUpNames(outcomeDate: "outcome-date", outcome: "--outcome")
    /// The columns of a follow-ups or cases file.
    static let columns = FollowUpNames(outcomeDate: "outcome_date", outcome: "the outcome column")
  }

  /// A follow-up's values against every rule, for `case update` and for an imported follow-up: codes of their
  /// vocabularies, the outcome date with its outcome (see `outcomeDate`), a biopsy result and a note that are not
  /// blank. Whether it says anything at all is the caller's to check: `case update` may add seriousness alone.
  /// - Returns: the follow-up, with no id and no time or user recorded yet.
  func followUp(_ draft: FollowUpDraft, onset: Day, names: FollowUpNames) throws -> FollowUp {
    let action = try draft.action.map { try Action(parsing: $0) }
    let treatments = try [Treatment](parsing: draft.treatments)
    let dechallenge = try draft.dechallenge.map { try Dechallenge(parsing: $0) }
    let rechallenge = try draft.rechallenge.map { try Rechallenge(parsing: $0) }
    let outcome = try draft.outcome.map { try Outcome(parsing: $0) }
    let outcomeDate = try self.outcomeDate(
      draft.outcomeDate, outcome: outcome, onset: onset, dateField: names.outcomeDate, outcomeField: names.outcome)
    return FollowUp(
      id: 0, action: action, treatments: treatments, dechallenge: dechallenge, rechallenge: rechallenge,
      outcome: outcome, outcomeDate: outcomeDate,
      biopsy: try draft.biopsy.map { try Validate.requiredText($0, field: "biopsy") },
      note: try draft.note.map { try Validate.requiredText($0, field: "note") }, recordedAt: "", recordedBy: "")
  }

  /// Checks an outcome's date with its outcome, for `case update` and for imported follow-up columns: a
  /// date needs an outcome, lies between onset and today, and a resolved outcome needs its date.
  /// - Parameters:
  ///   - dateField: the option or column the date came from, named in messages.
  ///   - outcomeField: how the user gives the outcome there (`--outcome`, the outcome column).
  func outcomeDate(
    _ text: String?, outcome: Outcome?, onset: Day, dateField: String, outcomeField: String
  ) throws -> Day? {
    var outcomeDate: Day?
    if let text {
      guard outcome != nil else {
        throw RegistryError.invalid("\(dateField): an outcome date needs an outcome; give \(outcomeField) too")
      }
      let day = try Validate.pastDate(text, field: dateField, today: today)
      guard day >= onset else {
        throw RegistryError.invalid("\(dateField): \(day.iso) is before onset \(onset.iso); check the date")
      }
      outcomeDate = day
    }
    if let outcome, outcome.isResolved, outcomeDate == nil {
      throw RegistryError.invalid(
        "\(dateField): a resolved outcome needs the day it resolved; give it as YYYY-MM-DD")
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
