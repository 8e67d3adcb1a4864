import AdregDatabase

/// The window as a report applies it: "today" caps the end, so data entered later never counts.
public struct ReportWindow: Sendable, Hashable {
  public var asOf: Day
  public var from: Day?
  public var to: Day?
  /// The last day that counts: `to`, capped at `asOf`.
  public var end: Day { to.map { min($0, asOf) } ?? asOf }

  /// A window; an open one (no `from`, no `to`) is every day up to `asOf`.
  public init(asOf: Day, from: Day? = nil, to: Day? = nil) {
    self.asOf = asOf
    self.from = from
    self.to = to
  }
}

/// The treated cohort of a window: patients and their exposure.
public struct Cohort: Sendable, Equatable {
  public var patients: Int
  public var exposureDays: Int
  public var patientYears: Double { Double(exposureDays) / 365.25 }

  public init(patients: Int, exposureDays: Int) {
    self.patients = patients
    self.exposureDays = exposureDays
  }

  /// Two sites' cohorts as one.
  public func merged(with other: Cohort) -> Cohort {
    Cohort(patients: patients + other.patients, exposureDays: exposureDays + other.exposureDays)
  }
}

/// Who a report counts (PRODUCT.md §6 "Window and exposure"): the patients of `site` (every site when nil) whose
/// treatment started by the window's end and did not stop before its start, each exposed for the inclusive overlap
/// of [start, stop or as-of] with the window.
struct CohortDefinition: Sendable, Equatable {
  var window: ReportWindow
  var site: String?

  /// The cohort condition on the patient `p` of a query; its arguments are `arguments`.
  static let condition = """
    p.start_date <= :end AND (p.stop_date IS NULL OR p.stop_date >= :from) AND (:site IS NULL OR p.site = :site)
    """

  /// The window's days, `:from` and `:end`, for a query of cases in the window. An open start is the earliest date
  /// that sorts as text.
  var windowArguments: StatementArguments {
    ["from": window.from?.iso ?? "0001-01-01", "end": window.end]
  }

  /// The values `condition` binds: `:from`, `:end` and `:site`.
  var arguments: StatementArguments {
    windowArguments + ["site": site]
  }

  /// Whether a patient with these treatment days is in the cohort: started by the end, not stopped before the start.
  func contains(start: Day, stop: Day?) -> Bool {
    let stoppedBefore = window.from.flatMap { from in stop.map { $0 < from } } ?? false
    return start <= window.end && !stoppedBefore
  }

  /// A member's exposure in days: the inclusive overlap of [start, stop or as-of] with the window.
  func exposureDays(start: Day, stop: Day?) -> Int {
    let first = max(start, window.from ?? start)
    let last = min(stop ?? window.end, window.end)
    return max(0, last.days(since: first) + 1)
  }

  /// The cohort among patients read with their treatment days.
  func cohort(_ started: CohortDays) -> Cohort {
    var patients = 0
    var days = 0
    started.forEach { _, start, stop in
      guard contains(start: start, stop: stop) else { return }
      patients += 1
      days += exposureDays(start: start, stop: stop)
    }
    return Cohort(patients: patients, exposureDays: days)
  }
}
