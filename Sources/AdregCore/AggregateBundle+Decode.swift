import AdregFormats
import AdregStatistics
import Foundation

extension AggregateBundle {
  /// Reads several bundles at once, spread over the processor's cores, in order.
  /// - Throws: the first file's error, as `init(data:name:)` throws it.
  public static func decode(_ files: [(data: Data, name: String)]) throws -> [AggregateBundle] {
    try files.map { Pending(data: $0.data, name: $0.name) }.concurrentMap { try AggregateBundle(data: $0.data, name: $0.name) }
  }

  private struct Pending: Sendable {
    var data: Data
    var name: String
  }

  /// Reads a bundle written by `share`.
  /// - Parameters:
  ///   - name: the file's name as the user gave it, for messages.
  ///   - approximate: set when a suppressed count (null) was read as 0.
  /// - Throws: `RegistryError.invalidData` naming what makes the file not a bundle.
  public init(data: Data, name: String) throws {
    let root: JSONValue
    do {
      root = try JSONValue(parsing: Array(data))
    } catch {
      throw RegistryError(
        .invalidData, field: nil, "\(name) is not a bundle: it is not JSON",
        fix: "give a file written by \(task: .share)")
    }
    let reader = BundleReader(name: name)
    let top = try reader.object(root, "the file")
    guard top["format"] == .string(AggregateBundle.format) else {
      throw RegistryError(
        .invalidData, field: nil, "\(name) is not a bundle: it has no \"format\": \"\(AggregateBundle.format)\"",
        fix: "give a file written by \(task: .share)")
    }
    let version = try reader.int(top["bundle_version"], "bundle_version")
    guard let asOf = Day(iso: try reader.string(top["as_of"], "as_of")) else {
      throw RegistryError.invalid("\(name) is not a bundle: as_of is not a date YYYY-MM-DD")
    }
    let minCell = top["min_cell"] == .null ? nil : try reader.int(top["min_cell"], "min_cell")
    let suppressed = try reader.bool(top["suppressed"], "suppressed")
    guard suppressed == (minCell != nil) else {
      throw RegistryError.invalid("\(name) is not a bundle: suppressed and min_cell disagree")
    }
    reader.minCell = minCell
    let manifest = try reader.object(top["manifest"], "manifest")
    let references = try reader.array(top["references"], "references").map { try reader.reference($0) }
    let sites = try reader.array(top["sites"], "sites").map { try reader.site($0) }
    self.init(
      asOf: asOf, minCell: minCell,
      manifest: Manifest(
        adregVersion: try reader.string(manifest["adreg_version"], "manifest.adreg_version"),
        schemaVersion: try reader.int(manifest["schema_version"], "manifest.schema_version"),
        referencesSHA256: try reader.string(manifest["references_sha256"], "manifest.references_sha256"),
        meddraVersion: manifest["meddra_version"].flatMap(reader.text)),
      references: references, sites: sites)
    bundleVersion = version
  }
}

/// Reads the members of a decoded bundle, naming the first one that is missing or of the wrong kind.
private final class BundleReader {
  let name: String
  /// A suppressed bundle's smallest count shown: it holds null for the counts from 1 below it, read as 0, and no
  /// such count itself.
  var minCell: Int?

  init(name: String) { self.name = name }

  func fail(_ what: String) -> RegistryError {
    RegistryError(
      .invalidData, field: nil, "\(name) is not a bundle: \(what)",
      fix: "give a file written by \(task: .share)")
  }

  func object(_ value: JSONValue?, _ what: String) throws -> [String: JSONValue] {
    guard case .object(let members)? = value else { throw fail("\(what) is not an object") }
    return Dictionary(members, uniquingKeysWith: { _, last in last })
  }

  func array(_ value: JSONValue?, _ what: String) throws -> [JSONValue] {
    guard case .array(let elements)? = value else { throw fail("\(what) is not a list") }
    return elements
  }

  /// The text of a string value, nil for anything else.
  func text(_ value: JSONValue) -> String? {
    if case .string(let text) = value { return text }
    return nil
  }

  func string(_ value: JSONValue?, _ what: String) throws -> String {
    guard let value, let text = text(value) else { throw fail("\(what) is not text") }
    return text
  }

  func bool(_ value: JSONValue?, _ what: String) throws -> Bool {
    guard case .bool(let flag)? = value else { throw fail("\(what) is not true or false") }
    return flag
  }

