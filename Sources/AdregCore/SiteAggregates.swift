/// Every aggregate the registry's reports are computed from, for one site (or a network of sites added up), with
/// time counted from each patient's start and no window but as-of: what `share` writes and `pool` reads.
public struct SiteAggregates: Sendable {
  /// The site, or nil for a network added up.
  public var site: String?
  public var frequency: FrequencyAggregates
  /// Time on treatment censored at the stop date or the last contact (`frequency.time` is censored at as-of).
  public var lastContact: TimeOnTreatment
  public var onset: OnsetAggregates
  public var risk: RiskAggregates

  /// The time on treatment under a censoring rule.
  public func time(_ censor: CensorRule) -> TimeOnTreatment { censor == .asOf ? frequency.time : lastContact }

  /// Two sites as one network.
  public func merged(with other: SiteAggregates) -> SiteAggregates {
    SiteAggregates(
      site: nil, frequency: frequency.merged(with: other.frequency), lastContact: lastContact.merged(with: other.lastContact),
      onset: onset.merged(with: other.onset), risk: risk.merged(with: other.risk))
  }
}

extension Registry {
  /// The number of schema migrations applied to the registry (PRODUCT.md §10 "Manifest").
  public func schemaVersion() throws -> Int {
    try translatingErrors { try Registry.migrator.appliedMigrations(in: db).count }
  }

  /// The MedDRA version of the site's mapping of categories (`meddra import`), nil when the registry holds no
  /// mapping (PRODUCT.md §10 "MedDRA").
  public func meddraVersion() throws -> String? {
    try translatingErrors {
      // A site normally codes every category in one release; a mapping caught between two lists both.
      let versions = try db.rows("SELECT DISTINCT meddra_version FROM meddra_mapping ORDER BY meddra_version")
        .map { try $0.decode(String.self, column: "meddra_version") }
      return versions.isEmpty ? nil : versions.joined(separator: ", ")
    }
  }
}
