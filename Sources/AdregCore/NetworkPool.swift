import AdregStatistics

/// Bundles from the sites of a network, checked to be poolable, and the registry's reports computed from their
/// aggregates added up (PRODUCT.md §11) — by the same code as one registry's reports.
public struct NetworkPool: Sendable {
  public var asOf: Day
  public var references: [TrialReference]
  /// Every site of every bundle, in the order given.
  public var sites: [SiteAggregates]
  /// The sites added up.
  public var pooled: SiteAggregates
  /// A bundle was suppressed: its null counts were read as 0.
  public var approximate: Bool
  /// The manifest every bundle shares (its adreg version that of the first).
  public var manifest: Manifest

  /// Checks that the bundles can be pooled and adds them up.
  /// - Parameter bundles: each bundle with the name of its file, for messages.
  /// - Throws: `RegistryError.invalidData` for bundles of different as-of dates, format or schema versions or
  ///   trial references, a site in two bundles, or a suppressed bundle without `allowApproximate`.
  public init(_ bundles: [(bundle: AggregateBundle, name: String)], allowApproximate: Bool) throws {
    guard let (first, firstName) = bundles.first else {
      throw RegistryError(.invalidData, field: nil, "give at least one bundle written by \(task: .share)")
    }
    var seen: [String: String] = [:]
    for (bundle, name) in bundles {
      guard bundle.bundleVersion == AggregateBundle.version else {
        throw RegistryError.invalid(
          "\(name) is a bundle of format version \(bundle.bundleVersion), this adreg reads version \(AggregateBundle.version); "
            + "write every bundle with the same adreg version")
      }
      guard bundle.asOf == first.asOf else {
        throw RegistryError.invalid(
          .asOf, "\(name) is as of \(bundle.asOf.iso) but \(firstName) as of \(first.asOf.iso)",
          fix: "write every bundle with the same \(option: .asOf)")
      }
      guard bundle.manifest.schemaVersion == first.manifest.schemaVersion else {
        throw RegistryError(
          .invalidData, field: nil,
          "\(name) comes from a registry of schema version \(bundle.manifest.schemaVersion) but \(firstName) from version "
            + "\(first.manifest.schemaVersion)",
          fix: "run \(task: .create) at both sites with the same adreg, then share again")
      }
      guard bundle.manifest.referencesSHA256 == first.manifest.referencesSHA256 else {
        throw RegistryError(
          .invalidData, field: nil,
          "\(name) and \(firstName) hold different trial references (references_sha256 differs)",
          fix: "give every site the same table with \(task: .importReferences), then share again")
      }
      if bundle.isSuppressed, !allowApproximate {
        throw RegistryError.invalid(
          .approximatePooling,
          "\(name) is suppressed (counts below \(bundle.minCell ?? 0) left out), "
            + "so pooled figures would be approximate",
          fix: "\(give: .approximatePooling) to pool it with its missing counts read as 0, "
            + "or ask for a bundle without \(option: .minimumCell)")
      }
      for site in bundle.sites {
        let key = site.site ?? ""
        if let other = seen[key] {
          throw RegistryError.invalid(
            "site \(key) is in both \(other) and \(name); give each site's bundle once")
        }
        seen[key] = name
      }
    }
    let sites = bundles.flatMap(\.bundle.sites)
    guard let head = sites.first else {
      throw RegistryError.invalid("\(firstName) holds no site: its registry had no patient; nothing to pool")
    }
    asOf = first.asOf
    references = first.references
    self.sites = sites
    pooled = sites.dropFirst().reduce(head) { $0.merged(with: $1) }
    pooled.site = nil
    approximate = bundles.contains { $0.bundle.isSuppressed }
    manifest = first.manifest
  }

  /// The window of every pooled report: open, up to as-of (a bundle holds no calendar).
  public var window: ReportWindow { ReportWindow(asOf: asOf) }

  /// The frequency report of the network and of each site.
  public func frequency(_ options: ReportOptions) throws -> (pooled: FrequencyReport, sites: [FrequencyReport]) {
    try NetworkPool.checkLevel(options.level)
    let make = { @Sendable (site: SiteAggregates) in
      try FrequencyReport.make(site.frequency, window: window, references: references, options: options)
    }
    return (try make(pooled), try sites.concurrentMap(make))
  }

  /// The incidence report of the network and of each site.
  public func incidence(_ options: IncidenceOptions) throws -> (pooled: IncidenceReport, sites: [IncidenceReport]) {
    try NetworkPool.checkLevel(options.level)
    try IncidenceOptions.validate(weeks: options.weeks)
    let make = { @Sendable (site: SiteAggregates) in
      let time = site.time(options.censor)
      return IncidenceReport(
        asOf: asOf, censor: options.censor, level: options.level, site: site.site, patients: time.patients,
        rows: try IncidenceReport.rows(time, references: references, options: options))
    }
    return (try make(pooled), try sites.concurrentMap(make))
  }

  /// The onset report of the network and of each site.
  public func onset(level: Double) throws -> (pooled: OnsetReport, sites: [OnsetReport]) {
    try NetworkPool.checkLevel(level)
    let make = { @Sendable (site: SiteAggregates) in try OnsetReport.make(site.onset, window: window, level: level) }
    return (try make(pooled), try sites.concurrentMap(make))
  }

  /// The risk report of the network and of each site.
  public func risk(level: Double) throws -> (pooled: RiskReport, sites: [RiskReport]) {
    try NetworkPool.checkLevel(level)
    let make = { @Sendable (site: SiteAggregates) in
      try RiskReport.make(site.risk, window: window, cohort: site.onset.cohort, level: level)
    }
    return (try make(pooled), try sites.concurrentMap(make))
  }

  /// The Mantel–Haenszel risk ratio of a factor and category with the sites as strata.
  public func mantelHaenszel(factor: String, category: ReportCategory, level: Double) throws -> RiskRatio? {
    do {
      return try MantelHaenszel.riskRatio(sites.map { $0.risk.stratum(factor: factor, category: category) }, level: level)
    } catch let error as StatisticsError {
      throw RegistryError(.failure, "could not compute the Mantel–Haenszel risk ratio of \(factor) for \(category): \(error)")
    }
  }

  static func checkLevel(_ level: Double) throws {
    guard level > 0, level < 1, level.isFinite else {
      throw RegistryError.invalid("level: \(level) is not a confidence level; give one between 0 and 1, e.g. 0.95")
    }
  }
}
