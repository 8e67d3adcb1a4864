import AdregFormats
import Foundation

/// What synthetic cohort to make.
public struct SynthOptions: Sendable {
  /// How many patients.
  public var patients: Int
  /// The same seed and as-of date give the same files, byte for byte, on every machine.
  public var seed: UInt64
  /// Treatment starts spread over the four years up to this day; no date is later.
  public var asOf: Day

  public init(patients: Int, seed: UInt64, asOf: Day) {
    self.patients = patients
    self.seed = seed
    self.asOf = asOf
  }
}

/// What a synthetic cohort holds.
public struct SynthSummary: Sendable, Equatable {
  /// Rows written to patients.csv.
  public var patients = 0
  /// Rows written to cases.csv.
  public var cases = 0
  /// The earliest and latest treatment start.
  public var firstStart: Day?
  public var lastStart: Day?
}

/// Makes a synthetic cohort in the import format, for demonstrations, tests and benchmarks.
///
/// The shares of patients with each category are near the trial percentages that adreg ships
/// (PRODUCT.md §8): about 5 % eczema worsening, 5–6 % facial redness, 10 % injection-site reactions,
/// 9 % conjunctivitis and a few percent of the rest. The patterns follow clinical descriptions: facial
/// redness mostly without scaling, on the face and neck, weeks to months after the start; injection-site
/// reactions within three days of a dose, at the injection site; psoriasiform, rosacea-like and
/// seborrheic-like eruptions several times more frequent with the matching history. About a fifth of the
/// patients have stopped treatment; about a third of the cases carry a follow-up state.
///
/// Its own SplitMix64 generator, not the system's, makes the output reproducible; rows are assembled
/// as bytes, so a million patients take seconds.
public enum Synth {
  /// Writes `patients.csv` and `cases.csv` content to the two sinks.
  /// - Parameter progress: called with the patients written so far, of `options.patients`, every 256 patients.
  @discardableResult
  public static func generate<P: TextSink, C: TextSink>(
    _ options: SynthOptions, patients: inout P, cases: inout C, progress: (WorkProgress) -> Void = { _ in }
  ) throws -> SynthSummary {
    var generator = Generator(options: options)
    var patientBytes = RowBytes()
    var caseBytes = RowBytes()
    patientBytes.append(ExchangeColumns.patients.joined(separator: ","))
    patientBytes.newline()
    caseBytes.append(ExchangeColumns.cases.joined(separator: ","))
    caseBytes.newline()
    var summary = SynthSummary()
    for number in 0..<max(0, options.patients) {
      let index = number + 1
      let patient = generator.patient(index, into: &patientBytes)
      summary.cases += generator.cases(of: patient, into: &caseBytes)
      summary.patients += 1
      if summary.firstStart.map({ patient.start < $0 }) ?? true { summary.firstStart = patient.start }
      if summary.lastStart.map({ patient.start > $0 }) ?? true { summary.lastStart = patient.start }
      try patientBytes.flushIfFull(to: &patients)
      try caseBytes.flushIfFull(to: &cases)
      if index % 256 == 0 { progress(WorkProgress(rows: index, done: index, total: options.patients)) }
    }
    try patientBytes.flush(to: &patients)
    try caseBytes.flush(to: &cases)
    return summary
  }
}

/// The synthetic patient a row was written for; cases are drawn from it.
struct SynthPatient {
  var site: [UInt8]
  var code: [UInt8]
  var start: Day
  /// Last day of observation: the stop date, else the as-of date.
  var end: Day
  var intervalDays: Int
  var risk: RiskMask
}

struct RiskMask: OptionSet {
  let rawValue: UInt8
  // Bits in alphabetical order, the order the export writes codes in.
  static let injectionSensitivity = RiskMask(rawValue: 1 << 0)
  static let poorSkinBarrier = RiskMask(rawValue: 1 << 1)
  static let psoriasisHistory = RiskMask(rawValue: 1 << 2)
  static let rosaceaHistory = RiskMask(rawValue: 1 << 3)
  static let seborrheicHistory = RiskMask(rawValue: 1 << 4)
}

/// Draws the cohort. Every random choice goes through one generator in a fixed order: that is what makes a seed reproducible.
private struct Generator {
  var random: SplitMix64
  let asOf: Day
  let codeWidth: Int

