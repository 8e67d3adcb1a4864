import AdregArguments
import AdregCore
import AdregFormats

/// `adreg meddra list`.
enum MeddraListCommand: AdregCommand {
  static let spec = CommandSpec(
    "meddra list",
    abstract: "List the site's MedDRA mapping of categories.",
    options: [SharedOptions.raw.spec])

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
