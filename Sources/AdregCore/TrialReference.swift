import AdregDatabase
import AdregFormats

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
  public var patients: Int?
  public var weeks: Int?
  public var citation: String
  /// Where the figure comes from and how far it was checked; every report shows it.
  public var provenance: String

  public static let columns = [
    "source", "population", "arm", "category", "percent_low", "percent_high", "patients", "weeks", "citation",
    "provenance",
  ]

  /// Reads and validates references from CSV with the columns above, in any order.
  /// - Throws: `RegistryError.invalidData` listing every bad row as `FILE:LINE: column: problem`.
  public static func parse(_ reader: CSVReader, fileName: String) throws -> [TrialReference] {
    var problems: [String] = []
    var result: [TrialReference] = []
    do {
      guard let header = try reader.next() else {
        throw RegistryError.invalid("\(fileName) is empty; expected a header row: \(columns.joined(separator: ","))")
      }
      let index = Dictionary(header.fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
      let missing = columns.filter { index[$0] == nil }
      guard missing.isEmpty else {
        throw RegistryError.invalid(
          "\(fileName):\(header.line): missing column(s) \(missing.joined(separator: ", ")); expected \(columns.joined(separator: ","))")
      }
      while let record = try reader.next() {
        func field(_ name: String) -> String {
          guard let i = index[name], i < record.fields.count else { return "" }
          return record.fields[i]
        }
        do {
          guard record.fields.count == header.fields.count else {
            throw RegistryError.invalid("row has \(record.fields.count) fields, the header \(header.fields.count)")
          }
          result.append(try TrialReference(
            source: Validate.requiredText(field("source"), field: "source", multiline: false),
            population: Validate.text(field("population"), field: "population", multiline: false),
            arm: armCode(field("arm")),
            category: Vocabulary.category.validate(field("category")),
            percentLow: field("percent_low").isEmpty ? nil : percent(field("percent_low"), field: "percent_low"),
            percentHigh: percent(field("percent_high"), field: "percent_high"),
            patients: field("patients").isEmpty ? nil : Validate.integer(field("patients"), field: "patients", in: 1...100_000_000),
            weeks: field("weeks").isEmpty ? nil : Validate.integer(field("weeks"), field: "weeks", in: 1...1000),
            citation: Validate.text(field("citation"), field: "citation", multiline: false),
            provenance: Validate.requiredText(field("provenance"), field: "provenance", multiline: false)))
          if let low = result.last?.percentLow, let high = result.last?.percentHigh, low > high {
            result.removeLast()
            throw RegistryError.invalid("percent_low: \(low) is above percent_high \(high)")
          }
        } catch let error as RegistryError {
          problems.append("\(fileName):\(record.line): \(error.message)")
        }
      }
    } catch let error as CSVError {
      throw RegistryError.invalid("\(fileName): \(error); fix the file and try again")
    }
    guard problems.isEmpty else {
      throw RegistryError.invalid("\(problems.count) invalid row(s), nothing imported:\n" + problems.joined(separator: "\n"))
    }
    return result
  }

  static func armCode(_ text: String) throws -> String {
    guard text == "dupilumab" || text == "placebo" else {
      throw RegistryError.invalid("arm: '\(Validate.shortened(text))' is not an arm; use dupilumab or placebo")
    }
    return text
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
  func upsert(_ reference: TrialReference) throws {
    try db.execute(
      """
      INSERT INTO trial_reference (source, population, arm, category, percent_low, percent_high, patients, weeks, citation, provenance)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (source, arm, category) DO UPDATE SET population = excluded.population,
        percent_low = excluded.percent_low, percent_high = excluded.percent_high, patients = excluded.patients,
        weeks = excluded.weeks, citation = excluded.citation, provenance = excluded.provenance
      """,
      [.text(reference.source), .text(reference.population), .text(reference.arm), .text(reference.category),
       reference.percentLow.map { .real($0) } ?? .null, .real(reference.percentHigh),
       reference.patients.map { .integer(Int64($0)) } ?? .null, reference.weeks.map { .integer(Int64($0)) } ?? .null,
       .text(reference.citation), .text(reference.provenance)])
  }

  /// Adds or replaces references from a CSV file, all or nothing.
  /// - Returns: how many rows were read.
  public func importReferences(path: String) throws -> Int {
    let reader: CSVReader
    do {
      reader = try CSVReader(path: path)
    } catch let error as CSVFileError {
      throw RegistryError(error.kind == .missing ? .inputMissing : .failure, "\(error)")
    }
    let references = try TrialReference.parse(reader, fileName: path)
    try write {
      for reference in references { try upsert(reference) }
      try audit(action: "reference.import", changes: ["file: \(path)", "references: \(references.count)"])
    }
    return references.count
  }

  /// Every reference, by category, then source and arm.
  public func references(category: String? = nil) throws -> [TrialReference] {
    try read {
      let sql = """
        SELECT * FROM trial_reference WHERE (?1 IS NULL OR category = ?1)
        ORDER BY category, arm, source
        """
      return try db.rows(sql, [category.map { .text($0) } ?? .null]).map { row in
        TrialReference(
          source: try row.decode(String.self, column: "source"),
          population: try row.decode(String.self, column: "population"),
          arm: try row.decode(String.self, column: "arm"),
          category: try row.decode(String.self, column: "category"),
          percentLow: try row.decode(Double?.self, column: "percent_low"),
          percentHigh: try row.decode(Double.self, column: "percent_high"),
          patients: try row.decode(Int?.self, column: "patients"),
          weeks: try row.decode(Int?.self, column: "weeks"),
          citation: try row.decode(String.self, column: "citation"),
          provenance: try row.decode(String.self, column: "provenance"))
      }
    }
  }
}