  func double(_ value: JSONValue?) -> Double? {
    switch value {
    case .int(let number)?: Double(number)
    case .double(let number)?: number
    default: nil
    }
  }

  func int(_ value: JSONValue?, _ what: String) throws -> Int {
    switch value {
    case .int(let number)?:
      guard let int = Int(exactly: number) else { throw fail("\(what) is too large") }
      return int
    case .double(let number)?:
      guard let int = Int(exactly: number) else { throw fail("\(what) is not a whole number") }
      return int
    default:
      throw fail("\(what) is not a whole number")
    }
  }

  /// A count: a whole number of 0 or more, or null (read as 0) in a suppressed bundle. A suppressed bundle showing a
  /// count it should have suppressed is refused: `share` never writes one, and a bundle read then written again
  /// would lose it.
  func count(_ value: JSONValue?, _ what: String) throws -> Int {
    if minCell != nil, value == .null { return 0 }
    let count = try nonNegative(value, what)
    if let minCell, count >= 1, count < minCell {
      throw fail("\(what) is \(count), which a bundle suppressed below \(minCell) shows as null")
    }
    return count
  }

  /// A whole number of 0 or more that is not a count of patients (a day), never suppressed.
  func nonNegative(_ value: JSONValue?, _ what: String) throws -> Int {
    let number = try int(value, what)
    guard number >= 0 else { throw fail("\(what) is negative") }
    return number
  }

  /// A row's category as a bundle writes it: a category code or `any`.
  func category(_ value: JSONValue?, _ what: String) throws -> ReportCategory {
    let code = try string(value, what)
    guard let category = ReportCategory(code: code) else {
      throw fail("\(what), '\(Validate.shortened(code))', is not a category code or \(ReportCategory.anyCode)")
    }
    return category
  }

  func optionalInt(_ value: JSONValue?, _ what: String) throws -> Int? {
    value == nil || value == .null ? nil : try int(value, what)
  }

  func reference(_ value: JSONValue) throws -> TrialReference {
    let r = try object(value, "a reference")
    guard let high = double(r["percent_high"]) else { throw fail("a reference's percent_high is not a number") }
    guard let arm = TrialArm(rawValue: try string(r["arm"], "a reference's arm")) else {
      throw fail("a reference's arm is not dupilumab or placebo")
    }
    guard let category = Category(rawValue: try string(r["category"], "a reference's category")) else {
      throw fail("a reference's category is not a category code")
    }
    return TrialReference(
      source: try string(r["source"], "a reference's source"), population: try string(r["population"], "a reference's population"),
      arm: arm, category: category,
      percentLow: double(r["percent_low"]), percentHigh: high,
      patients: try optionalInt(r["patients"], "a reference's patients"), events: try optionalInt(r["events"], "a reference's events"),
      weeks: try optionalInt(r["weeks"], "a reference's weeks"),
      design: r["design"].flatMap(text).flatMap(ReferenceDesign.init(rawValue:)),
      verified: try bool(r["verified"], "a reference's verified"), citation: try string(r["citation"], "a reference's citation"),
      provenance: try string(r["provenance"], "a reference's provenance"))
  }

  /// `[[time, events, censored], …]`.
  func table(_ value: JSONValue?, _ what: String) throws -> LifeTable {
    let rows = try array(value, what).map { item -> LifeTableRow in
      let cells = try array(item, "a row of \(what)")
      guard cells.count == 3 else { throw fail("a row of \(what) does not have 3 numbers") }
      return LifeTableRow(time: try nonNegative(cells[0], "a day of \(what)"), events: try count(cells[1], what), censored: try count(cells[2], what))
    }
    do {
      return try LifeTable(rows: rows)
    } catch let error as StatisticsError {
      throw fail("\(what): \(error)")
    }
  }

  func time(_ value: JSONValue?, _ what: String) throws -> TimeOnTreatment {
    let time = try object(value, what)
    var tables: [ReportCategory: LifeTable] = [:]
    var withCase: [ReportCategory: Int] = [:]
    for item in try array(time["categories"], "\(what).categories") {
      let entry = try object(item, "a category of \(what)")
      let category = try self.category(entry["category"], "a category of \(what)")
      tables[category] = try table(entry["life_table"], "the life table of \(category)")
      withCase[category] = try count(entry["patients_with_case"], "patients_with_case of \(category)")
    }
    return TimeOnTreatment(
      patients: try count(time["patients"], "\(what).patients"), tables: tables,
      withoutEvents: try table(time["without_events"], "\(what).without_events"), patientsWithCase: withCase)
  }