  init(options: SynthOptions) {
    random = SplitMix64(seed: options.seed)
    asOf = options.asOf
    codeWidth = max(7, String(options.patients).count)
  }

  // Codes in alphabetical order, the order the export writes them in.
  static let riskCodes = bytes(["injection-sensitivity", "poor-skin-barrier", "psoriasis-history", "rosacea-history",
    "seborrheic-dermatitis-history"])
  static let morphologyCodes = bytes(["crusting", "erythema", "lichenification", "oozing", "papules", "plaques",
    "pustules", "swelling", "telangiectasia", "vesicles"])
  static let siteCodes = bytes(["arms", "eyelids", "face", "feet", "flexures", "hands", "injection-site", "legs", "neck",
    "scalp", "trunk", "widespread"])
  static let treatmentCodes = bytes(["antibiotic", "antifungal", "antiviral", "calcineurin-inhibitor", "moisturizer",
    "other", "topical-corticosteroid"])
  static let stopReasons = bytes(["insufficient response", "adverse reaction", "patient choice", "skin clear",
    "cost or access"])
  static let descriptions = [
    "itchy, burning patches", "patient says it feels \"like sunburn\"", "worse after hot showers",
    "started after a holiday\nin the sun", "photos in the clinic file",
  ].map { Array(CSVFormat.escape($0).utf8) }
  static let otherDescriptions = [
    "urticarial rash on the trunk", "patchy hair loss (alopecia areata)", "hyperpigmented patches, face",
    "joint pain with a rash", "hand dermatitis, unclear cause",
  ].map { Array(CSVFormat.escape($0).utf8) }

  static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

  // Morphology bits.
  static let crusting: UInt16 = 1 << 0, erythema: UInt16 = 1 << 1, lichenification: UInt16 = 1 << 2,
    oozing: UInt16 = 1 << 3, papules: UInt16 = 1 << 4, plaques: UInt16 = 1 << 5, pustules: UInt16 = 1 << 6,
    swelling: UInt16 = 1 << 7, telangiectasia: UInt16 = 1 << 8, vesicles: UInt16 = 1 << 9
  // Body site bits.
  static let arms: UInt16 = 1 << 0, eyelids: UInt16 = 1 << 1, face: UInt16 = 1 << 2, feet: UInt16 = 1 << 3,
    flexures: UInt16 = 1 << 4, hands: UInt16 = 1 << 5, injectionSite: UInt16 = 1 << 6, legs: UInt16 = 1 << 7,
    neck: UInt16 = 1 << 8, scalp: UInt16 = 1 << 9, trunk: UInt16 = 1 << 10, widespread: UInt16 = 1 << 11
  // Treatment bits.
  static let antibiotic: UInt8 = 1 << 0, antifungal: UInt8 = 1 << 1, antiviral: UInt8 = 1 << 2,
    calcineurin: UInt8 = 1 << 3, moisturizer: UInt8 = 1 << 4, otherTreatment: UInt8 = 1 << 5, steroid: UInt8 = 1 << 6

