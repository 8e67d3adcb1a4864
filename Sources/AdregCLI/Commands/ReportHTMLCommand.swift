import AdregArguments
import AdregCore
import AdregFormats
import Foundation

/// `adreg report html --out FILE`: every report and its charts in one self-contained page.
enum ReportHTMLCommand: AdregCommand {
  static let out = Option<String>.required("out", "file", help: "The HTML file to write, e.g. report.html.")

  static let spec = CommandSpec(
    "report html",
    abstract: "Write the frequency, cumulative incidence, onset and risk reports with their charts as one HTML page.",
    discussion: """
      The page is self-contained: inline styles, charts as inline SVG, no script and no network, so it can be \
      mailed, archived or printed as it is. It holds aggregate figures only, but is readable by its owner only \
      like every file adreg writes, and appears only when complete; an existing file at --out is replaced only \
      with --force. The cumulative incidence counts time \
      from each patient's start and censors at the stop date or --as-of; --from/--to do not apply to it.
      """,
    options: ReportArguments.options + [ReportArguments.includeUnverified.spec, out.spec, SharedOptions.force.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let options = try ReportArguments.parse(arguments)
    let name = arguments[out]
    // Checked before the reports are computed, so a refusal comes at once.
    let sink = try context.outputFile(try outputPath(name, context))
    let registry = try context.registry(readOnly: true)
    var incidence = IncidenceOptions()
    incidence.site = options.site
    incidence.level = options.level
    incidence.includeUnverified = options.includeUnverified
    incidence.curves = true
    let frequency = try registry.frequencyReport(options)
    let parameters = ReportArguments.parameters(options, asOf: frequency.window.asOf)
      + [("censor", .string(incidence.censor.rawValue)), ("weeks", .array(incidence.weeks.map { .int(Int64($0)) }))]
    let page = HTMLReport(
      frequency: frequency, incidence: try registry.incidenceReport(incidence),
      onset: try registry.onsetReport(options), risk: try registry.riskReport(options), site: options.site,
      manifest: try context.manifest(registry, parameters: parameters))
    let html = page.render()
    do {
      try sink.write(html)
      try sink.close()
    } catch let error as FileSinkError {
      // Half a page would look like a report with sections missing: the temporary goes, an earlier page stays.
      sink.discard()
      let failure = error.failure(context)
      throw CommandFailure(code: failure.code, message: "\(failure.message); nothing was written")
    }
    let cohort = page.frequency.cohort
    context.io.line(
      "Wrote the HTML report (\(cohort.patients) patient\(cohort.patients == 1 ? "" : "s"), as of \(page.frequency.window.asOf.iso)) to \(sink.path).")
  }

  /// The absolute path to write; refuses a folder and a missing folder with a hint for this command.
  static func outputPath(_ name: String, _ context: CommandContext, example file: String = "report.html") throws -> String {
    guard !name.isEmpty else { throw context.usage("--out needs a file name, e.g. --out \(file)") }
    let path = context.resolve(name)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      let example = (name as NSString).appendingPathComponent(file)
      throw CommandFailure(code: ExitCode.failure, message: "--out \(name) is a folder; give a file name, e.g. --out \(example)")
    }
    let folder = ((path as NSString).standardizingPath as NSString).deletingLastPathComponent
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CommandFailure(
        code: ExitCode.failure, message: "the folder \(folder) does not exist; create it or choose another --out")
    }
    return path
  }
}