  func days(_ value: JSONValue?, _ what: String) throws -> DayCounts {
    var counts: [Int: Int] = [:]
    for item in try array(value, what) {
      let pair = try array(item, "an entry of \(what)")
      guard pair.count == 2 else { throw fail("an entry of \(what) is not [day, count]") }
      counts[try int(pair[0], "a day of \(what)"), default: 0] += try count(pair[1], what)
    }
    return DayCounts(counts)
  }

  func cohort(_ value: JSONValue?, _ what: String) throws -> Cohort {
    let cohort = try object(value, what)
    return Cohort(
      patients: try count(cohort["patients"], "\(what).patients"),
      exposureDays: try count(cohort["exposure_days"], "\(what).exposure_days"))
  }

  func site(_ value: JSONValue) throws -> SiteAggregates {
    let site = try object(value, "a site")
    let name = try string(site["site"], "a site's name")
    guard (try? Validate.site(name, field: "site")) != nil else {
      throw fail("the site name '\(Validate.shortened(name))' is not a site code")
    }
    let what = "site \(name)"
    var categories: [ReportCategory: CategoryCounts] = [:]
    for item in try array(site["categories"], "\(what): categories") {
      let entry = try object(item, "a category of \(what)")
      categories[try category(entry["category"], "a category of \(what)")] = CategoryCounts(
        patients: try count(entry["patients_with_reaction"], "patients_with_reaction"),
        episodes: try count(entry["episodes"], "episodes"),
        firstEventPatients: try count(entry["first_event_patients"], "first_event_patients"),
        firstEventDays: try count(entry["first_event_days"], "first_event_days"))
    }
    let times = try object(site["time_on_treatment"], "\(what): time_on_treatment")
    let onset = try object(site["onset"], "\(what): onset")
    var onsetDays: [Category: DayCounts] = [:]
    var sinceDose: [Category: DayCounts] = [:]
    for item in try array(onset["categories"], "\(what): onset categories") {
      let entry = try object(item, "an onset category of \(what)")
      let code = try string(entry["category"], "an onset category of \(what)")
      guard let category = Category(rawValue: code) else {
        throw fail("an onset category of \(what), '\(Validate.shortened(code))', is not a category code")
      }
      let onsets = try days(entry["onset_days"], "onset_days of \(category)")
      let since = try days(entry["days_since_last_dose"], "days_since_last_dose of \(category)")
      if !onsets.counts.isEmpty { onsetDays[category] = onsets }
      if !since.counts.isEmpty { sinceDose[category] = since }
    }
    let risk = try object(site["risk"], "\(what): risk")
    var affected: [ReportCategory: Int] = [:]
    for item in try array(risk["affected"], "\(what): risk.affected") {
      let entry = try object(item, "an entry of risk.affected")
      affected[try category(entry["category"], "a category of risk.affected")] = try count(entry["patients"], "risk.affected")
    }
    var withFactor: [String: Int] = [:]
    var affectedWithFactor: [ReportCategory: [String: Int]] = [:]
    for item in try array(risk["factors"], "\(what): risk.factors") {
      let entry = try object(item, "a risk factor of \(what)")
      let factor = try string(entry["factor"], "a risk factor of \(what)")
      withFactor[factor] = try count(entry["patients"], "patients with \(factor)")
      for hit in try array(entry["with_reaction"], "with_reaction of \(factor)") {
        let cell = try object(hit, "an entry of with_reaction")
        affectedWithFactor[try category(cell["category"], "a category of with_reaction"), default: [:]][factor] =
          try count(cell["patients"], "with_reaction of \(factor)")
      }
    }
    let frequency = FrequencyAggregates(
      cohort: try cohort(site["cohort"], "\(what): cohort"), categories: categories,
      time: try time(times[CensorRule.asOf.rawValue], "\(what): time_on_treatment.as-of"))
    return SiteAggregates(
      site: name, frequency: frequency,
      lastContact: try time(times[CensorRule.lastContact.rawValue], "\(what): time_on_treatment.last-contact"),
      onset: OnsetAggregates(cohort: try cohort(site["onset"], "\(what): onset"), onsetDays: onsetDays, daysSinceLastDose: sinceDose),
      risk: RiskAggregates(
        patients: try count(risk["patients"], "\(what): risk.patients"), affected: affected, withFactor: withFactor,
        affectedWithFactor: affectedWithFactor))
  }
}
