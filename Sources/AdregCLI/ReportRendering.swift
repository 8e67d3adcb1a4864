import AdregArguments
import AdregCore
import AdregFormats

/// The one shape every report renders in: JSON (header members, then `rows`, then `manifest`), CSV (a listing) and
/// a table. `report …` prints a registry's report through it; `pool … report …` the network's, with each row's
/// `sites`.
protocol ReportRendering {
  associatedtype Report
  associatedtype Row

  /// The JSON members before `rows`: `report`, `as_of`, and the report's settings and cohort.
  static func header(_ report: Report) -> [(String, JSONValue)]
  static func rows(_ report: Report) -> [Row]
  /// A row's JSON members.
  static func fields(_ row: Row) -> [(String, JSONValue)]
  /// What tells a row from the others of its report (its category, or factor and category).
  static func key(_ row: Row) -> String
  /// The report as CSV rows, for R and pandas.
  static func listing(_ report: Report) -> Listing
  /// The report for reading; `site` names who it covers.
  static func table(_ report: Report, site: String, layout: TextLayout) -> String
}

extension ReportRendering {
  /// The report as JSON; `extra` adds members to a row (a pooled row's `sites`).
  static func json(
    _ report: Report, manifest: Manifest?, more: [(String, JSONValue)] = [],
    extra: (Row) -> [(String, JSONValue)] = { _ in [] }
  ) -> JSONValue {
    .object(
      header(report) + more + [("rows", .array(rows(report).map { .object(fields($0) + extra($0)) }))]
        + (manifest.map { [("manifest", $0.json)] } ?? []))
  }

  /// Prints a registry's report in the format asked for.
  static func emit(
    _ report: Report, format: OutputFormat, manifest: Manifest, site: String?, context: CommandContext, layout: TextLayout
  ) {
    switch format {
    case .json: context.io.line(json(report, manifest: manifest).serialized())
    case .csv: context.io.out(listing(report).csv(raw: context.rawCSV))
    case .table: context.io.out(table(report, site: site ?? "all", layout: layout))
    }
  }
}

extension ReportRendering {
  /// Runs a windowed report (frequency, onset, risk): parses the shared options, computes the report from the
  /// registry and prints it with its manifest.
  static func runWindowed(
    _ arguments: ParsedArguments, _ context: CommandContext, ci: Bool, window: (Report) -> ReportWindow,
    _ make: (Registry, ReportOptions) throws -> Report
  ) throws {
    let output = try context.format()
    let options = try ReportArguments.parse(arguments)
    let registry = try context.registry(readOnly: true)
    let report = try make(registry, options)
    let parameters = ReportArguments.parameters(options, asOf: window(report).asOf, ci: ci)
    emit(report, format: output, manifest: try context.manifest(registry, parameters: parameters), site: options.site,
      context: context, layout: TextLayout(arguments))
  }
}

extension CommandContext {
  /// The manifest of a report from this registry (PRODUCT.md §10 "Manifest").
  func manifest(_ registry: Registry, parameters: [(String, JSONValue)]) throws -> Manifest {
    Manifest(
      adregVersion: CLI.parser.version, schemaVersion: try registry.schemaVersion(),
      referencesSHA256: SHA256.hex(of: ReferenceListCommand.listing(try registry.references()).csv(raw: true)),
      meddraVersion: try registry.meddraVersion(), parameters: parameters)
  }
}

extension ReportArguments {
  /// The parameters of a windowed report, for its manifest.
  static func parameters(_ options: ReportOptions, asOf: Day, ci: Bool = true) -> [(String, JSONValue)] {
    [("as_of", .string(asOf.iso)),
     ("window", .object([("from", JSONValue(options.from?.iso)), ("to", JSONValue(options.to?.iso))])),
     ("site", JSONValue(options.site)), ("level", .double(options.level))]
      + (ci ? [("ci_method", .string(options.method.rawValue))] : [])
      + [("include_unverified", .bool(options.includeUnverified))]
  }
}
