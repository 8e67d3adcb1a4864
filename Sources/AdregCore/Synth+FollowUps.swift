import AdregFormats
import Foundation

/// One follow-up of a synthetic case, before it is written.
struct SynthFollowUp {
  /// Recorded on this day of treatment, at this second of the (UTC) day.
  var day: Int
  var second: Int
  var user: Int
  var action: Action?
  var treatments: UInt8 = 0
  var dechallenge: Dechallenge?
  var rechallenge: Rechallenge?
  var outcome: Outcome?
  var outcomeDay: Int?
  var biopsy = false
  var note: Int?
}

extension SynthGenerator {
  static let treatmentCodes = bytes([Treatment.antibiotic, .antifungal, .antiviral, .calcineurinInhibitor, .moisturizer,
    .other, .topicalCorticosteroid].codes)
  // Treatment bits.
  static let antibiotic: UInt8 = 1 << 0, antifungal: UInt8 = 1 << 1, antiviral: UInt8 = 1 << 2,
    calcineurin: UInt8 = 1 << 3, moisturizer: UInt8 = 1 << 4, otherTreatment: UInt8 = 1 << 5, steroid: UInt8 = 1 << 6
  static let users = bytes(["nurse.lee", "dr.okafor", "nurse.silva", "dr.meyer"])
  static let notes = [
    "seen at the clinic visit", "phoned; photos sent by the patient", "patient asks whether to keep injecting; \"yes\"",
    "letter to the GP",
  ].map { Array(CSVFormat.escape($0).utf8) }

  /// What was done and how the case went, in `followUps`: a first follow-up within four weeks of the report
  /// (the action taken, add-on treatments), the response four to eight weeks later (dechallenge after a pause,
  /// a longer interval or stopping; the outcome with its date), and after a pause the restart's result. Nothing
  /// is recorded after the patient's last contact.
  mutating func simulateFollowUps(_ drawnCase: SynthCase, kind: Category, reportedDay: Int) {
    followUps.removeAll(keepingCapacity: true)
    let limit = course.contactDay
    guard drawnCase.discontinuedOn != nil || random.chance(clinic.followedUp) else { return }
    var day: Int
    let action: Action
    if let stop = drawnCase.discontinuedOn {
      day = max(stop, reportedDay)
      action = .discontinued
    } else {
      day = reportedDay + random.below(28)
      guard day <= limit else { return }
      let draw = random.unit()
      switch kind {
      case .facialRedness, .conjunctivitis:
        action = draw < 0.6 ? .continued : draw < 0.85 ? .intervalExtended : .paused
      case .injectionSite: action = draw < 0.95 ? .continued : .intervalExtended
      default: action = draw < 0.85 ? .continued : .paused
      }
    }
    var first = followUp(on: day)
    first.action = action
    first.treatments = treatments(kind)
    first.outcome = random.chance(0.6) ? .improving : .ongoing
    followUps.append(first)

    day += 28 + random.below(29)
    guard day <= limit else { return }
    var second = followUp(on: day)
    let changed = action != .continued
    let improved = random.chance(0.7)
    if changed { second.dechallenge = improved ? .improved : .notImproved }
    if action == .paused { second.action = .restarted }
    let outcomeDraw = random.unit()
    if (improved || !changed) && outcomeDraw < 0.6 && day - drawnCase.onsetDay >= 7 {
      let resolvedDay = drawnCase.onsetDay + 7 + random.below(day - drawnCase.onsetDay - 7 + 1)
      second.outcome = random.chance(0.95) ? .resolved : .resolvedWithSequelae
      second.outcomeDay = resolvedDay
    } else {
      second.outcome = outcomeDraw < 0.8 ? .improving : outcomeDraw < 0.95 ? .ongoing : .unknown
    }
    second.biopsy = kind == .psoriasiform && random.chance(0.2)
    followUps.append(second)

    guard action == .paused else { return }
    day += 28 + random.below(29)
    guard day <= limit else { return }
    var third = followUp(on: day)
    let recurred = random.chance(0.4)
    third.rechallenge = recurred ? .recurred : .noRecurrence
    if recurred { third.outcome = .ongoing }
    followUps.append(third)
  }

