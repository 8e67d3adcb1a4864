import AdregCore
import AdregFormats

/// Prints a pooled report in the shape of the registry's own (`ReportRendering`), each row with its `sites`.
struct PoolRendering {
  var pool: NetworkPool
  var output: OutputFormat
  var context: CommandContext
  var layout: TextLayout

  var siteNames: [String] { pool.sites.map { $0.site ?? "" } }

  /// The parameters of a windowed report, for the manifest.
  func parameters(_ options: ReportOptions, ci: Bool) -> [(String, JSONValue)] {
    [("as_of", .string(pool.asOf.iso)), ("level", .double(options.level))]
      + (ci ? [("ci_method", .string(options.method.rawValue))] : [])
      + [("include_unverified", .bool(options.includeUnverified))]
  }

  /// The network's manifest: this adreg, the bundles' schema and references, and the sites pooled.
  func manifest(_ parameters: [(String, JSONValue)]) -> Manifest {
    Manifest(
      adregVersion: CLI.parser.version, schemaVersion: pool.manifest.schemaVersion,
      referencesSHA256: pool.manifest.referencesSHA256,
      parameters: parameters + [("sites", .array(siteNames.map { .string($0) })), ("approximate", .bool(pool.approximate))])
  }

  /// Each site's figures for a pooled row: that site's own row with the same key, where its report has one.
  func siteFields<R: ReportRendering>(_ renderer: R.Type, _ row: R.Row, _ sites: [R.Report]) -> JSONValue {
    let key = R.key(row)
    return .array(
      zip(siteNames, sites).compactMap { name, report in
        R.rows(report).first { R.key($0) == key }.map { .object([("site", .string(name))] + R.fields($0)) }
      })
  }

  func emit<R: ReportRendering>(
    _ renderer: R.Type, _ pooled: R.Report, _ sites: [R.Report], parameters: [(String, JSONValue)],
    extra: (R.Row) -> [(String, JSONValue)] = { _ in [] }, extraColumns: [String] = [],
    extraValues: (Int) -> [JSONValue] = { _ in [] }, note: String = ""
  ) {
    switch output {
    case .json:
      let json = R.json(pooled, manifest: manifest(parameters), more: [("approximate", .bool(pool.approximate))]) { row in
        extra(row) + [("sites", siteFields(R.self, row, sites))]
      }
      context.io.line(json.serialized())
    case .csv:
      // The network's rows first (site empty), then each site's own, under the report's columns.
      let head = R.listing(pooled)
      var rows = head.rows.enumerated().map { [.null] + $0.element + extraValues($0.offset) }
      for (name, report) in zip(siteNames, sites) {
        rows += R.listing(report).rows.map { [.string(name)] + $0 + Array(repeating: .null, count: extraColumns.count) }
      }
      context.io.out(Listing(columns: ["site"] + head.columns + extraColumns, rows: rows).csv(raw: context.rawCSV))
    case .table:
      let label = "network of \(siteNames.count) site\(siteNames.count == 1 ? "" : "s") (\(siteNames.joined(separator: ", ")))"
      var text = (pool.approximate ? "APPROXIMATE: suppressed counts were read as 0.\n" : "")
      text += R.table(pooled, site: label, layout: layout) + note
      for (name, report) in zip(siteNames, sites) {
        text += "\n\n" + R.table(report, site: name, layout: layout)
      }
      context.io.out(text)
    }
  }

  /// The risk report, each row with the Mantel–Haenszel risk ratio across sites.
  func emitRisk(_ pooled: RiskReport, _ sites: [RiskReport], parameters: [(String, JSONValue)]) {
    let ratios = pooled.rows.map { row in
      (try? pool.mantelHaenszel(factor: row.factor, category: row.category, level: pooled.level)) ?? nil
    }
    let values: (Int) -> [JSONValue] = { index in
      [JSONValue(ratios[index]?.ratio), JSONValue(ratios[index]?.lower), JSONValue(ratios[index]?.upper)]
    }
    let columns = ["mh_risk_ratio", "mh_ci_low", "mh_ci_high"]
    var index: [String: Int] = [:]
    for (offset, row) in pooled.rows.enumerated() { index[ReportRiskCommand.key(row)] = offset }
    let level = ReportArguments.levelLabel(pooled.level)
    let cells = pooled.rows.indices.map { i in
      [pooled.rows[i].factor, pooled.rows[i].category, ratios[i].map { format($0.ratio, digits: 2) } ?? "–",
       ReportArguments.interval(ratios[i]?.lower, ratios[i]?.upper, digits: 2)]
    }
    let note = "\nMantel–Haenszel risk ratio across sites (sites as strata), Greenland–Robins \(level) CI: "
      + "set beside the pooled ratio to see whether pooling hides a site effect.\n"
      + TextTable(header: ["risk factor", "category", "MH risk ratio", "\(level) CI"], rows: cells, numeric: [false, false, true, true]).render()
    emit(
      ReportRiskCommand.self, pooled, sites, parameters: parameters,
      extra: { row in Array(zip(columns, index[ReportRiskCommand.key(row)].map(values) ?? [.null, .null, .null])) },
      extraColumns: columns, extraValues: values, note: note)
  }
}
