import AdregArguments
import AdregCore
import AdregFormats
import Foundation

/// `adreg import patients|cases|doses|visits|followups FILE.csv`: bulk load; `adreg import DIR`: a whole package.
enum ImportCommand: AdregCommand {
  static let dryRun = Option<Bool>.flag("dry-run", help: "Check every row and report, without writing anything.")
  static let skipInvalid = Option<Bool>.flag(
    "skip-invalid", help: "Write the valid rows; put the invalid ones in the --rejects file.")
  static let rejects = Option<String?>.value(
    "rejects", "file", help: "Where --skip-invalid puts rejected rows, with a 'reason' column.")
  static let kind = Argument<String>.required(
    "kind", help: "What the file holds, or the folder of a package.",
    allowedValues: RecordKind.allCases.map(\.rawValue))
  static let file = Argument<String?>.optional("file", help: "The CSV file.")

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
    arguments: [kind.spec, file.spec],
    options: [dryRun.spec, skipInvalid.spec, rejects.spec, SharedOptions.force.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let text = arguments[Self.kind]
    if RecordKind(rawValue: text) == nil, arguments[Self.file] == nil, FileCheck.kind(of: context.resolve(text)) == .folder {
      return try importPackage(text, arguments, context)
    }
    let kind = try recordKind(text, context)
    guard let name = arguments[Self.file] else {
      throw context.usage("give the CSV file of \(kind.rawValue) to import")
    }
    let path = context.resolve(name)
    let options = ImportOptions(dryRun: arguments[Self.dryRun], skipInvalid: arguments[Self.skipInvalid])
    let rejectsPath = arguments[Self.rejects].map(context.resolve)
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
    report(summary, name: name, rejects: arguments[Self.rejects], context)
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

  /// The `kind` argument of `import` or `export`: patients or cases.
  static func recordKind(_ text: String, _ context: CommandContext) throws -> RecordKind {
    guard let kind = RecordKind(rawValue: text) else {
      throw context.usage(
        "'\(text)' is not something to import or export; use \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")), or name a package folder")
    }
    return kind
  }
}
