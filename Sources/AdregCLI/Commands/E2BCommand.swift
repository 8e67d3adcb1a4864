import AdregArguments
import AdregCore
import AdregFormats
import Foundation

/// `adreg e2b ID… --out DIR`, `adreg e2b --serious --out DIR`, `adreg e2b ID --nullify --reason T`.
enum E2BCommand: AdregCommand {
  static let out = Option<String>.required("out", "dir", help: "The existing folder to write the files in.")
  static let serious = Option<Bool>.flag(
    "serious", help: "Every non-withdrawn serious case not yet sent in its current state.")
  static let nullify = Option<Bool>.flag(
    "nullify", help: "A nullification of a case sent and since withdrawn (needs --reason).")
  static let reason = Option<String?>.value("reason", "text", help: "Why the report is nullified.")
  static let id = Argument<[String]>.optionalVariadic("id", help: "Case ids.")

  static let spec = CommandSpec(
    "e2b",
    abstract: "Write ICH E2B(R3) safety report files for cases, one per case and version.",
    discussion: """
      Each file is DIR/<case uuid>-<version>.xml: an HL7 batch holding one safety report, coded with the site's \
      MedDRA mapping ('adreg meddra import') and carrying the organisation's identity ('adreg settings set'). The \
      patient is masked: the code never leaves the registry. A case sent before gets the next version; --serious \
      writes every serious case not yet sent in its current state. --nullify writes a nullification for a case \
      sent and since withdrawn. Every file is checked before any is written, appears only when complete, replaces \
      an existing file only with --force, and is recorded in the audit trail with its SHA-256.
      """,
    arguments: [id.spec],
    options: [out.spec, serious.spec, nullify.spec, reason.spec, SharedOptions.force.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let words = arguments[Self.id]
    let serious = arguments[Self.serious]
    if serious == !words.isEmpty {
      throw context.usage(serious ? "Give case ids or --serious, not both" : "Give case ids, or --serious for every serious case to send")
    }
    let nullify = arguments[Self.nullify]
    let reason = arguments[Self.reason]
    if nullify != (reason != nil) {
      throw context.usage(nullify ? "--nullify needs --reason <text>" : "--reason goes with --nullify")
    }
    if nullify && serious { throw context.usage("--nullify takes case ids, not --serious") }
    let name = arguments[Self.out]
    let folder = context.resolve(name)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
      throw CommandFailure(code: ExitCode.failure, message: "the folder \(name) does not exist; create it first (mkdir)")
    }
    guard isFolder.boolValue else {
      throw CommandFailure(code: ExitCode.failure, message: "--out \(name) is not a folder; give the folder the files go in")
    }
    let registry = try context.registry()
    var ids: [Int64] = []
    for word in words {
      guard let id = Int64(word), id > 0 else {
        throw RegistryError.invalid("case id '\(word)' is not a case number; use the number 'record' printed or 'adreg case list'")
      }
      if !ids.contains(id) { ids.append(id) }
    }
    if serious { ids = try registry.seriousCasesToReport() }
    guard !ids.isEmpty else {
      context.io.line("No serious case to send: every one was sent in its current state.")
      return
    }
    // Every file is built and every destination checked before one is written: a refusal writes nothing.
    let files = try ids.map { try registry.e2bFile(caseID: $0, nullification: nullify ? reason : nil) }
    var sinks: [FileSink] = []
    var written = 0
    do {
      for file in files {
        sinks.append(try context.outputFile((folder as NSString).appendingPathComponent(file.report.fileName)))
      }
      for (sink, file) in zip(sinks, files) { try sink.write(file.text) }
      for sink in sinks {
        try sink.close()
        written += 1
      }
    } catch {
      for sink in sinks { sink.discard() }
      // A file already in place was made: it is recorded, so that the next run gives the next version.
      if written > 0 { try? registry.recordE2B(Array(files.prefix(written))) }
      throw error
    }
    try registry.recordE2B(files)
    for file in files {
      let kind = nullify ? "nullification" : "report"
      context.io.line(escaping: "Case \(file.caseID): \(kind) version \(file.report.version) written to \((name as NSString).appendingPathComponent(file.report.fileName)) (SHA-256 \(file.fileSHA256)).")
    }
  }
}
