import AdregFormats
import Foundation

extension SynthClinic {
  /// The simulation's true parameters as JSON, for `synth --truth`: what a report run on the cohort should recover.
  ///
  /// Keys are snake_case and in a fixed order, so the same clinic always gives the same bytes. Per category:
  /// `risk` (the chance of ever having it without risk factors), `risk_factor_multipliers` (the chance is
  /// multiplied by each factor the patient has, so the expected risk ratio of the factor is the multiplier),
  /// `onset` (the pattern of the first episode's day among susceptible patients), and `hazard`, the hazard that
  /// mixture gives on a few days of treatment.
  public func truth(_ options: SynthOptions) -> JSONValue {
    .object([
      ("generator", .string("adreg synth")),
      ("patients", .int(Int64(options.patients))),
      ("seed", .string(String(options.seed))),
      ("as_of", .string(options.asOf.iso)),
      ("enrolment_days", .int(Int64(enrolmentDays))),
      ("stopping", .object([
        ("per_year", .double(stopPerYear)),
        ("daily_hazard", .double(Self.dailyHazard(perYear: stopPerYear))),
        ("reasons", .array(stopReasons.map { .object([("reason", .string($0.reason)), ("share", .double($0.share))]) })),
        ("note", .string("'adverse reaction' is given only when a case began before the stop; else another reason is drawn")),
      ])),
      ("lost_to_follow_up", .object([
        ("per_year", .double(lostPerYear)), ("daily_hazard", .double(Self.dailyHazard(perYear: lostPerYear))),
      ])),
      ("doses", .object([
        ("first_day", .int(0)), ("interval_days", .string("the patient's interval_days")),
        ("missed", .double(missedDose)),
        ("jitter_days", .array(doseJitter.enumerated().map { index, share in
          .object([("days", .int(Int64(index - (doseJitter.count - 1) / 2))), ("share", .double(share))])
        })),
      ])),
      ("visits", .object([
        ("first_day", .int(Int64(firstVisitDay))), ("every_days", .int(Int64(visitEveryDays))),
        ("jitter_days", .int(Int64(visitJitterDays))), ("missed", .double(missedVisit)),
      ])),
      ("risk_factor_prevalence", .object(riskPrevalence.map { ($0.factor.rawValue, .double($0.share)) })),
      ("categories", .array(categories.map(\.truth))),
      ("follow_up", .object([("followed_up", .double(followedUp)), ("duplicate", .double(duplicate))])),
      ("serious", .object([
        ("share", .double(serious)),
        ("criteria", .object(seriousCriteria.map { ($0.code.rawValue, .double($0.share)) })),
      ])),
    ])
  }
}

extension SynthCategory {
  var truth: JSONValue {
    let onsetValue: JSONValue
    switch onset {
    case .weibull(let shape, let scale, let shift):
      onsetValue = .object([
        ("pattern", .string("weibull")), ("shape", .double(shape)), ("scale_days", .double(scale)),
        ("shift_days", .int(Int64(shift))),
        ("median_days", .double(Double(shift) + scale * pow(log(2), 1 / shape))),
      ])
    case .afterInjection(let next, let daysAfter):
      onsetValue = .object([
        ("pattern", .string("after-injection")), ("next_injection_chance", .double(next)),
        ("days_after_injection", .array(daysAfter.enumerated().map { days, share in
          .object([("days", .int(Int64(days))), ("share", .double(share))])
        })),
      ])
    }
    return .object([
      ("category", .string(code)),
      ("risk", .double(risk)),
      ("risk_factor_multipliers",
       .object(multipliers.keys.sorted().map { ($0.rawValue, .double(multipliers[$0] ?? 1)) })),
      ("onset", onsetValue),
      ("hazard", .array([7, 28, 112, 365].map { day in
        .object([("day", .int(Int64(day))), ("per_day", JSONValue(hazard(onDay: day)))])
      })),
    ])
  }

  /// The hazard of a first episode on day t for a patient without risk factors, risk·f(t)/(1 − risk·F(t)), with
  /// f and F of the continuous Weibull onset; nil for onsets tied to injections, whose hazard follows the doses.
  func hazard(onDay day: Int) -> Double? {
    guard case .weibull(let shape, let scale, let shift) = onset else { return nil }
    let t = Double(day - shift)
    guard t > 0 else { return 0 }
    let cumulative = pow(t / scale, shape)
    let density = shape / scale * pow(t / scale, shape - 1) * exp(-cumulative)
    return risk * density / (1 - risk * (1 - exp(-cumulative)))
  }
}
