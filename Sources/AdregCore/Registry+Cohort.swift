import AdregDatabase

extension Registry {
  /// The cohort these options define, with "today" as its cap.
  /// - Throws: `RegistryError.invalidData` for a level outside (0, 1), `--from` after `--to`, or a malformed site.
  func cohortDefinition(_ options: ReportOptions) throws -> CohortDefinition {
    guard options.level > 0, options.level < 1, options.level.isFinite else {
      throw RegistryError.invalid("level: \(options.level) is not a confidence level; give one between 0 and 1, e.g. 0.95")
    }
    if let from = options.from, let to = options.to, from > to {
      throw RegistryError.invalid(
        .windowStart,
        "\(label: .windowStart): \(from.iso) is after \(option: .windowEnd) \(to.iso); the window would be empty")
    }
    if let site = options.site { _ = try Validate.site(site, field: "site") }
    return CohortDefinition(window: ReportWindow(asOf: today, from: options.from, to: options.to), site: options.site)
  }

  /// The cohort's size and exposure, and whether it is every patient of the registry.
  ///
  /// Exposure is the sum over cohort patients of `last − first + 1` days, where first is the later of start and
  /// `from`, and last the earlier of stop (or the end) and the end. The sum splits into a part per start date and
  /// a part per stop date, so the queries read counts per date — a few thousand rows through the start and stop
  /// indexes — instead of one row per patient:
  /// - S, patients who started by the end, counted per start date;
  /// - X, patients of S who stopped before `from`: S without X is the cohort;
  /// - Y, patients who stopped within the window before its end: their last day is the stop, everyone else's the end.
  func cohortTotals(_ definition: CohortDefinition) throws -> (cohort: Cohort, isWholeRegistry: Bool) {
    let window = definition.window
    let end = window.end
    let siteCondition = definition.site == nil ? "" : " AND site = :site"
    let site: StatementArguments = definition.site.map { ["site": $0] } ?? [:]
    var registryPatients = 0
    var started = 0
    var firstDays = 0
    for row in try db.rows(
      "SELECT start_date, count(*) AS n FROM patient WHERE 1\(siteCondition) GROUP BY start_date", site)
    {
      let n = try row.decode(Int.self, column: "n")
      let start = try day(row, "start_date")
      registryPatients += n
      guard start <= end else { continue }
      started += n
      firstDays += n * max(start, window.from ?? start).number
    }
    var stoppedBefore = 0
    if let from = window.from {
      // Those who started after the end are not in S, when an early --as-of ends the window before `from`.
      stoppedBefore = try db.scalar(
        Int.self,
        "SELECT count(*) FROM patient WHERE stop_date IS NOT NULL AND stop_date < :from AND start_date <= :end"
          + siteCondition,
        ["from": from, "end": end] + site) ?? 0
      firstDays -= stoppedBefore * from.number
    }
    let patients = started - stoppedBefore
    var stoppedWithin = 0
    var lastDays = 0
    for row in try db.rows(
      """
      SELECT stop_date, count(*) AS n FROM patient
      WHERE stop_date IS NOT NULL AND stop_date >= :from AND stop_date < :end\(siteCondition) GROUP BY stop_date
      """, definition.windowArguments + site)
    {
      let n = try row.decode(Int.self, column: "n")
      stoppedWithin += n
      lastDays += n * (try day(row, "stop_date")).number
    }
    lastDays += (patients - stoppedWithin) * end.number
    // Every patient's overlap is empty when the window starts after its end (a --from later than --as-of);
    // otherwise no patient's term is negative, so the sums need no clamping.
    let empty = window.from.map { $0 > end } ?? false
    let cohort = Cohort(patients: patients, exposureDays: empty ? 0 : lastDays - firstDays + patients)
    return (cohort, definition.site == nil && patients == registryPatients)
  }

  /// Per category with cases (and `any`), the cohort patients with a non-withdrawn case with onset in the
  /// window, and the number of such cases.
  func affectedPatients(
    _ definition: CohortDefinition, wholeRegistry: Bool
  ) throws -> [ReportCategory: (patients: PatientIDSet, episodes: Int)] {
    var affected: [ReportCategory: (patients: PatientIDSet, episodes: Int)] = [:]
    // The cases of each category come from the (category, onset, patient) index; their patients are told apart
    // in Swift, which costs less than SQLite's DISTINCT over a temporary b-tree. When every patient is in the
    // cohort no join is needed; otherwise each case's patient is looked up by id, from the case, never the
    // other way round.
    let withdrawn = try withdrawnCaseIDs()
    // A bit per patient id up to the largest; larger bounds (ids written by hand) fall back to hashing.
    let largest = try db.scalar(Int64.self, "SELECT max(id) FROM patient") ?? 0
    let bound = largest < 1 << 26 ? largest + 1 : 0
    let statement = try db.cachedStatement(
      wholeRegistry
        ? """
          SELECT c.id, c.patient_id FROM case_report c
          WHERE c.category = :category AND c.onset_date >= :from AND c.onset_date <= :end
          """
        : """
          SELECT c.id, c.patient_id FROM case_report c CROSS JOIN patient p ON p.id = c.patient_id
          WHERE c.category = :category AND c.onset_date >= :from AND c.onset_date <= :end
            AND \(CohortDefinition.condition)
          """)
    let arguments = wholeRegistry ? definition.windowArguments : definition.arguments
    var anyPatients = PatientIDSet(bound: bound)
    var episodes = 0
    for category in Category.allCases {
      var patients = PatientIDSet(bound: bound)
      var categoryEpisodes = 0
      try statement.forEachRow(arguments + ["category": category]) { row in
        guard !withdrawn.contains(try row.integer(at: 0)) else { return }
        patients.insert(try row.integer(at: 1))
        categoryEpisodes += 1
      }
      guard categoryEpisodes > 0 else { continue }
      affected[.category(category)] = (patients, categoryEpisodes)
      anyPatients.formUnion(patients)
      episodes += categoryEpisodes
    }
    affected[.any] = (anyPatients, episodes)
    return affected
  }

  /// Ids of withdrawn cases. They are few, so the reports leave them out in Swift rather than look each case up
  /// in SQL.
  func withdrawnCaseIDs() throws -> Set<Int64> {
    var withdrawn = Set<Int64>()
    try db.cachedStatement("SELECT case_id FROM case_withdrawal").forEachInteger { withdrawn.insert($0) }
    return withdrawn
  }

  /// Maps the registry file into memory for this connection: a report reads most pages of a large registry, and
  /// mapped pages are read in place instead of being copied through `read(2)` one by one. Listings and exports
  /// stream and keep their memory flat, so only reports ask for it.
  func mapForScans() throws {
    try translatingErrors { try db.execute(script: "PRAGMA mmap_size = 4294967296") }
  }
}