  mutating func patient(_ index: Int, into out: inout RowBytes) -> SynthPatient {
    let siteDraw = random.unit()
    let site: StaticString = siteDraw < 0.6 ? "main" : siteDraw < 0.8 ? "north" : "south"
    let start = asOf.adding(days: -random.below(4 * 365))
    let sexDraw = random.unit()
    let sex: StaticString = sexDraw < 0.52 ? "F" : sexDraw < 0.98 ? "M" : sexDraw < 0.99 ? "X" : "unknown"
    let adolescent = random.chance(0.08)
    let age = adolescent ? 12 + random.below(6) : 18 + min(random.days(mean: 20), 67)
    let birthYear = start.year - age - random.below(2)
    let knownBirthYear = random.chance(0.97)
    let regimenDraw = random.unit()
    let (regimen, interval): (StaticString, Int) =
      adolescent
      ? (regimenDraw < 0.5 ? ("200 mg every 2 weeks", 14) : ("300 mg every 4 weeks", 28))
      : (regimenDraw < 0.9 ? ("300 mg every 2 weeks", 14) : ("300 mg every 4 weeks", 28))
    var risk = RiskMask()
    if random.chance(0.05) { risk.insert(.injectionSensitivity) }
    if random.chance(0.15) { risk.insert(.poorSkinBarrier) }
    if random.chance(0.03) { risk.insert(.psoriasisHistory) }
    if random.chance(0.04) { risk.insert(.rosaceaHistory) }
    if random.chance(0.06) { risk.insert(.seborrheicHistory) }
    let observed = asOf.days(since: start)
    var stop: Day?
    var stopReason: [UInt8]?
    if observed >= 90 && random.chance(0.22) {
      stop = start.adding(days: 60 + random.below(observed - 60 + 1))
      stopReason = Self.stopReasons[random.below(Self.stopReasons.count)]
    }

    var code: [UInt8] = [UInt8(ascii: "P")]
    appendPadded(index, width: codeWidth, to: &code)
    let siteBytes = site.withUTF8Buffer { Array($0) }
    out.append(siteBytes)
    out.comma()
    out.append(code)
    out.comma()
    out.uuid(&random)
    out.comma()
    out.append(sex)
    out.comma()
    if knownBirthYear { out.integer(birthYear) }
    out.comma()
    out.date(start)
    out.comma()
    if let stop { out.date(stop) }
    out.comma()
    if let stopReason { out.append(stopReason) }
    out.comma()
    out.append(regimen)
    out.comma()
    out.integer(interval)
    out.comma()
    out.codes(UInt16(risk.rawValue), Self.riskCodes)
    out.newline()
    return SynthPatient(site: siteBytes, code: code, start: start, end: stop ?? asOf, intervalDays: interval, risk: risk)
  }

  enum Category: CaseIterable {
    case eczemaWorsening, facialRedness, seborrheicLike, psoriasiform, rosaceaLike, injectionSite, skinInfection,
      conjunctivitis, other

    var code: StaticString {
      switch self {
      case .eczemaWorsening: "eczema-worsening"
      case .facialRedness: "facial-redness"
      case .seborrheicLike: "seborrheic-like"
      case .psoriasiform: "psoriasiform"
      case .rosaceaLike: "rosacea-like"
      case .injectionSite: "injection-site"
      case .skinInfection: "skin-infection"
      case .conjunctivitis: "conjunctivitis"
      case .other: "other"
      }
    }

    /// Chance of at least one episode for a patient with these risk factors, before onsets that fall
    /// after the end of observation are dropped (which is why the bases sit a little above the targets).
    func probability(_ risk: RiskMask) -> Double {
      switch self {
      case .eczemaWorsening: 0.051 * (risk.contains(.poorSkinBarrier) ? 1.5 : 1)
      case .facialRedness: 0.058 * (risk.contains(.rosaceaHistory) ? 1.5 : 1)
      case .seborrheicLike: 0.012 * (risk.contains(.seborrheicHistory) ? 4 : 1)
      case .psoriasiform: 0.006 * (risk.contains(.psoriasisHistory) ? 6 : 1)
      case .rosaceaLike: 0.009 * (risk.contains(.rosaceaHistory) ? 4 : 1)
      case .injectionSite: 0.094 * (risk.contains(.injectionSensitivity) ? 2.5 : 1)
      case .skinInfection: 0.021 * (risk.contains(.poorSkinBarrier) ? 2 : 1)
      case .conjunctivitis: 0.096
      case .other: 0.005
      }
    }
  }

  /// Draws the patient's cases and writes them; returns how many.
  mutating func cases(of patient: SynthPatient, into out: inout RowBytes) -> Int {
    var count = 0
    let horizon = patient.end.days(since: patient.start)
    for category in Category.allCases where random.chance(category.probability(patient.risk)) {
      let offset = onsetOffset(category, interval: patient.intervalDays)
      guard offset <= horizon else { continue }
      writeCase(category, patient: patient, onset: patient.start.adding(days: offset), into: &out)
      count += 1
    }
    return count
  }

