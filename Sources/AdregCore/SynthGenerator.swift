import AdregFormats
import AdregStatistics
import Foundation

/// Risk factor bits, in the order `SynthClinic.riskPrevalence` lists the factors (alphabetical, the order the
/// export writes codes in).
struct RiskMask: OptionSet {
  let rawValue: UInt8
}

/// One synthetic patient's course, in days from treatment start (day 0).
struct SynthCourse {
  var site: [UInt8] = []
  var code: [UInt8] = []
  var start = Day(number: 0)
  var intervalDays = 14
  var risk = RiskMask()
  /// The stop day, when the patient stopped treatment while observed.
  var stopDay: Int?
  /// The last day on treatment and in contact: the stop day, the day the patient was lost, or the as-of day.
  var endDay = 0
  /// The last day anything about the patient can be recorded: the day lost, else the as-of day.
  var contactDay = 0
  /// Days the injections were given, ascending.
  var doseDays: [Int] = []
}

/// The columns `site`, `patient_code` and the date of a patient's doses and visits, read once per patient.
struct SynthContactColumns {
  let site: [UInt8]
  let code: [UInt8]
  let start: Day
  let dates: ISODateTable

  init(_ course: SynthCourse, _ dates: ISODateTable) {
    site = course.site
    code = course.code
    start = course.start
    self.dates = dates
  }

  func write(_ day: Int, into out: inout RowBytes) {
    out.append(site)
    out.comma()
    out.append(code)
    out.comma()
    out.date(start.adding(days: day), dates)
  }
}

/// A reaction drawn for a patient, before it is written.
struct SynthCase {
  var category: Int
  var onsetDay: Int
  /// Set for the case whose follow-up records the stop.
  var discontinuedOn: Int?
}

/// Draws the cohort. Every random choice goes through one generator in a fixed order: that is what makes a seed
/// reproducible.
struct SynthGenerator {
  var random: SplitMix64
  let asOf: Day
  let clinic: SynthClinic
  let codeWidth: Int
  let stopHazard: Double
  let lostHazard: Double
  /// Per category, the chance of being susceptible for each of the 32 combinations of risk factors.
  let susceptibility: [[Double]]
  /// Cumulative shares of the dose jitter, and of the stop reasons other than an adverse reaction.
  let jitterCumulative: [Double]
  let stopReasons: [[UInt8]]
  let stopReasonCumulative: [Double]
  let otherReasonCumulative: [Double]
  let adverseReason: Int?
  let riskCodes: [[UInt8]]
  /// Per category: its appearance, and the cumulative shares of days after an injection (injection-site only).
  let kinds: [Category]
  let daysAfterCumulative: [[Double]]
  /// Every day a row can name: from the earliest possible start to as-of.
  let dates: ISODateTable
  var course = SynthCourse()
  var drawn: [SynthCase] = []
  var followUps: [SynthFollowUp] = []

  init(options: SynthOptions) {
    random = SplitMix64(seed: options.seed)
    asOf = options.asOf
    clinic = options.clinic
    codeWidth = max(7, String(options.patients).count)
    dates = ISODateTable(from: options.asOf.adding(days: -max(0, options.clinic.enrolmentDays)), through: options.asOf)
    stopHazard = SynthClinic.dailyHazard(perYear: clinic.stopPerYear)
    lostHazard = SynthClinic.dailyHazard(perYear: clinic.lostPerYear)
    let factors = clinic.riskPrevalence.map(\.factor)
    susceptibility = clinic.categories.map { category in
      (0..<32).map { mask in
        var chance = category.risk
        for (bit, factor) in factors.enumerated() where mask & (1 << bit) != 0 {
          chance *= category.multipliers[factor] ?? 1
        }
        return min(1, chance)
      }
    }
    jitterCumulative = Self.cumulative(clinic.doseJitter)
    stopReasons = clinic.stopReasons.map { Array(CSVFormat.escape($0.reason).utf8) }
    stopReasonCumulative = Self.cumulative(clinic.stopReasons.map(\.share))
    let adverse = options.clinic.stopReasons.firstIndex { $0.reason == "adverse reaction" }
    adverseReason = adverse
    otherReasonCumulative = Self.cumulative(
      options.clinic.stopReasons.enumerated().map { $0.offset == adverse ? 0 : $0.element.share })
    riskCodes = Self.bytes(factors.codes)
    kinds = clinic.categories.map(\.category)
    daysAfterCumulative = clinic.categories.map {
      if case .afterInjection(_, let daysAfter) = $0.onset { Self.cumulative(daysAfter) } else { [] }
    }
    course.doseDays.reserveCapacity(256)
  }

  /// Running sums scaled to end at 1.
  static func cumulative(_ shares: [Double]) -> [Double] {
    let total = shares.reduce(0, +)
    var sum = 0.0
    return shares.map {
      sum += $0
      return total > 0 ? sum / total : 1
    }
  }

  /// The index whose cumulative share first exceeds a uniform draw.
  mutating func pick(cumulative: [Double]) -> Int {
    let draw = random.unit()
    return cumulative.firstIndex { draw < $0 } ?? cumulative.count - 1
  }

  /// Days until an event of a constant daily hazard, at least 1.
  mutating func waiting(hazard: Double) -> Int {
    guard hazard > 0 else { return Int.max / 4 }
    return Int(min(1e9, -log(1 - random.unit()) / hazard)) + 1
  }

