import AdregDatabase
import AdregFormats
import AdregStatistics

/// How a trial reference's figure was obtained (PRODUCT.md §2).
public enum ReferenceDesign: String, Sendable, CaseIterable {
  case rct
  case ole
  case cohort
  case sourceArticle = "source-article"
}

/// A published percentage of patients with a reaction, with where it comes from.
public struct TrialReference: Sendable, Equatable {
  public var source: String
  public var population: String
  /// `dupilumab` or `placebo`.
  public var arm: String
  public var category: String
  /// Lower bound of a range; equal to `percentHigh` for a point; nil for "up to".
  public var percentLow: Double?
  public var percentHigh: Double
  /// The arm's size, where published.
  public var patients: Int?
  /// Patients of the arm with the event, where published.
  public var events: Int?
  /// Fixed follow-up in weeks from the first dose, where the figure has one: it is compared time-matched.
  public var weeks: Int?
  /// How the figure was obtained.
  public var design: ReferenceDesign?
  /// True only when the figure was read in the label or the primary publication.
  public var verified: Bool
  public var citation: String
  /// Where the figure comes from and how far it was checked; every report shows it.
  public var provenance: String

  public static let columns = [
    "source", "population", "arm", "category", "percent_low", "percent_high", "patients", "events", "weeks",
    "design", "verified", "citation", "provenance",
  ]
  /// Columns added in schema 3; a file written before them still imports, its rows unverified.
  static let optionalColumns: Set<String> = ["events", "design", "verified"]

  /// Reads and validates references from CSV with the columns above, in any order.
  /// - Throws: `RegistryError.invalidData` listing every bad row as `FILE:LINE: column: problem`.
  public static func parse(_ reader: CSVReader, fileName: String) throws -> [TrialReference] {
    try NamedColumnsCSV.rows(reader, fileName: fileName, columns: columns, optional: optionalColumns) { _, field in
      let patients = field("patients").isEmpty ? nil : try Validate.integer(field("patients"), field: "patients", in: 1...100_000_000)
      let events = field("events").isEmpty ? nil : try Validate.integer(field("events"), field: "events", in: 0...100_000_000)
      if let events, let patients, events > patients {
        throw RegistryError.invalid("events: \(events) is more than the arm's \(patients) patients")
      }
      let reference = try TrialReference(
        source: Validate.requiredText(field("source"), field: "source", multiline: false),
        population: Validate.text(field("population"), field: "population", multiline: false),
        arm: armCode(field("arm")),
        category: Vocabulary.category.validate(field("category")),
        percentLow: field("percent_low").isEmpty ? nil : percent(field("percent_low"), field: "percent_low"),
        percentHigh: percent(field("percent_high"), field: "percent_high"),
        patients: patients, events: events,
        weeks: field("weeks").isEmpty ? nil : Validate.integer(field("weeks"), field: "weeks", in: 1...1000),
        design: design(field("design")), verified: verified(field("verified")),
        citation: Validate.text(field("citation"), field: "citation", multiline: false),
        provenance: Validate.requiredText(field("provenance"), field: "provenance", multiline: false))
      if let low = reference.percentLow, low > reference.percentHigh {
        throw RegistryError.invalid("percent_low: \(low) is above percent_high \(reference.percentHigh)")
      }
      return reference
    }
  }

  /// The arm's own interval, for a point figure with its arm size: Wilson of its events (or, where only the percent
  /// was published, of the events it rounds from) of its patients; nil otherwise.
  public func interval(level: Double) -> Interval? {
    guard let n = patients, n > 0, percentLow == percentHigh else { return nil }
    let x = events ?? Int((percentHigh * Double(n) / 100).rounded())
    guard (0...n).contains(x) else { return nil }
    return try? Proportion.wilson(successes: x, trials: n, level: level)
  }

  static func armCode(_ text: String) throws -> String {
    guard text == "dupilumab" || text == "placebo" else {
      throw RegistryError.invalid("arm: '\(Validate.shortened(text))' is not an arm; use dupilumab or placebo")
    }
    return text
  }