  /// Days from treatment start to onset.
  mutating func onsetOffset(_ category: Category, interval: Int) -> Int {
    switch category {
    case .injectionSite:
      // Within three days of a dose, mostly one of the first few.
      var dose = 0
      while dose < 20 && random.chance(0.55) { dose += 1 }
      return dose * interval + random.below(3)
    case .eczemaWorsening: return 7 + min(random.days(mean: 90), 900)
    case .facialRedness: return 21 + min(random.days(mean: 100), 900)
    case .seborrheicLike, .rosaceaLike: return 30 + min(random.days(mean: 120), 900)
    case .psoriasiform: return 30 + min(random.days(mean: 150), 900)
    case .skinInfection: return 7 + min(random.days(mean: 120), 900)
    case .conjunctivitis: return 14 + min(random.days(mean: 75), 900)
    case .other: return 7 + min(random.days(mean: 150), 900)
    }
  }

  mutating func pick(_ bits: [UInt16]) -> UInt16 { bits[random.below(bits.count)] }

  mutating func writeCase(_ category: Category, patient: SynthPatient, onset: Day, into out: inout RowBytes) {
    let byPatient = random.chance(0.4)
    let reported = min(onset.adding(days: random.days(mean: byPatient ? 5 : 12)), asOf)
    var scaling: StaticString = "unknown"
    var morphology: UInt16 = 0
    var sites: UInt16 = 0
    var itchRange = 0...6
    var severityWeights = (mild: 0.55, moderate: 0.35)
    switch category {
    case .facialRedness:
      let draw = random.unit()
      scaling = draw < 0.85 ? "absent" : draw < 0.92 ? "present" : "unknown"
      sites = Self.face
      if random.chance(0.55) { sites |= Self.neck }
      if random.chance(0.25) { sites |= Self.eyelids }
      morphology = Self.erythema
      if random.chance(0.15) { morphology |= Self.papules }
      if random.chance(0.10) { morphology |= Self.telangiectasia }
      itchRange = 1...6
    case .rosaceaLike:
      scaling = random.chance(0.8) ? "absent" : "unknown"
      sites = Self.face
      morphology = Self.erythema | Self.papules
      if random.chance(0.4) { morphology |= Self.pustules }
      if random.chance(0.4) { morphology |= Self.telangiectasia }
      itchRange = 0...4
    case .injectionSite:
      scaling = random.chance(0.5) ? "absent" : "unknown"
      sites = Self.injectionSite
      morphology = Self.erythema
      if random.chance(0.6) { morphology |= Self.swelling }
      if random.chance(0.1) { morphology |= Self.papules }
      itchRange = 0...6
      severityWeights = (0.8, 0.18)
    case .conjunctivitis:
      if random.chance(0.4) { sites = Self.eyelids }
      if random.chance(0.5) { morphology |= Self.erythema }
      if random.chance(0.3) { morphology |= Self.swelling }
      itchRange = 2...8
    case .eczemaWorsening:
      let draw = random.unit()
      scaling = draw < 0.7 ? "present" : draw < 0.8 ? "absent" : "unknown"
      if random.chance(0.6) { sites |= Self.flexures }
      for _ in 0...random.below(3) {
        sites |= pick([Self.hands, Self.arms, Self.legs, Self.trunk, Self.neck, Self.face])
      }
      morphology = Self.erythema | pick([Self.papules, Self.lichenification, Self.oozing, Self.crusting])
      itchRange = 4...10
    case .seborrheicLike:
      scaling = random.chance(0.85) ? "present" : "unknown"
      sites = Self.scalp | Self.face
      if random.chance(0.3) { sites |= Self.neck }
      morphology = Self.erythema
      if random.chance(0.3) { morphology |= Self.plaques }
    case .psoriasiform:
      scaling = random.chance(0.9) ? "present" : "unknown"
      for _ in 0...random.below(3) { sites |= pick([Self.trunk, Self.arms, Self.legs, Self.scalp]) }
      morphology = Self.plaques | Self.erythema
      itchRange = 1...7
    case .skinInfection:
      sites = pick([Self.face, Self.hands, Self.arms, Self.legs, Self.trunk, Self.flexures])
      morphology = pick([Self.crusting, Self.pustules, Self.vesicles, Self.oozing])
      itchRange = 0...5
    case .other:
      sites = pick([Self.trunk, Self.scalp, Self.face, Self.widespread, Self.hands])
      morphology = random.chance(0.5) ? Self.erythema : 0
    }
    let severityDraw = random.unit()
    let severity: StaticString =
      random.chance(0.05)
      ? "" : severityDraw < severityWeights.mild ? "mild"
      : severityDraw < severityWeights.mild + severityWeights.moderate ? "moderate" : "severe"
    let itch: Int? = random.chance(0.9) ? itchRange.lowerBound + random.below(itchRange.count) : nil
    var description: [UInt8]?
    if category == .other {
      description = Self.otherDescriptions[random.below(Self.otherDescriptions.count)]
    } else if random.chance(0.05) {
      description = Self.descriptions[random.below(Self.descriptions.count)]
    }

    out.uuid(&random)
    out.comma()
    out.append(patient.site)
    out.comma()
    out.append(patient.code)
    out.comma()
    out.append(category.code)
    out.comma()
    out.date(onset)
    out.comma()
    out.date(reported)
    out.comma()
    out.append(byPatient ? "patient" : "clinician")
    out.comma()
    out.append(scaling)
    out.comma()
    out.codes(morphology, Self.morphologyCodes)
    out.comma()
    out.codes(sites, Self.siteCodes)
    out.comma()
    out.append(severity)
    out.comma()
    if let itch { out.integer(itch) }
    out.comma()
    if let description { out.append(description) }
    out.comma()
    writeFollowUpState(category, onset: onset, into: &out)
    out.comma()
    if random.chance(0.003) { out.append("entered in error: duplicate of another case") }
    out.newline()
  }

