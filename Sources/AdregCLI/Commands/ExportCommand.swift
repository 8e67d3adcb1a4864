import AdregArguments
import AdregCore
import AdregFormats
import Foundation

/// `adreg export patients|cases|doses|visits|followups`, `adreg export --out DIR` (a package) and
/// `adreg export dictionary` (the codebook): de-identified for research unless `--identified`.
enum ExportCommand: AdregCommand {
  static let identified = Option<Bool>.flag(
    "identified", help: "Codes, uuids, dates and free text as stored: the import columns.")
  static let out = Option<String?>.value(
    "out", "file", help: "Write to this file instead of standard output; without a kind, the package folder.")
  static let kind = Argument<String?>.optional(
    "kind", help: "What to export; leave it out to write a whole package to the --out folder.",
    allowedValues: RecordKind.allCases.map(\.rawValue) + [dictionary])

  static let spec = CommandSpec(
    "export",
    abstract: "Write a bulk file, a whole package or the codebook; de-identified unless --identified.",
    discussion: """
      De-identified (the default): no patient code, uuid, calendar date or free text. Patients are numbered \
      R-0001, R-0002, … in a random order that the patients and cases exports of the same registry share, so \
      export both without changes in between to join them on patient_ref. Dates become days since treatment \
      start, the birth year the age at start; withdrawn cases are left out. --identified writes the columns \
      'adreg import' reads, withdrawn cases included. Rows are streamed: memory stays flat however large the \
      registry. A file written with --out is readable by its owner only, and appears only when complete; an \
      existing file is replaced only with --force. Without a kind, --out names a folder that receives the whole \
      package: patients.csv, doses.csv, visits.csv, cases.csv, followups.csv, assessments.csv, references.csv and \
      datapackage.json (a Frictionless Data Package giving every column's type, codes and keys), with R-/C- numbers \
      shared by every file; 'adreg import DIR' loads an identified package. 'export dictionary' lists every \
      exported column with its type, codes and their meanings, unit, and how a de-identified column is derived.
      """,
    arguments: [kind.spec],
    options: [identified.spec, out.spec, SharedOptions.raw.spec, SharedOptions.force.spec])

  /// The `kind` that asks for the codebook.
  static let dictionary = "dictionary"

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let text: String
    switch arguments[Self.kind] {
    case nil: return try exportPackage(arguments, context)
    case dictionary?: return try exportDictionary(arguments, context)
    case let given?: text = given
    }
    let kind = try ImportCommand.recordKind(text, context)
    let format: ExportFormat = try context.format(default: .csv, allowed: [.csv, .json]) == .json ? .jsonLines : .csv
    let options = ExportOptions(identified: arguments[Self.identified], format: format, raw: context.rawCSV)
    let registry = try context.registry(readOnly: true)
    guard let name = arguments[Self.out] else {
      var sink = OutputSink(context.io)
      try registry.export(kind, options: options, to: &sink)
      try sink.flush()
      return
    }
    var sink = try context.outputFile(context.resolve(name))
    let progress = ProgressLine(context, label: name, verb: "written")
    let count: Int
    do {
      count = try registry.export(kind, options: options, to: &sink, progress: progress.update)
      progress.finish(count)
      try sink.close()
    } catch {
      progress.abandon()
      // The temporary goes; an earlier file of that name stays as it was.
      sink.discard()
      throw error
    }
    let noun = count == 1 ? kind.singular : kind.rawValue
    context.io.line(
      "Exported \(count) \(noun) to \(name)\(options.identified ? " (identified: keep it as safe as the registry)" : ", de-identified").")
  }
}

/// Hands export bytes to standard output in blocks, so memory stays flat.
final class OutputSink: TextSink {
  private let io: CLIIO
  private var buffer: [UInt8] = []

  init(_ io: CLIIO) {
    self.io = io
    buffer.reserveCapacity(1 << 16)
  }

  // Writers hand over whole records, so a block never ends inside a UTF-8 sequence.
  func write(_ utf8: UnsafeBufferPointer<UInt8>) throws {
    buffer.append(contentsOf: utf8)
    if buffer.count >= 1 << 16 { try flush() }
  }

  /// Writes the buffered bytes; a failed write (a full disk, a closed pipe) stops the export.
  func flush() throws {
    guard !buffer.isEmpty else { return }
    io.out(String(decoding: buffer, as: UTF8.self))
    buffer.removeAll(keepingCapacity: true)
    if let failure = io.outputError() {
      throw CommandFailure(code: ExitCode.failure, message: "cannot write to standard output: \(failure)")
    }
  }
}