  /// Each field that differs between a stored reference (nil when new) and its replacement, as `field: old → new`.
  static func differences(_ old: TrialReference?, _ new: TrialReference) -> [String] {
    func number(_ value: Double?) -> String? { value.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } }
    let fields: [(String, (TrialReference) -> String?)] = [
      ("population", { $0.population }), ("percent_low", { number($0.percentLow) }),
      ("percent_high", { number($0.percentHigh) }), ("patients", { $0.patients.map(String.init) }),
      ("events", { $0.events.map(String.init) }), ("weeks", { $0.weeks.map(String.init) }),
      ("design", { $0.design?.rawValue }), ("verified", { String($0.verified) }), ("citation", { $0.citation }),
      ("provenance", { $0.provenance }),
    ]
    return fields.compactMap { name, value in
      let before = old.flatMap(value)
      let after = value(new)
      return before == after ? nil : change(name, before, after)
    }
  }

  static func design(_ text: String) throws -> ReferenceDesign? {
    guard !text.isEmpty else { return nil }
    guard let design = ReferenceDesign(rawValue: text) else {
      let codes = ReferenceDesign.allCases.map(\.rawValue).joined(separator: ", ")
      throw RegistryError.invalid("design: '\(Validate.shortened(text))' is not a study design; use one of \(codes), or leave it empty")
    }
    return design
  }

  static func verified(_ text: String) throws -> Bool {
    switch text {
    case "true": return true
    case "false", "": return false
    default:
      throw RegistryError.invalid("verified: '\(Validate.shortened(text))' is not true or false")
    }
  }

  static func percent(_ text: String, field: String) throws -> Double {
    guard let value = Double(text.trimmedSpaces()), value.isFinite, (0...100).contains(value) else {
      throw RegistryError.invalid("\(field): '\(Validate.shortened(text))' is not a percentage from 0 to 100")
    }
    return value
  }
}

extension Registry {
  /// Adds a reference, or replaces the one with the same source, arm and category.
  /// - Returns: the audit lines of what changed (`field: old → new`), empty when nothing did.
  @discardableResult
  func upsert(_ reference: TrialReference) throws -> [String] {
    let key = "\(reference.source) / \(reference.arm) / \(reference.category)"
    let previous = try references(category: reference.category).first {
      $0.source == reference.source && $0.arm == reference.arm
    }
    let changed = TrialReference.differences(previous, reference).map { "\(key): \($0)" }
    guard previous == nil || !changed.isEmpty else { return [] }
    try db.execute(
      """
      INSERT INTO trial_reference (
        source, population, arm, category, percent_low, percent_high, patients, events, weeks, design, verified,
        citation, provenance)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (source, arm, category) DO UPDATE SET population = excluded.population,
        percent_low = excluded.percent_low, percent_high = excluded.percent_high, patients = excluded.patients,
        events = excluded.events, weeks = excluded.weeks, design = excluded.design, verified = excluded.verified,
        citation = excluded.citation, provenance = excluded.provenance
      """,
      [reference.source, reference.population, reference.arm, reference.category, reference.percentLow,
       reference.percentHigh, reference.patients, reference.events, reference.weeks, reference.design?.rawValue,
       reference.verified, reference.citation, reference.provenance])
    return changed
  }

  /// Adds or replaces references from a CSV file, all or nothing.
  /// - Returns: how many rows were read.
  public func importReferences(path: String) throws -> Int {
    let references = try TrialReference.parse(NamedColumnsCSV.open(path), fileName: path)
    try write {
      var changes = ["file: \(path)", "references: \(references.count)"]
      for reference in references { changes += try upsert(reference) }
      try audit(action: "reference.import", changes: changes)
    }
    return references.count
  }

  /// Every reference, by category, then source and arm.
  public func references(category: String? = nil) throws -> [TrialReference] {
    try read {
      let sql = """
        SELECT * FROM trial_reference WHERE (:category IS NULL OR category = :category)
        ORDER BY category, arm, source
        """
      return try db.rows(sql, ["category": category]).map { row in
        TrialReference(
          source: try row.decode(String.self, column: "source"),
          population: try row.decode(String.self, column: "population"),
          arm: try row.decode(String.self, column: "arm"),
          category: try row.decode(String.self, column: "category"),
          percentLow: try row.decode(Double?.self, column: "percent_low"),
          percentHigh: try row.decode(Double.self, column: "percent_high"),
          patients: try row.decode(Int?.self, column: "patients"),
          events: try row.decode(Int?.self, column: "events"),
          weeks: try row.decode(Int?.self, column: "weeks"),
          design: try row.decode(String?.self, column: "design").flatMap(ReferenceDesign.init(rawValue:)),
          verified: try row.decode(Int.self, column: "verified") == 1,
          citation: try row.decode(String.self, column: "citation"),
          provenance: try row.decode(String.self, column: "provenance"))
      }
    }
  }
}