  /// The columns actions … biopsy: a third of the cases have been followed up.
  mutating func writeFollowUpState(_ category: Category, onset: Day, into out: inout RowBytes) {
    guard random.chance(0.33) else {
      out.append(",,,,,,")
      return
    }
    let actionDraw = random.unit()
    let actions: StaticString
    let spaced: Bool
    if category == .facialRedness || category == .conjunctivitis {
      actions =
        actionDraw < 0.6 ? "continued" : actionDraw < 0.85 ? "interval-extended"
        : actionDraw < 0.95 ? "paused;restarted" : "discontinued"
      spaced = actionDraw >= 0.6
    } else {
      actions = actionDraw < 0.85 ? "continued" : actionDraw < 0.95 ? "paused;restarted" : "discontinued"
      spaced = actionDraw >= 0.85
    }
    let restarted = actions.utf8Start[0] == UInt8(ascii: "p")
    var treatments: UInt8 = 0
    let treated = random.unit()
    switch category {
    case .facialRedness:
      treatments = treated < 0.4 ? Self.antifungal | Self.calcineurin : treated < 0.7 ? Self.calcineurin : 0
    case .eczemaWorsening: treatments = treated < 0.6 ? Self.moisturizer | Self.steroid : 0
    case .conjunctivitis, .rosaceaLike: treatments = treated < 0.5 ? Self.otherTreatment : 0
    case .skinInfection:
      treatments = treated < 0.6 ? Self.antibiotic : treated < 0.8 ? Self.antiviral : Self.antifungal
    case .seborrheicLike: treatments = treated < 0.7 ? Self.antifungal : 0
    case .psoriasiform: treatments = treated < 0.6 ? Self.steroid : 0
    case .injectionSite: treatments = treated < 0.2 ? Self.moisturizer : 0
    case .other: treatments = 0
    }
    out.append(actions)
    out.comma()
    out.codes(UInt16(treatments), Self.treatmentCodes)
    out.comma()
    if spaced { out.append(random.chance(0.7) ? "improved" : "not-improved") }
    out.comma()
    if restarted { out.append(random.chance(0.4) ? "recurred" : "no-recurrence") }
    out.comma()
    let outcomeDraw = random.unit()
    if outcomeDraw < 0.5 {
      let resolved = onset.adding(days: 7 + random.below(120))
      if resolved <= asOf {
        out.append("resolved,")
        out.date(resolved)
      } else {
        out.append("improving,")
      }
    } else {
      out.append(outcomeDraw < 0.7 ? "improving," : outcomeDraw < 0.9 ? "ongoing," : "unknown,")
    }
    out.comma()
    if category == .psoriasiform && random.chance(0.2) { out.append("psoriasiform dermatitis") }
  }
}
