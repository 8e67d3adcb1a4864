import AdregArguments
import AdregCore
import AdregFormats
import Foundation

/// `adreg import patients|cases|doses|visits|followups FILE.csv`: bulk load; `adreg import DIR`: a whole package.
enum ImportCommand: AdregCommand {
  static let spec = CommandSpec(
    "import",
    abstract: "Load a bulk CSV file, or a whole export package, all or nothing.",
    discussion: """
      The columns are those of 'adreg export --identified', by header name in any order; lists are \
      ';'-separated. Required: code and start_date for patients; patient_code, category and onset_date for \
      cases; patient_code and dose_date or visit_date for doses and visits; case_uuid and sequence for \
      followups (one row per follow-up, numbered from 1 within its case in the order recorded). Every row is checked like 'patient add' and 'record', and every problem is reported as \
      FILE:LINE: column: problem. Nothing is written if any row is invalid, unless --skip-invalid. A row already \
      in the registry with the same values is skipped, so importing a file twice adds nothing. Given a folder \
      instead, import loads the identified package 'adreg export --out DIR --identified' wrote, every file in \
      one transaction; a cases file's follow-up columns are then ignored, its follow-ups coming from followups.csv.
      """,
    arguments: [
      ArgumentSpec(
        "kind", help: "What the file holds, or the folder of a package.", allowedValues: RecordKind.allCases.map(\.rawValue)),
      ArgumentSpec("file", help: "The CSV file.", isOptional: true),
    ],
    options: [
      .flag("dry-run", help: "Check every row and report, without writing anything."),
      .flag("skip-invalid", help: "Write the valid rows; put the invalid ones in the --rejects file."),
      .value("rejects", "file", help: "Where --skip-invalid puts rejected rows, with a 'reason' column."),
      SharedOptions.force,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    if let folder = arguments.positional("kind"), RecordKind(rawValue: folder) == nil, arguments.positional("file") == nil,
      FileCheck.kind(of: context.resolve(folder)) == .folder
    {
      return try importPackage(folder, arguments, context)
    }
    let kind = try recordKind(arguments, context)
    guard let name = arguments.positional("file") else {
      throw context.usage("give the CSV file of \(kind.rawValue) to import")
    }
    let path = context.resolve(name)
    let options = ImportOptions(dryRun: arguments.flag("dry-run"), skipInvalid: arguments.flag("skip-invalid"))
    let rejectsPath = arguments.value("rejects").map(context.resolve)
    if options.skipInvalid && rejectsPath == nil {
      throw context.usage("--skip-invalid needs --rejects FILE, the file that receives the rejected rows")
    }
    if rejectsPath != nil && !options.skipInvalid {
      throw context.usage("--rejects goes with --skip-invalid; without it an invalid row stops the whole import")
    }
    // A missing file, a folder, a FIFO or a device: refused before anything opens it (exit 66).
    _ = try context.inputFile(name)
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let reader: CSVReader
    do {
      reader = try CSVReader(path: path)
    } catch let error as CSVFileError {
      throw RegistryError(error)
    }
    let registry = try context.registry()
    // Checked before anything is imported: never the imported file, the registry or an existing file.
    let rejects = try rejectsPath.map { try context.outputFile($0, inputs: [(path, name)]) }
    let progress = ProgressLine(context, label: name, verb: "read")
    let summary: ImportSummary
    do {
      summary = try registry.importRecords(
        kind, from: reader, source: ImportSource(name: name, bytes: bytes), options: options, rejects: rejects,
        progress: progress.update)
      progress.finish(summary.rowsRead)
      try rejects?.close()
    } catch {
      progress.abandon()
      // Nothing was imported, so a rejects file would list rows as if the others had been.
      rejects?.discard()
      throw error
    }
    report(summary, name: name, rejects: arguments.value("rejects"), context)
  }

  static func report(_ summary: ImportSummary, name: String, rejects: String?, _ context: CommandContext) {
    let io = context.io
    let noun = summary.kind.singular
    let read = counted(summary.rowsRead, "row")
    if summary.dryRun {
      io.line(
        "Dry run of \(name), nothing written: \(read) read; \(counted(summary.written, noun)) would be added, "
          + "\(summary.alreadyPresent) already in the registry, \(summary.problemCount) invalid.")
    } else {
      io.line(
        "Imported \(name): \(read) read; \(counted(summary.written, noun)) added, "
          + "\(summary.alreadyPresent) already in the registry\(summary.rejected > 0 ? ", \(summary.rejected) rejected" : "").")
    }
    if let rejects, summary.rejected > 0 {
      io.line("The rejected rows are in \(rejects), each with its reason; fix them there and import that file again.")
      io.err("Rejected rows:\n" + summary.problemReport)
    }
  }

  static func counted(_ count: Int, _ singular: String) -> String { "\(count) \(singular)\(count == 1 ? "" : "s")" }

  /// The `kind` argument: patients or cases.
  static func recordKind(_ arguments: ParsedArguments, _ context: CommandContext) throws -> RecordKind {
    let text = arguments.positional("kind") ?? ""
    guard let kind = RecordKind(rawValue: text) else {
      throw context.usage(
        "'\(text)' is not something to import or export; use \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")), or name a package folder")
    }
    return kind
  }
}
