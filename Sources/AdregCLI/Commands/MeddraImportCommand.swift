import AdregArguments
import AdregCore
import AdregFormats

/// `adreg meddra import FILE.csv`: the site's licensed MedDRA coding of each category.
enum MeddraImportCommand: AdregCommand {
  static let file = Argument<String>.required("file", help: "The CSV file.")

  static let spec = CommandSpec(
    "meddra import",
    abstract: "Import the site's MedDRA mapping of categories, all or nothing (audited).",
    discussion: """
      Columns, by header name in any order: \(MedDRAMapping.columns.joined(separator: ", ")). One row per category \
      (\(MedDRAMapping.categories.joined(separator: ", "))); 'indication' codes atopic dermatitis. Codes have 8 digits. \
      A row replaces the category's mapping; the audit trail keeps the old one. MedDRA is licensed: adreg ships no \
      codes and never exports them.
      """,
    arguments: [file.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let name = arguments[Self.file]
    let file = try context.inputFile(name)
    let count = try context.registry().importMedDRA(path: file)
    context.io.line(escaping: "Imported \(count) MedDRA mapping(s) from \(name).")
  }
}
