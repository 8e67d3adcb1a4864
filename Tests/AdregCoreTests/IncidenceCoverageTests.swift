@testable import AdregCore
import AdregFormats
import AdregStatistics
import AdregTestSupport
import Foundation
import Testing

/// The registry's censoring, checked where no formula can: simulated clinics with a known constant hazard, loaded
/// through the import and reported by `report incidence`, must give intervals that cover the truth about as often
/// as they claim.
@Suite("Incidence coverage on simulated registries")
struct IncidenceCoverageTests {
  static let asOf = Day(iso: "2025-06-30")!
  /// A daily hazard of a first facial redness such that about 10% have one by week 16.
  static let hazard = -log(0.9) / 112

  /// 200 clinics (one site each) of 250 patients: starts uniform over the three years before as-of, treatment
  /// stopped after an exponential time (mean 400 days) for some, onset after an exponential time with the hazard
  /// above, in whole days since start. A reaction after the stop is recorded too (clinics do), and must not count;
  /// an earlier case withdrawn as entered in error must not count either.
  /// The registry's folder goes with it and is removed when the caller lets it go.
  static func simulatedRegistry(seed: UInt64) throws -> (Registry, sites: [String], folder: TemporaryDirectory) {
    var random = SplitMix64(seed: seed)
    var patients = "site,code,uuid,sex,birth_year,start_date,stop_date,stop_reason,regimen,interval_days,risk_factors\n"
    var cases = "uuid,site,patient_code,category,onset_date,reported_date,source,scaling,morphology,body_sites,severity,itch,description,actions,treatments,dechallenge,rechallenge,outcome,outcome_date,biopsy,withdrawn_reason\n"
    let sites = (1...200).map { "clinic-\($0)" }
    for site in sites {
      for i in 0..<250 {
        let start = asOf.adding(days: -random.below(3 * 365))
        let stopDay = random.chance(0.5) ? Int(-400 * log(1 - random.unit())) : nil
        let stop = stopDay.map { start.adding(days: $0) }.flatMap { $0 < asOf ? $0 : nil }
        patients += "\(site),P\(i),,F,1980,\(start.iso),\(stop?.iso ?? ""),,300 mg every 2 weeks,14,\n"
        let onset = start.adding(days: Int(-log(1 - random.unit()) / hazard))
        if random.chance(0.02), start < onset {
          let mistaken = start.adding(days: random.below(onset.days(since: start)))
          if mistaken <= asOf {
            cases += ",\(site),P\(i),facial-redness,\(mistaken.iso),\(mistaken.iso),clinician,unknown,,,,,,,,,,,,,wrong patient\n"
          }
        }
        guard onset <= asOf else { continue }
        cases += ",\(site),P\(i),facial-redness,\(onset.iso),\(onset.iso),clinician,unknown,,,,,,,,,,,,,\n"
      }
    }
    let folder = try TemporaryDirectory(prefix: "adreg-coverage")
    let registry = try Registry.initialize(
      at: folder.path("r.sqlite"), user: "test", today: asOf
    ).registry
    for (kind, text, name) in [(RecordKind.patients, patients, "patients.csv"), (.cases, cases, "cases.csv")] {
      let bytes = Array(text.utf8)
      let summary = try registry.importRecords(
        kind, from: CSVReader(bytes: bytes), source: ImportSource(name: name, bytes: bytes.count))
      #expect(summary.problemCount == 0)
    }
    return (registry, sites, folder)
  }

  @Test("Kaplan–Meier at 16 weeks covers the true incidence, and the cohort Weibull shape covers 1, in about 95%")
  func coverage() throws {
    let (registry, sites, folder) = try Self.simulatedRegistry(seed: 2024)
    defer { withExtendedLifetime(folder) {} }
    // In whole days the estimand is P(floor T ≤ 112) = 1 − exp(−113λ); 1 − exp(−112λ) is 0.06 standard errors away.
    let truth = 100 * (1 - exp(-113 * Self.hazard))
    var kaplanMeierCovers = 0
    var shapeCovers = 0
    var fitted = 0
    var options = IncidenceOptions()
    options.weeks = [16]
    for site in sites {
      options.site = site
      let report = try registry.incidenceReport(options)
      let row = try #require(report.rows.first { $0.category == .category(.facialRedness) })
      let week16 = try #require(row.horizons.first { $0.weeks == 16 })
      if let low = week16.ciLow, let high = week16.ciHigh, low <= truth, truth <= high { kaplanMeierCovers += 1 }
      if let weibull = row.weibull {
        fitted += 1
        if weibull.shapeLow <= 1, 1 <= weibull.shapeHigh { shapeCovers += 1 }
      }
    }
    // Seed 2024 gives 193 and 194 of 200. 200 replicates at a true 95%: the count lies in [180, 199] with probability above 0.999
    // (scipy.stats.binom(200, 0.95).cdf(179) = 5.6e-4).
    #expect((180...199).contains(kaplanMeierCovers), "Kaplan–Meier covered \(kaplanMeierCovers) of 200")
    #expect(fitted == 200, "every clinic has 5 or more events")
    #expect((180...199).contains(shapeCovers), "the shape interval covered 1 in \(shapeCovers) of \(fitted)")
  }
}
