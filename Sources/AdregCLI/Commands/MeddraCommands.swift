import AdregArguments
import AdregCore
import AdregFormats

/// `adreg meddra import FILE.csv`: the site's licensed MedDRA coding of each category.
enum MeddraImportCommand: AdregCommand {
  static let spec = CommandSpec(
    "meddra import",
    abstract: "Import the site's MedDRA mapping of categories, all or nothing (audited).",
    discussion: """
      Columns, by header name in any order: \(MedDRAMapping.columns.joined(separator: ", ")). One row per category \
      (\(MedDRAMapping.categories.joined(separator: ", "))); 'indication' codes atopic dermatitis. Codes have 8 digits. \
      A row replaces the category's mapping; the audit trail keeps the old one. MedDRA is licensed: adreg ships no \
      codes and never exports them.
      """,
    arguments: [ArgumentSpec("file", help: "The CSV file.")])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let name = arguments.positional("file") ?? ""
    let file = try context.inputFile(name)
    let count = try context.registry().importMedDRA(path: file)
    context.io.line(escaping: "Imported \(count) MedDRA mapping(s) from \(name).")
  }
}

/// `adreg meddra list`.
enum MeddraListCommand: AdregCommand {
  static let spec = CommandSpec(
    "meddra list",
    abstract: "List the site's MedDRA mapping of categories.",
    options: [SharedOptions.raw])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    let mappings = try context.registry(readOnly: true).meddraMappings()
    let rows: [[JSONValue]] = mappings.map { m in
      [.string(m.category), .string(m.version), .string(m.lltCode), .string(m.lltName), .string(m.ptCode), .string(m.ptName)]
    }
    context.emit(Listing(columns: MedDRAMapping.columns, rows: rows), format: format)
    if mappings.isEmpty && format == .table {
      context.io.err("No MedDRA mapping yet; import the site's with 'adreg meddra import FILE.csv'.")
    }
  }
}
