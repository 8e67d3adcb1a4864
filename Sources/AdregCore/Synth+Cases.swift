import AdregFormats
import Foundation

/// A case's appearance, drawn once and written with the case (and with its duplicate, if any).
struct SynthAppearance {
  var byPatient = false
  var scaling = Scaling.unknown
  var morphology: UInt16 = 0
  var sites: UInt16 = 0
  var severity: Severity?
  var itch: Int?
  var description: [UInt8]?
}

extension SynthGenerator {
  static let morphologyCodes = bytes([Morphology.crusting, .erythema, .lichenification, .oozing, .papules, .plaques,
    .pustules, .swelling, .telangiectasia, .vesicles].codes)
  static let siteCodes = bytes([BodySite.arms, .eyelids, .face, .feet, .flexures, .hands, .injectionSite, .legs, .neck,
    .scalp, .trunk, .widespread].codes)
  static let descriptions = [
    "itchy, burning patches", "patient says it feels \"like sunburn\"", "worse after hot showers",
    "started after a holiday\nin the sun", "photos in the clinic file",
  ].map { Array(CSVFormat.escape($0).utf8) }
  static let otherDescriptions = [
    "urticarial rash on the trunk", "patchy hair loss (alopecia areata)", "hyperpigmented patches, face",
    "joint pain with a rash", "hand dermatitis, unclear cause",
  ].map { Array(CSVFormat.escape($0).utf8) }

  // Morphology bits.
  static let crusting: UInt16 = 1 << 0, erythema: UInt16 = 1 << 1, lichenification: UInt16 = 1 << 2,
    oozing: UInt16 = 1 << 3, papules: UInt16 = 1 << 4, plaques: UInt16 = 1 << 5, pustules: UInt16 = 1 << 6,
    swelling: UInt16 = 1 << 7, telangiectasia: UInt16 = 1 << 8, vesicles: UInt16 = 1 << 9
  // Body site bits.
  static let arms: UInt16 = 1 << 0, eyelids: UInt16 = 1 << 1, face: UInt16 = 1 << 2, feet: UInt16 = 1 << 3,
    flexures: UInt16 = 1 << 4, hands: UInt16 = 1 << 5, injectionSite: UInt16 = 1 << 6, legs: UInt16 = 1 << 7,
    neck: UInt16 = 1 << 8, scalp: UInt16 = 1 << 9, trunk: UInt16 = 1 << 10, widespread: UInt16 = 1 << 11

  /// Each category the patient is susceptible to, with its onset day, kept when the onset falls on treatment
  /// while the patient is in contact.
  mutating func drawCases() {
    drawn.removeAll(keepingCapacity: true)
    let mask = Int(course.risk.rawValue)
    for (index, category) in clinic.categories.enumerated() where random.chance(susceptibility[index][mask]) {
      var onset: Int?
      switch category.onset {
      case .weibull(let shape, let scale, let shift):
        onset = shift + Int(min(1e7, scale * pow(-log(1 - random.unit()), 1 / shape)))
      case .afterInjection(let nextDoseChance, _):
        var dose = 0
        while dose < 20 && random.chance(nextDoseChance) { dose += 1 }
        let after = pick(cumulative: daysAfterCumulative[index])
        if dose < course.doseDays.count { onset = course.doseDays[dose] + after }
      }
      if let onset, onset <= course.endDay { drawn.append(SynthCase(category: index, onsetDay: onset)) }
    }
  }

  mutating func pick(_ bits: [UInt16]) -> UInt16 { bits[random.below(bits.count)] }

