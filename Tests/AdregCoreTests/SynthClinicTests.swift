import Foundation
import Testing
@testable import AdregCore

/// The synthetic clinic's schedules and rates, checked on the files against `SynthClinic`'s parameters. Each
/// expected share is computed here from the parameters (by hand, in the comments), never from synth's output; each
/// tolerance is 4 binomial standard deviations √(p(1 − p)/n) at the test's n, so a correct generator fails about
/// once in 16,000 seeds, while a wrong rate (say 20 % instead of 15 % a year) is 15 or more deviations off.
@Suite("Synthetic clinic")
struct SynthClinicTests {
  let clinic = SynthClinic()

  static func binomialTolerance(_ p: Double, _ n: Int) -> Double { 4 * (p * (1 - p) / Double(n)).squareRoot() }

  @Test("injections: the first on the start day, then one per interval within ±2 days, about 3 % missed, jitter as declared")
  func doses() throws {
    let cohort = try SynthCohort.withContacts.get()
    var slots = 0
    var missed = 0
    var jitter = [Int](repeating: 0, count: 5)
    for patient in cohort.patients.values {
      let days = patient.doses.map { $0.days(since: patient.start) }
      #expect(days.first == 0)
      #expect(days == days.sorted() && Set(days).count == days.count)
      if let stop = patient.stop { #expect(patient.doses.allSatisfy { $0 < stop }) }
      var scheduled = Set<Int>()
      for day in days.dropFirst() {
        let slot = Int((Double(day) / Double(patient.interval)).rounded())
        let offset = day - slot * patient.interval
        #expect(abs(offset) <= 2, "dose on day \(day) of a \(patient.interval)-day interval")
        #expect(scheduled.insert(slot).inserted)
        jitter[offset + 2] += 1
      }
      if let last = scheduled.max() {
        slots += last
        missed += last - scheduled.count
      }
    }
    // Missed: 3 % of the scheduled injections from the second up to the last one given.
    #expect(abs(Double(missed) / Double(slots) - clinic.missedDose) < Self.binomialTolerance(clinic.missedDose, slots))
    let given = jitter.reduce(0, +)
    for (index, share) in clinic.doseJitter.enumerated() {
      #expect(abs(Double(jitter[index]) / Double(given) - share) < Self.binomialTolerance(share, given), "jitter \(index - 2)")
    }
  }

  @Test("visits at week 4, then every 12 weeks, each within 3 days; none after a stop")
  func visits() throws {
    let cohort = try SynthCohort.withContacts.get()
    var seen = 0
    for patient in cohort.patients.values {
      for visit in patient.visits {
        let day = visit.days(since: patient.start)
        let slot = Int((Double(day - clinic.firstVisitDay) / Double(clinic.visitEveryDays)).rounded())
        #expect(slot >= 0 && abs(day - clinic.firstVisitDay - slot * clinic.visitEveryDays) <= clinic.visitJitterDays)
        if let stop = patient.stop { #expect(visit <= stop) }
        seen += 1
      }
    }
    // 4 years of starts: on average more than 4 visits a patient.
    #expect(seen > 4 * cohort.patients.count)
  }

  @Test("about 15 % of patients stop within their first year, as the stop and loss hazards predict")
  func stopRate() throws {
    let cohort = try SynthCohort.shared.get()
    let yearAgo = SynthCohort.asOf.adding(days: -365)
    let eligible = cohort.patients.values.filter { $0.start <= yearAgo }
    let stopped = eligible.filter { patient in patient.stop.map { $0.days(since: patient.start) <= 365 } ?? false }
    // Stop on day S = ⌊E_s⌋ + 1 and loss on day L = ⌊E_l⌋ + 1, E exponential with daily hazards λ, μ; the stop is
    // recorded when S ≤ L: P = Σ_{s=1}^{365} (e^{−λ(s−1)} − e^{−λs}) e^{−μ(s−1)}. With μ = 0 it is 1 − e^{−365λ} = 0.15.
    let lambda = SynthClinic.dailyHazard(perYear: clinic.stopPerYear)
    let mu = SynthClinic.dailyHazard(perYear: clinic.lostPerYear)
    let expected = (1...365).reduce(0.0) { sum, s in
      sum + (exp(-lambda * Double(s - 1)) - exp(-lambda * Double(s))) * exp(-mu * Double(s - 1))
    }
    // python: sum((exp(-l*(s-1))-exp(-l*s))*exp(-m*(s-1)) for s in range(1,366)), l=-log(.85)/365, m=-log(.96)/365 → 0.147069
    #expect(abs(expected - 0.147069) < 1e-6)
    let share = Double(stopped.count) / Double(eligible.count)
    #expect(abs(share - expected) < Self.binomialTolerance(expected, eligible.count), "\(share) vs \(expected)")
    let reasons = Set(cohort.patients.values.filter { $0.stop != nil }.map(\.stopReason))
    #expect(reasons == Set(clinic.stopReasons.map(\.reason)))
  }

  @Test("some patients are lost: no stop date, no contact for months, as the loss hazard predicts")
  func lostToFollowUp() throws {
    let cohort = try SynthCohort.withContacts.get()
    let contacts = cohort.lastContacts()
    let cutoff = SynthCohort.asOf.adding(days: -120)
    let lost = cohort.patients.filter { code, patient in patient.stop == nil && contacts[code, default: patient.start] < cutoff }
    // A patient lost on day L (from start offset o, uniform on 0..<1460) has no contact after L, and contacts up to
    // about 60 days before it (two intervals and jitter); one still treated has one within weeks. So the share with
    // no contact in the last 120 days lies between f(121) and f(60), f(D) = (1/1460) Σ_o Σ_{l=1}^{o−D} P(L = l) P(S > l),
    // P(L = l) = e^{−μ(l−1)} − e^{−μl}, P(S > l) = e^{−λl}.
    let lambda = SynthClinic.dailyHazard(perYear: clinic.stopPerYear)
    let mu = SynthClinic.dailyHazard(perYear: clinic.lostPerYear)
    func f(_ gap: Int) -> Double {
      var total = 0.0
      for offset in 0..<clinic.enrolmentDays where offset - gap >= 1 {
        for l in 1...(offset - gap) {
          total += (exp(-mu * Double(l - 1)) - exp(-mu * Double(l))) * exp(-lambda * Double(l))
        }
      }
      return total / Double(clinic.enrolmentDays)
    }
    let low = f(121), high = f(60)  // python, the same double sum: 0.054311 and 0.058785
    #expect(abs(low - 0.054311) < 1e-6 && abs(high - 0.058785) < 1e-6)
    let share = Double(lost.count) / Double(cohort.patients.count)
    let n = cohort.patients.count
    #expect(share > low - Self.binomialTolerance(low, n) && share < high + Self.binomialTolerance(high, n), "\(share) not in \(low)…\(high)")
    #expect(share > 0.03)
  }

  @Test("onset windows: injection-site 0–3 days after an injection, conjunctivitis and facial redness early, psoriasiform later")
  func onsetWindows() throws {
    let cohort = try SynthCohort.shared.get()
    func onsetDays(_ category: String) -> [Int] {
      cohort.cases.filter { $0["category"] == category && $0["withdrawn_reason", default: ""].isEmpty }.compactMap { row in
        guard let patient = cohort.patients[row["patient_code", default: ""]], let onset = Day(iso: row["onset_date", default: ""])
        else { return nil }
        return onset.days(since: patient.start)
      }.sorted()
    }
    let median = { (days: [Int]) in days[days.count / 2] }
    for category in clinic.categories {
      let days = onsetDays(category.code)
      #expect(days.count > 20, "\(category.code)")
      if case .weibull(_, _, let shift) = category.onset { #expect(days.allSatisfy { $0 >= shift }, "\(category.code)") }
    }
    for category in ["conjunctivitis", "facial-redness"] {
      let days = onsetDays(category)
      #expect(Double(days.filter { $0 <= 182 }.count) / Double(days.count) > 0.75, "\(category) mostly in the first 6 months")
    }
    #expect(median(onsetDays("psoriasiform")) > 2 * median(onsetDays("conjunctivitis")))
    #expect(median(onsetDays("psoriasiform")) > 180)
    // On treatment and in contact: none after a stop, none after a lost patient's last contact.
    let small = try SynthCohort.withContacts.get()
    let contacts = small.lastContacts()
    for row in small.cases {
      let code = row["patient_code", default: ""]
      let onset = try #require(Day(iso: row["onset_date", default: ""]))
      if let stop = small.patients[code]?.stop { #expect(onset <= stop) }
      #expect(contacts[code].map { onset <= $0 } == true)
    }
  }

  @Test("the truth states the generator's parameters: multipliers, onset patterns and the hazard they give")
  func truth() throws {
    let options = SynthOptions(patients: 10, seed: 3, asOf: SynthCohort.asOf)
    let text = clinic.truth(options).serialized()
    #expect(text == clinic.truth(options).serialized(), "the same bytes every time")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let categories = try #require(json["categories"] as? [[String: Any]])
    let conjunctivitis = try #require(categories.first { $0["category"] as? String == "conjunctivitis" })
    let onset = try #require(conjunctivitis["onset"] as? [String: Any])
    // python: 10 + 70 * log(2) ** (1 / 1.5)
    #expect(abs(try #require(onset["median_days"] as? Double) - 64.8253838142256) < 1e-9)
    let hazards = try #require(conjunctivitis["hazard"] as? [[String: Any]])
    let day28 = try #require(hazards.first { $0["day"] as? Int == 28 }?["per_day"] as? Double)
    // scipy: d = weibull_min(1.5, scale=70); 0.094 * d.pdf(18) / (1 - 0.094 * d.cdf(18))
    #expect(abs(day28 - 0.0009069806738497081) < 1e-12)
    let psoriasiform = try #require(categories.first { $0["category"] as? String == "psoriasiform" })
    #expect(psoriasiform["risk_factor_multipliers"] as? [String: Double] == ["psoriasis-history": 6])
    let stopping = try #require(json["stopping"] as? [String: Any])
    let hazard = try #require(stopping["daily_hazard"] as? Double)
    #expect(abs(hazard - SynthClinic.dailyHazard(perYear: 0.15)) < 1e-15)
    // 1 − exp(−365 h) = 0.15
    #expect(abs(1 - exp(-365 * SynthClinic.dailyHazard(perYear: 0.15)) - 0.15) < 1e-12)
  }
}
