import AdregArguments
import AdregCore
import AdregFormats

/// `adreg reference import FILE.csv`.
enum ReferenceImportCommand: AdregCommand {
  static let file = Argument<String>.required("file", help: "The CSV file.")

  static let spec = CommandSpec(
    "reference import",
    abstract: "Add or replace trial references from a CSV file, all or nothing.",
    discussion: "Columns, by header name in any order: \(TrialReference.columns.joined(separator: ", ")). A row replaces the reference with the same source, arm and category; the audit trail keeps every old value. events, design and verified may be left out (a file written before them imports as unverified).",
    arguments: [file.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let file = try context.inputFile(arguments[Self.file])
    let count = try context.registry().importReferences(path: file)
    context.io.line("Imported \(count) trial reference(s) from \(file).")
  }
}
