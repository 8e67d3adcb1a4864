import AdregArguments
import AdregCore
import AdregFormats
import Foundation

extension ExportCommand {
  /// `export --out DIR [--identified]`: every file of the package, each appearing only when all are complete.
  static func exportPackage(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    guard let name = arguments[out] else {
      throw context.usage(
        "give what to export (\(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")) or dictionary), or --out DIR for the whole package")
    }
    _ = try context.format(default: .csv, allowed: [.csv])
    let folder = context.resolve(name)
    switch FileCheck.kind(of: folder) {
    case nil:
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
      } catch {
        throw CommandFailure(
          code: ExitCode.failure, message: "cannot create the folder \(name); check that its parent folder exists and is writable")
      }
    case .folder?: break
    case let other?:
      throw RegistryError.invalid("\(name) is \(other == .regular ? "a file" : "not a folder"); give a folder for the package")
    }
    let identified = arguments[Self.identified]
    let registry = try context.registry(readOnly: true)
    var sinks: [FileSink] = []
    let progress = ProgressLine(context, label: name, verb: "written")
    let summary: PackageSummary
    do {
      summary = try registry.exportPackage(
        identified: identified, raw: context.rawCSV,
        open: { file in
          let sink = try context.outputFile((folder as NSString).appendingPathComponent(file))
          sinks.append(sink)
          return sink
        }, progress: { _, work in progress.update(work) })
      progress.finish(summary.rows.reduce(0) { $0 + $1.count })
      for sink in sinks { try sink.close() }
    } catch {
      progress.abandon()
      for sink in sinks { sink.discard() }
      throw error
    }
    let counts = summary.rows.map { "\($0.count) \($0.file.rawValue)" }.joined(separator: ", ")
    context.io.line(
      "Exported the package to \(name): \(counts), and \(Registry.packageDescriptor)\(identified ? " (identified: keep it as safe as the registry)" : ", de-identified").")
  }

  /// `export dictionary [--format csv|json]`: the codebook.
  static func exportDictionary(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    if arguments[out] != nil || arguments[identified] {
      throw context.usage("export dictionary prints the codebook to standard output; it takes no --out or --identified")
    }
    let format = try context.format(default: .csv, allowed: [.csv, .json])
    let entries = try context.registry(readOnly: true).codebook()
    let columns = ["table", "column", "export", "type", "required", "codes", "unit", "meaning", "derivation"]
    func row(_ entry: CodebookEntry, codes: JSONValue) -> [JSONValue] {
      [.string(entry.table), .string(entry.column), .string(entry.export), .string(entry.type), .bool(entry.required),
       codes, JSONValue(entry.unit), .string(entry.meaning),
       JSONValue(entry.derivation)]
    }
    if format == .json {
      context.emit(
        Listing(
          columns: columns,
          rows: entries.map { entry in
            row(entry, codes: .array(entry.codes.map { .object([("code", .string($0.code)), ("meaning", .string($0.meaning))]) }))
          }), format: .json)
    } else {
      context.emit(
        Listing(
          columns: columns,
          rows: entries.map { entry in
            row(entry, codes: entry.codes.isEmpty ? .null : .string(entry.codes.map { "\($0.code)=\($0.meaning)" }.joined(separator: "; ")))
          }), format: .csv)
    }
  }
}
