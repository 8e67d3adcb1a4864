import AdregArguments
import AdregCore
import AdregFormats
import Foundation

extension ImportCommand {
  /// `import DIR`: an identified export package in one transaction.
  static func importPackage(_ name: String, _ arguments: ParsedArguments, _ context: CommandContext) throws {
    if arguments[skipInvalid] || arguments[rejects] != nil {
      throw context.usage("a package is imported all or nothing; --skip-invalid and --rejects take a single file")
    }
    let folder = context.resolve(name)
    let patients = try context.inputFile((name as NSString).appendingPathComponent(ExchangeFile.patients.fileName))
    if let header = try? CSVReader(path: patients).next(), header.fields.contains("patient_ref") {
      throw RegistryError.invalid(
        "\(name) holds a de-identified package, which has no codes or dates to load; import a package written with 'adreg export --out DIR --identified'")
    }
    let registry = try context.registry()
    let progress = ProgressLine(context, label: name, verb: "read")
    let summary: PackageSummary
    do {
      summary = try registry.importPackage(
        named: name, options: ImportOptions(dryRun: arguments[dryRun]),
        open: { file in
          let shown = (name as NSString).appendingPathComponent(file)
          let path = try context.inputFile(shown)
          let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
          do {
            return (try CSVReader(path: (folder as NSString).appendingPathComponent(file)), bytes)
          } catch let error as CSVFileError {
            throw RegistryError(error)
          }
        }, progress: { _, work in progress.update(work) })
      progress.finish(summary.rows.reduce(0) { $0 + $1.count })
    } catch {
      progress.abandon()
      throw error
    }
    let parts =
      summary.imported.map { "\(counted($0.written, $0.kind.singular)) added (\($0.alreadyPresent) already there)" }
      + ["\(counted(summary.answersWritten, "staff answer")) added (\(summary.answersAlreadyPresent) already there)"]
    let rows = summary.rows.reduce(0) { $0 + $1.count }
    context.io.line(
      (summary.dryRun ? "Dry run of \(name), nothing written: \(counted(rows, "row")) read; would have: " : "Imported the package \(name): \(counted(rows, "row")) read; ")
        + parts.joined(separator: ", ") + "; references brought up to date.")
  }
}
