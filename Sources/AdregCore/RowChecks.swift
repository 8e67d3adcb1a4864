import Foundation

/// The checks of a patient or case that need no database, as of one day: the same for a command and for an
/// import row. A value, so an import can run them on its own thread while the registry writes.
struct RowChecks: Sendable {
  let today: Day

  /// A patient draft against every rule; `site` is the draft's site or the registry's default.
  func patient(_ draft: PatientDraft, site: String) throws -> Patient {
    let site = try Validate.site(site, field: "site")
    let code = try Validate.identifier(draft.code, field: "patient code")
    let sex = try Vocabulary.sex.validate(draft.sex)
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
    let regimen = try Validate.requiredText(draft.regimen ?? "300 mg every 2 weeks", field: "regimen", multiline: false)
    // Counted as the schema counts (code points), so the CHECK never refuses what this accepted.
    guard regimen.utf8.count <= 200 || regimen.unicodeScalars.count <= 200 else {
      throw RegistryError.invalid("regimen is longer than 200 characters; shorten it")
    }
    let interval = try draft.intervalDays.map { try Validate.integer($0, field: "interval-days", in: 1...365) } ?? 14
    let risks = try Vocabulary.riskFactor.validate(draft.riskFactors)
    var stop: Day?
    if let text = draft.stop, !text.isEmpty {
      let day = try Validate.pastDate(text, field: "stop", today: today)
      guard day >= start else {
        throw RegistryError.invalid("stop: \(day.iso) is before the treatment start \(start.iso); check the dates")
      }
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

  /// A case draft against every rule, for this patient.
  func reaction(_ draft: CaseDraft, patient: Patient) throws -> ValidatedCase {
    let category = try Vocabulary.category.validate(draft.category)
    let onset = try self.onset(draft.onset, patient: patient)
    var reported = today
    if let text = draft.reported, !text.isEmpty {
      reported = try Validate.pastDate(text, field: "reported", today: today)
    }
    guard reported >= onset else {
      throw RegistryError.invalid(
        "reported: \(reported.iso) is before onset \(onset.iso); a reaction is reported on or after it began")
    }
    let source = try Vocabulary.source.validate(draft.source.flatMap { $0.isEmpty ? nil : $0 } ?? "clinician")
    let scaling = try Vocabulary.scaling.validate(draft.scaling.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown")
    let morphology = try Vocabulary.morphology.validate(draft.morphology)
    let sites = try Vocabulary.bodySite.validate(draft.bodySites)
    let severity = try draft.severity.flatMap { $0.isEmpty ? nil : try Vocabulary.severity.validate($0) }
    let itch = try draft.itch.flatMap { $0.isEmpty ? nil : try Validate.integer($0, field: "itch", in: 0...10) }
    let description = try draft.description.flatMap { $0.isEmpty ? nil : try Validate.text($0, field: "note") }
    if category == "other", description?.allSatisfy(\.isWhitespace) ?? true {
      throw RegistryError.invalid("note: category 'other' needs a description; say what the reaction looks like with --note")
    }
    let uuid = try draft.uuid.map { try Validate.uuid($0, field: "uuid") } ?? UUID().uuidString.lowercased()
    return ValidatedCase(
      patient: patient, uuid: uuid, category: category,
      onset: onset, reported: reported, source: source, scaling: scaling, morphology: morphology, bodySites: sites,
      severity: severity, itch: itch, description: description)
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

  /// Checks an outcome's date with its outcome, for `case update` and for imported follow-up columns: a
  /// date needs an outcome, lies between onset and today, and a resolved outcome needs its date.
  /// - Parameters:
  ///   - dateField: the option or column the date came from, named in messages.
  ///   - outcomeField: how the user gives the outcome there (`--outcome`, the outcome column).
  func outcomeDate(
    _ text: String?, outcome: String?, onset: Day, dateField: String, outcomeField: String
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
    if let outcome, ["resolved", "resolved-with-sequelae"].contains(outcome), outcomeDate == nil {
      throw RegistryError.invalid(
        "\(dateField): a resolved outcome needs the day it resolved; give it as YYYY-MM-DD")
    }
    return outcomeDate
  }
}
