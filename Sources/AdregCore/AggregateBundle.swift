import AdregFormats
import AdregStatistics

/// What one registry shares with a network (PRODUCT.md §11): each site's aggregates in days since start, the trial
/// references and the manifest, as of one day. It holds no patient code, uuid, free text or date but `asOf`.
public struct AggregateBundle: Sendable {
  /// The `format` member that marks a bundle.
  public static let format = "adreg-share-bundle"
  /// Raised whenever the layout changes; `pool` refuses to mix versions.
  public static let version = 1

  public var asOf: Day
  /// Counts from 1 to `minCell − 1` were left out (null), when set.
  public var minCell: Int?
  public var manifest: Manifest
  public var references: [TrialReference]
  public var sites: [SiteAggregates]
  /// The bundle format version the file was written in.
  public var bundleVersion = AggregateBundle.version

  public init(asOf: Day, minCell: Int?, manifest: Manifest, references: [TrialReference], sites: [SiteAggregates]) {
    self.asOf = asOf
    self.minCell = minCell
    self.manifest = manifest
    self.references = references
    self.sites = sites
  }

  public var isSuppressed: Bool { minCell != nil }

  /// The bundle as JSON; with `minCell` every count from 1 to `minCell − 1` is null.
  public var json: JSONValue {
    let writer = CellWriter(minCell: minCell)
    return .object([
      ("format", .string(Self.format)), ("bundle_version", .int(Int64(bundleVersion))), ("as_of", .string(asOf.iso)),
      ("suppressed", .bool(isSuppressed)), ("min_cell", JSONValue(minCell)),
      ("manifest", manifest.json), ("references", .array(references.map(Self.referenceJSON))),
      ("sites", .array(sites.map { writer.site($0) })),
    ])
  }

  static func referenceJSON(_ r: TrialReference) -> JSONValue {
    .object([
      ("source", .string(r.source)), ("population", .string(r.population)), ("arm", .string(r.arm.rawValue)),
      ("category", .string(r.category.rawValue)), ("percent_low", JSONValue(r.percentLow)),
      ("percent_high", .double(r.percentHigh)), ("patients", JSONValue(r.patients)), ("events", JSONValue(r.events)),
      ("weeks", JSONValue(r.weeks)), ("design", JSONValue(r.design?.rawValue)), ("verified", .bool(r.verified)),
      ("citation", .string(r.citation)), ("provenance", .string(r.provenance)),
    ])
  }
}

/// Writes the aggregates of a site, every count through `cell`.
private struct CellWriter {
  var minCell: Int?

  /// A count, or null when it is small enough to point at a few patients.
  func cell(_ count: Int) -> JSONValue {
    if let minCell, count >= 1, count < minCell { return .null }
    return .int(Int64(count))
  }

  func site(_ site: SiteAggregates) -> JSONValue {
    let cohort = site.frequency.cohort
    let categories = site.frequency.categories.keys.sorted().map { category -> JSONValue in
      let counts = site.frequency.counts(category)
      return .object([
        ("category", .string(category.code)), ("patients_with_reaction", cell(counts.patients)),
        ("episodes", cell(counts.episodes)), ("first_event_patients", cell(counts.firstEventPatients)),
        ("first_event_days", cell(counts.firstEventDays)),
      ])
    }
    let onsetCategories = Set(site.onset.onsetDays.keys).union(site.onset.daysSinceLastDose.keys).sorted()
    let onset = onsetCategories.map { category -> JSONValue in
      .object([
        ("category", .string(category.rawValue)), ("onset_days", days(site.onset.onsetDays[category])),
        ("days_since_last_dose", days(site.onset.daysSinceLastDose[category])),
      ])
    }
    let risk = site.risk
    let factors = risk.withFactor.keys.sorted().map { factor -> JSONValue in
      let withReaction = risk.affectedWithFactor.keys.sorted().compactMap { category -> JSONValue? in
        risk.affectedWithFactor[category]?[factor].map {
          .object([("category", .string(category.code)), ("patients", cell($0))])
        }
      }
      return .object([
        ("factor", .string(factor)), ("patients", cell(risk.withFactor[factor] ?? 0)),
        ("with_reaction", .array(withReaction)),
      ])
    }
    return .object([
      ("site", .string(site.site ?? "")),
      ("cohort", .object([("patients", cell(cohort.patients)), ("exposure_days", cell(cohort.exposureDays))])),
      ("categories", .array(categories)),
      ("time_on_treatment", .object(CensorRule.allCases.map { ($0.rawValue, time(site.time($0))) })),
      ("onset", .object([("patients", cell(site.onset.cohort.patients)), ("exposure_days", cell(site.onset.cohort.exposureDays)), ("categories", .array(onset))])),
      ("risk", .object([
        ("patients", cell(risk.patients)),
        ("affected", .array(risk.affected.keys.sorted().map {
          .object([("category", .string($0.code)), ("patients", cell(risk.affected[$0] ?? 0))])
        })),
        ("factors", .array(factors)),
      ])),
    ])
  }

  func days(_ counts: DayCounts?) -> JSONValue {
    .array((counts?.counts ?? [:]).keys.sorted().map { .array([.int(Int64($0)), cell(counts?.counts[$0] ?? 0)]) })
  }

  func table(_ table: LifeTable) -> JSONValue {
    .array(table.rows.map { .array([.int(Int64($0.time)), cell($0.events), cell($0.censored)]) })
  }

  func time(_ time: TimeOnTreatment) -> JSONValue {
    .object([
      ("patients", cell(time.patients)), ("without_events", table(time.withoutEvents)),
      ("categories", .array(time.tables.keys.sorted().map { category in
        .object([
          ("category", .string(category.code)), ("patients_with_case", cell(time.patientsWithCase[category] ?? 0)),
          ("life_table", table(time.table(category))),
        ])
      })),
    ])
  }
}