  mutating func appearance(_ kind: Category) -> SynthAppearance {
    var look = SynthAppearance()
    look.byPatient = random.chance(0.4)
    var itchRange = 0...6
    var severityWeights = (mild: 0.55, moderate: 0.35)
    switch kind {
    case .facialRedness:
      let draw = random.unit()
      look.scaling = draw < 0.85 ? .absent : draw < 0.92 ? .present : .unknown
      look.sites = Self.face
      if random.chance(0.55) { look.sites |= Self.neck }
      if random.chance(0.25) { look.sites |= Self.eyelids }
      look.morphology = Self.erythema
      if random.chance(0.15) { look.morphology |= Self.papules }
      if random.chance(0.10) { look.morphology |= Self.telangiectasia }
      itchRange = 1...6
    case .rosaceaLike:
      look.scaling = random.chance(0.8) ? .absent : .unknown
      look.sites = Self.face
      look.morphology = Self.erythema | Self.papules
      if random.chance(0.4) { look.morphology |= Self.pustules }
      if random.chance(0.4) { look.morphology |= Self.telangiectasia }
      itchRange = 0...4
    case .injectionSite:
      look.scaling = random.chance(0.5) ? .absent : .unknown
      look.sites = Self.injectionSite
      look.morphology = Self.erythema
      if random.chance(0.6) { look.morphology |= Self.swelling }
      if random.chance(0.1) { look.morphology |= Self.papules }
      severityWeights = (0.8, 0.18)
    case .conjunctivitis:
      if random.chance(0.4) { look.sites = Self.eyelids }
      if random.chance(0.5) { look.morphology |= Self.erythema }
      if random.chance(0.3) { look.morphology |= Self.swelling }
      itchRange = 2...8
    case .eczemaWorsening:
      let draw = random.unit()
      look.scaling = draw < 0.7 ? .present : draw < 0.8 ? .absent : .unknown
      if random.chance(0.6) { look.sites |= Self.flexures }
      for _ in 0...random.below(3) {
        look.sites |= pick([Self.hands, Self.arms, Self.legs, Self.trunk, Self.neck, Self.face])
      }
      look.morphology = Self.erythema | pick([Self.papules, Self.lichenification, Self.oozing, Self.crusting])
      itchRange = 4...10
    case .seborrheicLike:
      look.scaling = random.chance(0.85) ? .present : .unknown
      look.sites = Self.scalp | Self.face
      if random.chance(0.3) { look.sites |= Self.neck }
      look.morphology = Self.erythema
      if random.chance(0.3) { look.morphology |= Self.plaques }
    case .psoriasiform:
      look.scaling = random.chance(0.9) ? .present : .unknown
      for _ in 0...random.below(3) { look.sites |= pick([Self.trunk, Self.arms, Self.legs, Self.scalp]) }
      look.morphology = Self.plaques | Self.erythema
      itchRange = 1...7
    case .skinInfection:
      look.sites = pick([Self.face, Self.hands, Self.arms, Self.legs, Self.trunk, Self.flexures])
      look.morphology = pick([Self.crusting, Self.pustules, Self.vesicles, Self.oozing])
      itchRange = 0...5
    case .other:
      look.sites = pick([Self.trunk, Self.scalp, Self.face, Self.widespread, Self.hands])
      look.morphology = random.chance(0.5) ? Self.erythema : 0
    }
    let severityDraw = random.unit()
    look.severity =
      random.chance(0.05)
      ? nil : severityDraw < severityWeights.mild ? .mild
      : severityDraw < severityWeights.mild + severityWeights.moderate ? .moderate : .severe
    look.itch = random.chance(0.9) ? itchRange.lowerBound + random.below(itchRange.count) : nil
    if kind == .other {
      look.description = Self.otherDescriptions[random.below(Self.otherDescriptions.count)]
    } else if random.chance(0.05) {
      look.description = Self.descriptions[random.below(Self.descriptions.count)]
    }
    return look
  }

  /// Writes a drawn case, its follow-ups and, now and then, a duplicate entry withdrawn as such.
  mutating func writeCase(_ drawnCase: SynthCase, into out: inout SynthRows) -> (cases: Int, followUps: Int) {
    let kind = kinds[drawnCase.category]
    let look = appearance(kind)
    let reportedDay = min(drawnCase.onsetDay + random.days(mean: look.byPatient ? 5 : 12), course.contactDay)
    let uuid = RowBytes.uuid(&random)
    simulateFollowUps(drawnCase, kind: kind, reportedDay: reportedDay)
    let criterion = seriousCriterion()
    writeCaseRow(drawnCase, look: look, uuid: uuid, reportedDay: reportedDay, withState: true, into: &out.cases)
    out.cases.comma()  // not withdrawn
    out.cases.comma()
    if let criterion { out.cases.append(criterion.rawValue) }
    out.cases.newline()
    writeFollowUpRows(caseUUID: uuid, into: &out.followUps)
    guard random.chance(clinic.duplicate) else { return (1, followUps.count) }
    let copyReported = min(reportedDay + random.below(8), course.contactDay)
    writeCaseRow(
      drawnCase, look: look, uuid: RowBytes.uuid(&random), reportedDay: copyReported, withState: false, into: &out.cases)
    out.cases.append(",duplicate of case " as StaticString)
    out.cases.append(uuid)
    out.cases.comma()
    if let criterion { out.cases.append(criterion.rawValue) }
    out.cases.newline()
    return (2, followUps.count)
  }

  /// Now and then a serious case, with the criterion it meets; nil for the others.
  mutating func seriousCriterion() -> SeriousnessCriterion? {
    guard random.chance(clinic.serious) else { return nil }
    var draw = random.unit()
    for (code, share) in clinic.seriousCriteria {
      if draw < share { return code }
      draw -= share
    }
    return clinic.seriousCriteria.last?.code
  }

  /// The case columns up to `biopsy`; the follow-up state columns empty unless `withState`.
  mutating func writeCaseRow(
    _ drawnCase: SynthCase, look: SynthAppearance, uuid: [UInt8], reportedDay: Int, withState: Bool,
    into out: inout RowBytes
  ) {
    out.append(uuid)
    out.comma()
    out.append(course.site)
    out.comma()
    out.append(course.code)
    out.comma()
    out.append(clinic.categories[drawnCase.category].code)
    out.comma()
    out.date(course.start.adding(days: drawnCase.onsetDay), dates)
    out.comma()
    out.date(course.start.adding(days: reportedDay), dates)
    out.comma()
    out.append((look.byPatient ? CaseSource.patient : .clinician).rawValue)
    out.comma()
    out.append(look.scaling.rawValue)
    out.comma()
    out.codes(look.morphology, Self.morphologyCodes)
    out.comma()
    out.codes(look.sites, Self.siteCodes)
    out.comma()
    if let severity = look.severity { out.append(severity.rawValue) }
    out.comma()
    if let itch = look.itch { out.integer(itch) }
    out.comma()
    if let description = look.description { out.append(description) }
    out.comma()
    if withState { writeFollowUpState(into: &out) } else { out.append(",,,,,,") }
  }
}
