import AdregArguments
import AdregCore
import AdregFormats
import Foundation

/// `adreg pool FILE… report frequency|incidence|onset|risk`: the network's report from the sites' bundles.
enum PoolCommand: AdregCommand {
  static let reports = ["frequency", "incidence", "onset", "risk"]

  static let file = Argument<[String]>.variadic(
    "file", help: "The bundles, then the words 'report' and one of frequency, incidence, onset, risk.")
  /// Read by `ReportArguments.parse`, as the reports' `--ci` is.
  static let ci = Option<String?>.value(
    "ci", "method", help: "Interval for proportions in frequency (default: \(ReportOptions.defaultMethod.rawValue)).",
    allowedValues: ConfidenceMethod.allCases.map(\.rawValue))
  /// Read by `ReportIncidenceCommand.parse`, as the incidence report's `--weeks` is.
  static let weeks = Option<String?>.value(
    "weeks", "weeks",
    help: "Incidence horizons in whole weeks, comma-separated (default: \(ReportArguments.defaultWeeks)).")
  /// Read by `ReportIncidenceCommand.parse`, as the incidence report's `--censor` is.
  static let censor = Option<String?>.value(
    "censor", "rule", help: "Where follow-up ends in incidence (default: \(IncidenceOptions.defaultCensor.rawValue)).",
    allowedValues: CensorRule.allCases.map(\.rawValue))
  static let allowApproximate = Option<Bool>.flag(
    "allow-approximate", help: "Pool suppressed bundles, their left-out counts read as 0; the output says approximate.")

  static let spec: CommandSpec = {
    var spec = CommandSpec(
      "pool",
      abstract: "Pool the bundles of several clinics ('adreg share') into one report, with each site's figures beside it.",
      discussion: """
        Give the bundles, then 'report' and the report: e.g. 'adreg pool north.json south.json report risk'. The \
        figures are those of one registry holding every site's patients as of the bundles' date, computed by the \
        same code; each row lists every site's own figures under sites, and the risk report adds the \
        Mantel–Haenszel risk ratio across sites (Greenland–Robins interval). Bundles of different as-of dates, \
        format or schema versions or trial references, a site given twice, and a suppressed bundle (--min-cell) \
        without --allow-approximate are refused.
        """,
      arguments: [file.spec],
      options: [
        ReportArguments.level.spec, ci.spec, weeks.spec, censor.spec, allowApproximate.spec,
        ReportArguments.includeUnverified.spec, SharedOptions.raw.spec, SharedOptions.wide.spec,
      ])
    let calendar = "a bundle holds days since each patient's start, no calendar"
    spec.refusedOptions = [
      "from": calendar, "to": calendar, "site": "every site of the bundles is pooled, and each row lists them under sites",
    ]
    return spec
  }()

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let output = try context.format()
    let words = arguments[file]
    guard let at = words.lastIndex(of: "report"), at > 0, at == words.count - 2 else {
      throw context.usage(
        "Give the bundles, then 'report' and the report, e.g. 'adreg pool north.json south.json report frequency'")
    }
    let kind = words[at + 1]
    guard reports.contains(kind) else {
      throw context.usage("Unknown report '\(kind)'; use one of \(reports.joined(separator: ", "))")
    }
    try checkOptions(arguments, kind, context)
    let names = Array(words[..<at])
    let decoded = try AggregateBundle.decode(try names.map { (try read(name: $0, context), $0) })
    var bundles: [(bundle: AggregateBundle, name: String)] = []
    for (bundle, name) in zip(decoded, names) {
      try checkReferences(bundle, name)
      bundles.append((bundle, name))
    }
    let pool = try NetworkPool(bundles, allowApproximate: arguments[allowApproximate])
    if pool.approximate {
      context.io.err(
        "Warning: a bundle is suppressed; its left-out counts are read as 0, so the pooled figures are approximate.")
    }
    let rendering = PoolRendering(pool: pool, output: output, context: context, layout: TextLayout(arguments))
    var options = ReportOptions()
    options.level = try ReportArguments.level(arguments) ?? options.level
    options.includeUnverified = arguments[ReportArguments.includeUnverified]
    switch kind {
    case "frequency":
      options.method = try ReportArguments.parse(arguments).method
      let (pooled, sites) = try pool.frequency(options)
      rendering.emit(ReportFrequencyCommand.self, pooled, sites, parameters: rendering.parameters(options, ci: true))
    case "incidence":
      let incidence = try ReportIncidenceCommand.parse(arguments, context)
      let (pooled, sites) = try pool.incidence(incidence)
      rendering.emit(
        ReportIncidenceCommand.self, pooled, sites,
        parameters: ReportIncidenceCommand.parameters(incidence, asOf: pool.asOf).filter { $0.0 != "site" })
    case "onset":
      let (pooled, sites) = try pool.onset(level: options.level)
      rendering.emit(ReportOnsetCommand.self, pooled, sites, parameters: rendering.parameters(options, ci: false))
    default:
      let (pooled, sites) = try pool.risk(level: options.level)
      rendering.emitRisk(pooled, sites, parameters: rendering.parameters(options, ci: false))
    }
  }

  /// Options that belong to another report are usage errors, as they are on the registry's own reports.
  static func checkOptions(_ arguments: ParsedArguments, _ kind: String, _ context: CommandContext) throws {
    if kind != "incidence" {
      for option in [weeks, censor] where arguments[option] != nil {
        let name = option.name
        throw context.usage("'--\(name)' does not apply here: it sets the incidence report; use it with 'report incidence'")
      }
    } else if arguments[ci] != nil {
      throw context.usage("'--ci' does not apply here: cumulative incidence has log(−log) intervals only")
    }
  }

  /// A bundle file's bytes.
  static func read(name: String, _ context: CommandContext) throws -> Data {
    let path = try context.inputFile(name)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure(code: ExitCode.failure, message: "cannot read \(name); check its permissions")
    }
    return data
  }

  /// The bundle's trial references must match their fingerprint, as 'share' wrote them.
  static func checkReferences(_ bundle: AggregateBundle, _ name: String) throws {
    let fingerprint = SHA256.hex(of: ReferenceListCommand.listing(bundle.references).csv(raw: true))
    guard fingerprint == bundle.manifest.referencesSHA256 else {
      throw RegistryError.invalid(
        "\(name) is not a bundle as 'adreg share' wrote it: its trial references do not match their references_sha256; "
          + "share again")
    }
  }
}
