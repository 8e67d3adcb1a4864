import AdregArguments
import AdregCore
import AdregFormats

/// `adreg share --out FILE [--min-cell K]`: the registry's aggregates for a network of clinics (PRODUCT.md §11).
enum ShareCommand: AdregCommand {
  static let out = Option<String>.required("out", "file", help: "The bundle to write, e.g. north.json.")
  static let minCell = Option<String?>.value(
    "min-cell", "k", help: "Leave out every count from 1 to k−1 (default: none left out).")

  static let spec = CommandSpec(
    "share",
    abstract: "Write the registry's aggregates as a JSON bundle that a coordinating centre pools with 'adreg pool'.",
    discussion: """
      Per site and category, in days since each patient's start: the time-on-treatment life tables (censored at \
      as-of and at the last contact), episode and first-event counts with their person-days, the onset days and \
      days since the last dose of cases, and the risk-factor 2×2 cells — plus the trial references and the \
      manifest. No patient code, uuid, free text or date but --as-of leaves the clinic. With --min-cell K every \
      count from 1 to K−1 is left out (null) and the bundle is marked suppressed. The file appears only when \
      complete and readable by its owner only; an existing one is replaced only with --force.
      """,
    options: [out.spec, minCell.spec, SharedOptions.force.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let name = arguments[Self.out]
    let minCell = try arguments[Self.minCell].map { try Validate.integer($0, field: "min-cell", in: 2...1_000_000) }
    let sink = try context.outputFile(try ReportHTMLCommand.outputPath(name, context, example: "bundle.json"))
    let registry = try context.registry(readOnly: true)
    let asOf = try context.today()
    let parameters: [(String, JSONValue)] = [
      ("as_of", .string(asOf.iso)), ("min_cell", JSONValue(minCell)),
    ]
    let bundle = AggregateBundle(
      asOf: asOf, minCell: minCell, manifest: try context.manifest(registry, parameters: parameters),
      references: try registry.references(), sites: try registry.siteAggregates())
    do {
      try sink.write(bundle.json.serialized() + "\n")
      try sink.close()
    } catch let error as FileSinkError {
      sink.discard()
      let failure = error.failure(context)
      throw CommandFailure(code: failure.code, message: "\(failure.message); nothing was written")
    }
    let sites = bundle.sites.compactMap(\.site).map(DisplayText.escaped).joined(separator: ", ")
    context.io.line(
      "Wrote the bundle of \(bundle.sites.count) site\(bundle.sites.count == 1 ? "" : "s") (\(sites)) as of \(asOf.iso)"
        + "\(minCell.map { ", counts below \($0) left out" } ?? "") to \(sink.path).")
  }
}
