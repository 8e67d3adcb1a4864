import AdregDatabase
import AdregFormats

/// The site's MedDRA coding of one category: the lowest level term reported and its preferred term.
///
/// MedDRA is licensed to each site, so adreg ships no codes; the mapping is imported with `meddra import`, kept in
/// the registry and never exported. Category `indication` codes the indication, atopic dermatitis (E2B G.k.7.r).
public struct MedDRAMapping: Sendable, Equatable {
  public var category: String
  /// The MedDRA release, such as `27.1`.
  public var version: String
  public var lltCode: String
  public var lltName: String
  public var ptCode: String
  public var ptName: String

  /// The columns of `meddra import` files, in the order `meddra list --format csv` writes them.
  public static let columns = ["category", "meddra_version", "llt_code", "llt_name", "pt_code", "pt_name"]

  /// The categories a mapping may code: every reaction category, and `indication`.
  public static let categories = Vocabulary.category.codes + ["indication"]

  /// Reads and checks a mapping file, all or nothing.
  /// - Throws: `RegistryError.invalidData` listing every bad row as `FILE:LINE: column: problem`.
  static func parse(_ reader: CSVReader, fileName: String) throws -> [MedDRAMapping] {
    var lines: [String: Int] = [:]
    let result = try NamedColumnsCSV.rows(reader, fileName: fileName, columns: columns) { record, field in
      var problems: [String] = []
      func check(_ column: String, _ rule: (String) throws -> String) -> String {
        do {
          return try rule(field(column).trimmingCharacters(in: .whitespaces))
        } catch let error as RegistryError {
          problems.append("\(column): \(error.message)")
        } catch {
          problems.append("\(column): \(error)")
        }
        return ""
      }
      let mapping = MedDRAMapping(
        category: check("category", category), version: check("meddra_version", version),
        lltCode: check("llt_code", code), lltName: check("llt_name", name),
        ptCode: check("pt_code", code), ptName: check("pt_name", name))
      if let first = lines[mapping.category] {
        problems.append("category: '\(mapping.category)' is mapped twice (also on line \(first)); keep one row")
      }
      guard problems.isEmpty else { throw RowProblems(problems: problems) }
      lines[mapping.category] = record.line
      return mapping
    }
    guard !result.isEmpty else { throw RegistryError.invalid("\(fileName) has a header but no mapping; add one row per category") }
    return result
  }

  private static func category(_ text: String) throws -> String {
    if categories.contains(text) { return text }
    var message = "unknown category '\(Validate.shortened(text))'"
    if let close = Vocabulary.closest(to: text, among: categories) { message += "; did you mean '\(close)'?" }
    throw RegistryError.invalid(message + " Valid: \(categories.joined(separator: ", "))")
  }

  private static func version(_ text: String) throws -> String {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } })
    else { throw RegistryError.invalid("'\(Validate.shortened(text))' is not a MedDRA version; give it as in the release, e.g. 27.1") }
    return text
  }

  private static func code(_ text: String) throws -> String {
    guard text.utf8.count == 8, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
      throw RegistryError.invalid("'\(Validate.shortened(text))' is not a MedDRA code; MedDRA codes have 8 digits, e.g. 10012438")
    }
    return text
  }

  private static func name(_ text: String) throws -> String {
    guard !text.allSatisfy(\.isWhitespace) else { throw RegistryError.invalid("is empty; give the term as MedDRA spells it") }
    let checked = try Validate.text(text, field: "term", multiline: false)
    guard checked.count <= 100 else { throw RegistryError.invalid("longer than 100 characters; MedDRA terms are shorter") }
    return checked
  }
}

extension Registry {
  /// Imports the site's MedDRA mapping, all or nothing; a row replaces the category's mapping, and the audit trail
  /// keeps the one it replaced.
  /// - Returns: how many rows were imported.
  public func importMedDRA(path: String) throws -> Int {
    let mappings = try MedDRAMapping.parse(NamedColumnsCSV.open(path), fileName: path)
    try write {
      var changes = ["file: \(path)", "mappings: \(mappings.count)"]
      for mapping in mappings {
        let old = try meddraMapping(category: mapping.category)
        guard old != mapping else { continue }
        try db.execute(
          """
          INSERT INTO meddra_mapping (category, meddra_version, llt_code, llt_name, pt_code, pt_name, imported_at, imported_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (category) DO UPDATE SET meddra_version = excluded.meddra_version, llt_code = excluded.llt_code,
            llt_name = excluded.llt_name, pt_code = excluded.pt_code, pt_name = excluded.pt_name,
            imported_at = excluded.imported_at, imported_by = excluded.imported_by
          """,
          [mapping.category, mapping.version, mapping.lltCode, mapping.lltName, mapping.ptCode, mapping.ptName,
           timestamp(), user])
        changes.append(change(mapping.category, old.map(Self.describe), Self.describe(mapping)))
      }
      try audit(action: "meddra.import", changes: changes)
    }
    return mappings.count
  }

  /// The site's mapping, by category in vocabulary order (`indication` last).
  public func meddraMappings() throws -> [MedDRAMapping] {
    try read {
      try MedDRAMapping.categories.compactMap { try meddraMapping(category: $0) }
    }
  }

  func meddraMapping(category: String) throws -> MedDRAMapping? {
    try db.row("SELECT * FROM meddra_mapping WHERE category = ?", [category]).map { row in
      MedDRAMapping(
        category: try row.decode(String.self, column: "category"),
        version: try row.decode(String.self, column: "meddra_version"),
        lltCode: try row.decode(String.self, column: "llt_code"), lltName: try row.decode(String.self, column: "llt_name"),
        ptCode: try row.decode(String.self, column: "pt_code"), ptName: try row.decode(String.self, column: "pt_name"))
    }
  }

  private static func describe(_ m: MedDRAMapping) -> String {
    "MedDRA \(m.version) LLT \(m.lltCode) \(m.lltName) / PT \(m.ptCode) \(m.ptName)"
  }
}