  mutating func followUp(on day: Int) -> SynthFollowUp {
    let second = 8 * 3600 + random.below(10 * 3600)
    let user = random.below(Self.users.count)
    let note = random.chance(0.1) ? random.below(Self.notes.count) : nil
    return SynthFollowUp(day: day, second: second, user: user, note: note)
  }

  mutating func treatments(_ kind: Category) -> UInt8 {
    let treated = random.unit()
    switch kind {
    case .facialRedness:
      return treated < 0.4 ? Self.antifungal | Self.calcineurin : treated < 0.7 ? Self.calcineurin : 0
    case .eczemaWorsening: return treated < 0.6 ? Self.moisturizer | Self.steroid : 0
    case .conjunctivitis, .rosaceaLike: return treated < 0.5 ? Self.otherTreatment : 0
    case .skinInfection: return treated < 0.6 ? Self.antibiotic : treated < 0.8 ? Self.antiviral : Self.antifungal
    case .seborrheicLike: return treated < 0.7 ? Self.antifungal : 0
    case .psoriasiform: return treated < 0.6 ? Self.steroid : 0
    case .injectionSite: return treated < 0.2 ? Self.moisturizer : 0
    case .other: return 0
    }
  }

  /// The case file's columns `actions` … `biopsy`: the state the follow-ups leave, as `export cases` derives it
  /// (every action in order; the latest treatments, dechallenge, rechallenge, outcome with its date, biopsy).
  func writeFollowUpState(into out: inout RowBytes) {
    var first = true
    var state = SynthFollowUp(day: 0, second: 0, user: 0)
    for followUp in followUps {
      if let action = followUp.action {
        if !first { out.append(";" as StaticString) }
        out.append(action.rawValue)
        first = false
      }
      if followUp.treatments != 0 { state.treatments = followUp.treatments }
      if let value = followUp.dechallenge { state.dechallenge = value }
      if let value = followUp.rechallenge { state.rechallenge = value }
      if let value = followUp.outcome {
        state.outcome = value
        state.outcomeDay = followUp.outcomeDay
      }
      if followUp.biopsy { state.biopsy = true }
    }
    out.comma()
    writeResponse(state, into: &out)
  }

  /// The columns `treatments` … `biopsy`, shared by the case file's state and the follow-up rows.
  func writeResponse(_ followUp: SynthFollowUp, into out: inout RowBytes) {
    out.codes(UInt16(followUp.treatments), Self.treatmentCodes)
    out.comma()
    if let value = followUp.dechallenge { out.append(value.rawValue) }
    out.comma()
    if let value = followUp.rechallenge { out.append(value.rawValue) }
    out.comma()
    if let value = followUp.outcome { out.append(value.rawValue) }
    out.comma()
    if let day = followUp.outcomeDay { out.date(course.start.adding(days: day), dates) }
    out.comma()
    if followUp.biopsy { out.append(Self.biopsyResult) }
  }

  static let biopsyResult: StaticString = "psoriasiform dermatitis"

  /// One followups.csv row per follow-up, numbered from 1 within the case.
  func writeFollowUpRows(caseUUID: [UInt8], into out: inout RowBytes) {
    for (index, followUp) in followUps.enumerated() {
      out.append(caseUUID)
      out.comma()
      out.integer(index + 1)
      out.comma()
      out.datetime(course.start.adding(days: followUp.day), second: followUp.second)
      out.comma()
      out.append(Self.users[followUp.user])
      out.comma()
      if let action = followUp.action { out.append(action.rawValue) }
      out.comma()
      writeResponse(followUp, into: &out)
      out.comma()
      if let note = followUp.note { out.append(Self.notes[note]) }
      out.newline()
    }
  }
}
