import AdregArguments
import AdregCore
import AdregFormats

/// Options every report takes, declared once.
enum ReportArguments {
  static let site = Option<String?>.value("site", "site", help: "Only patients of this site (default: every site).")
  static let level = Option<String?>.value(
    "level", "level", help: "Confidence level (default: \(ReportOptions.defaultLevel)).")
  static let ci = Option<String?>.value(
    "ci", "method", help: "Interval for proportions (default: \(ReportOptions.defaultMethod.rawValue)).",
    allowedValues: ConfidenceMethod.allCases.map(\.rawValue))
  /// Compare with references that were never checked in the label or the primary publication.
  static let includeUnverified = Option<Bool>.flag(
    "include-unverified", help: "Also compare with references whose figure was never read in the label or the primary publication.")

  /// The incidence horizons used when `--weeks` is not given, as `--weeks` takes them: `4,16,52,104`.
  static let defaultWeeks = IncidenceOptions.defaultWeeks.map(String.init).joined(separator: ",")

  static let options: [OptionSpec] = [
    SharedOptions.from.spec, SharedOptions.to.spec, site.spec, level.spec, ci.spec, SharedOptions.raw.spec,
  ]

  static func parse(_ arguments: ParsedArguments) throws -> ReportOptions {
    var options = ReportOptions()
    options.from = try arguments[SharedOptions.from].map { try Validate.date($0, field: "from") }
    options.to = try arguments[SharedOptions.to].map { try Validate.date($0, field: "to") }
    options.site = arguments[site]
    options.level = try level(arguments) ?? options.level
    if let text = arguments[ci] {
      guard let method = ConfidenceMethod(rawValue: text) else {
        throw RegistryError.invalid("ci: unknown interval '\(text)'; use wilson or exact")
      }
      options.method = method
    }
    options.includeUnverified = arguments[includeUnverified]
    return options
  }

  /// `--level`, when given.
  /// - Throws: `RegistryError.invalidData` for anything but a number strictly between 0 and 1.
  static func level(_ arguments: ParsedArguments) throws -> Double? {
    guard let text = arguments[Self.level] else { return nil }
    guard let level = Double(text), level > 0, level < 1 else {
      throw RegistryError.invalid("level: '\(text)' is not a confidence level; give a number between 0 and 1, e.g. 0.95")
    }
    return level
  }

  /// `{"as_of", "window": {"from", "to"}, "level"}` and the cohort, as every report's JSON starts.
  static func header(_ report: String, window: ReportWindow, level: Double) -> [(String, JSONValue)] {
    [("report", .string(report)), ("as_of", .string(window.asOf.iso)),
     ("window", .object([("from", JSONValue(window.from?.iso)), ("to", JSONValue(window.to?.iso))])),
     ("level", .double(level))]
  }

  /// The header with the cohort after it, as the onset and risk reports' JSON starts.
  static func header(_ report: String, window: ReportWindow, level: Double, cohort: Cohort) -> [(String, JSONValue)] {
    header(report, window: window, level: level) + [("cohort", Self.cohort(cohort))]
  }

  static func cohort(_ cohort: Cohort) -> JSONValue {
    .object([("patients", .int(Int64(cohort.patients))), ("patient_years", .double(cohort.patientYears))])
  }

  /// The heading lines of a report table.
  static func heading(_ title: String, window: ReportWindow, cohort: Cohort, site: String) -> String {
    let range = "\(window.from?.iso ?? "open") to \(window.end.iso)"
    return """
      \(title) — as of \(window.asOf.iso); onset window \(range); site: \(DisplayText.escaped(site))
      Cohort: \(cohort.patients) patient\(cohort.patients == 1 ? "" : "s"), \(format(cohort.patientYears, digits: 2)) patient-years of exposure

      """
  }

  /// Said instead of a table when nobody is in the cohort.
  static func emptyCohortNote(_ window: ReportWindow) -> String {
    "No patient is in the cohort for this window (treatment started by \(window.end.iso) and not stopped before \(window.from?.iso ?? "it")): nothing to count. Enrol patients with 'adreg patient add', import them, or widen --from/--to.\n"
  }

  static func percent(_ value: Double?) -> String { value.map { format($0, digits: 1) } ?? "–" }

  static func interval(_ low: Double?, _ high: Double?, digits: Int = 1) -> String {
    guard let low, let high else { return "–" }
    return "\(format(low, digits: digits))–\(format(high, digits: digits))"
  }

  static func levelLabel(_ level: Double) -> String {
    let percent = level * 100
    return percent == percent.rounded() ? "\(Int(percent))%" : "\(format(percent, digits: 1))%"
  }
}

extension String {
  /// Pads on the right to `width` characters.
  func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
  /// Pads on the left to `width` characters.
  func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