  /// Draws patient `index` and everything recorded about them, and writes their rows; returns the start.
  mutating func patient(_ index: Int, into out: inout SynthRows, summary: inout SynthSummary) -> Day {
    let siteDraw = random.unit()
    let site: StaticString = siteDraw < 0.6 ? "main" : siteDraw < 0.8 ? "north" : "south"
    let startOffset = random.below(clinic.enrolmentDays)
    let start = asOf.adding(days: -startOffset)
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
    for (bit, factor) in clinic.riskPrevalence.enumerated() where random.chance(factor.share) {
      risk.insert(RiskMask(rawValue: 1 << bit))
    }
    let stopAfter = waiting(hazard: stopHazard)
    let lostAfter = waiting(hazard: lostHazard)

    course.site = site.withUTF8Buffer { Array($0) }
    course.code.removeAll(keepingCapacity: true)
    course.code.append(UInt8(ascii: "P"))
    appendPadded(index, width: codeWidth, to: &course.code)
    course.start = start
    course.intervalDays = interval
    course.risk = risk
    course.stopDay = nil
    course.endDay = startOffset
    course.contactDay = startOffset
    if stopAfter <= startOffset && stopAfter <= lostAfter {
      course.stopDay = stopAfter
      course.endDay = stopAfter
    } else if lostAfter < startOffset {
      course.endDay = lostAfter
      course.contactDay = lostAfter
    }
    drawDoses()
    drawCases()
    let reason = course.stopDay.map { stopReason(stopDay: $0) }

    out.patients.append(course.site)
    out.patients.comma()
    out.patients.append(course.code)
    out.patients.comma()
    out.patients.uuid(&random)
    out.patients.comma()
    out.patients.append(sex)
    out.patients.comma()
    if knownBirthYear { out.patients.integer(birthYear) }
    out.patients.comma()
    out.patients.date(start, dates)
    out.patients.comma()
    if let stop = course.stopDay { out.patients.date(start.adding(days: stop), dates) }
    out.patients.comma()
    if let reason { out.patients.append(stopReasons[reason]) }
    out.patients.comma()
    out.patients.append(regimen)
    out.patients.comma()
    out.patients.integer(interval)
    out.patients.comma()
    out.patients.codes(UInt16(risk.rawValue), riskCodes)
    out.patients.newline()

    summary.doses += writeDoses(into: &out.doses)
    summary.visits += writeVisits(into: &out.visits)
    for drawnCase in drawn {
      let written = writeCase(drawnCase, into: &out)
      summary.cases += written.cases
      summary.followUps += written.followUps
    }
    return start
  }

  /// The injections: day 0, then one per interval, each a day or two early or late, a few missed; none on or
  /// after the stop day, none after the patient is lost or after as-of.
  mutating func drawDoses() {
    // Locals, not properties, in the loop: a debug build would otherwise retain the clinic's arrays per injection.
    var days = course.doseDays
    course.doseDays = []
    days.removeAll(keepingCapacity: true)
    days.append(0)
    let last = course.stopDay.map { $0 - 1 } ?? course.endDay
    let cumulative = jitterCumulative
    let missed = clinic.missedDose
    let interval = course.intervalDays
    let shift = (cumulative.count - 1) / 2
    var scheduled = interval
    while scheduled - shift <= last {
      let draw = random.unit()
      if draw >= missed {
        // The same draw, rescaled, gives the jitter: one draw per injection keeps a million patients fast.
        let within = (draw - missed) / (1 - missed)
        var index = 0
        while index < cumulative.count - 1 && within >= cumulative[index] { index += 1 }
        let day = scheduled + index - shift
        if day <= last { days.append(day) }
      }
      scheduled += interval
    }
    course.doseDays = days
  }

  mutating func writeDoses(into out: inout RowBytes) -> Int {
    let contact = SynthContactColumns(course, dates)
    for day in course.doseDays {
      contact.write(day, into: &out)
      out.newline()
    }
    return course.doseDays.count
  }

  /// Visits at week 4, then every 12 weeks, each within a few days of its schedule, a few missed, while the
  /// patient is on treatment and in contact.
  mutating func writeVisits(into out: inout RowBytes) -> Int {
    let contact = SynthContactColumns(course, dates)
    let first = clinic.firstVisitDay, every = clinic.visitEveryDays, jitter = clinic.visitJitterDays
    let missedVisit = clinic.missedVisit, end = course.endDay
    var count = 0
    var scheduled = first
    let spread = 2 * jitter + 1
    while scheduled - jitter <= end {
      let missed = random.chance(missedVisit)
      let day = scheduled - jitter + random.below(spread)
      if !missed && day <= end {
        contact.write(day, into: &out)
        out.comma()
        out.newline()
        count += 1
      }
      scheduled += every
    }
    return count
  }

  /// The reason for stopping: "adverse reaction" only when a case began on treatment before the stop (that case
  /// then records the discontinuation), else one of the others.
  mutating func stopReason(stopDay: Int) -> Int {
    let reason = pick(cumulative: stopReasonCumulative)
    guard reason == adverseReason else { return reason }
    if let latest = drawn.indices.last(where: { drawn[$0].onsetDay <= stopDay }) {
      drawn[latest].discontinuedOn = stopDay
      return reason
    }
    return pick(cumulative: otherReasonCumulative)
  }

  static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }
}
