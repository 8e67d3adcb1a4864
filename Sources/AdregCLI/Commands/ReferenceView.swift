import AdregArguments
import AdregCore
import AdregFormats

/// How a reference and its comparison read in JSON, CSV and tables; the frequency and incidence reports share it.
enum ReferenceView {
  static let columns = [
    "source", "arm", "percent_low", "percent_high", "patients", "events", "weeks", "design", "verified", "provenance",
    "comparison", "registry_percent", "registry_ci_low", "registry_ci_high", "at_risk", "difference",
    "difference_ci_low", "difference_ci_high", "p_value", "verdict",
  ]

  static func fields(_ comparison: ReferenceComparison) -> [(String, JSONValue)] {
    let r = comparison.reference
    let values: [JSONValue] = [
      .string(r.source), .string(r.arm.rawValue), JSONValue(r.percentLow), .double(r.percentHigh), JSONValue(r.patients),
      JSONValue(r.events),
      JSONValue(r.weeks), JSONValue(r.design?.rawValue), .bool(r.verified), .string(r.provenance),
      JSONValue(comparison.comparison?.rawValue), JSONValue(comparison.registryPercent),
      JSONValue(comparison.registryCILow), JSONValue(comparison.registryCIHigh), JSONValue(comparison.atRisk),
      JSONValue(comparison.difference), JSONValue(comparison.differenceCILow), JSONValue(comparison.differenceCIHigh),
      JSONValue(comparison.pValue), JSONValue(comparison.verdict?.rawValue),
    ]
    return Array(zip(columns, values))
  }

  /// What the comparison lines below mean.
  static func explanation(asOf: Day, windowed: Bool, layout: TextLayout = TextLayout()) -> String {
    layout.fold(
      "Trial references. Time-matched: the cohort's Kaplan–Meier cumulative incidence at the reference's week of "
        + "treatment, counted from each patient's start as of \(asOf.iso)\(windowed ? " (--from/--to do not apply to it)" : ""). "
        + "Crude: x/N over all follow-up. With the arm's size: difference registry − reference in percentage points, "
        + "two-sample normal test; without it, a one-sample test. Unverified references get no verdict by default.")
  }

  /// Two or three lines per reference: the published figure and source, the registry's figure and verdict,
  /// and the provenance.
  static func lines(_ comparisons: [ReferenceComparison], layout: TextLayout = TextLayout()) -> String {
    var text = ""
    for comparison in comparisons {
      let r = comparison.reference
      var published = ReportFrequencyCommand.referencePercent(r)
      var detail: [String] = []
      if let events = r.events, let patients = r.patients {
        detail.append("\(events)/\(patients)")
      } else if let patients = r.patients {
        detail.append("n=\(patients)")
      }
      if let weeks = r.weeks { detail.append("\(weeks) wk") }
      if let design = r.design { detail.append(design.rawValue) }
      if !r.verified { detail.append("unverified") }
      if !detail.isEmpty { published += " (\(detail.joined(separator: ", ")))" }
      text += "  " + layout.fold("\(r.arm.rawValue.padding(9)) \(published)  \(DisplayText.escaped(r.source))", width: 98, indent: "      ")
      if let kind = comparison.comparison {
        let figure = comparison.registryPercent.map {
          "\(format($0, digits: 1))% (\(ReportArguments.interval(comparison.registryCILow, comparison.registryCIHigh)))"
        } ?? "–"
        if kind == .timeMatched, let day = comparison.day {
          text += "      time-matched, day \(day): \(figure), \(comparison.atRisk ?? 0) at risk\n"
        } else {
          text += "      crude: \(figure)\n"
        }
        var parts: [String] = []
        if let difference = comparison.difference {
          parts.append(
            "difference \(signed(difference)) pp (\(signed(comparison.differenceCILow)) to \(signed(comparison.differenceCIHigh)))")
        }
        if let p = comparison.pValue { parts.append(p < 0.001 ? "p < 0.001" : "p = " + format(p, digits: 3)) }
        if let verdict = comparison.verdict { parts.append(verdict.rawValue) }
        if !parts.isEmpty { text += "      " + parts.joined(separator: " · ") + "\n" }
      }
      text += "      " + layout.fold("provenance: \(DisplayText.escaped(r.provenance))", width: 94, indent: "        ")
    }
    return text
  }

  static func signed(_ value: Double?) -> String {
    guard let value else { return "–" }
    let text = format(value, digits: 1)
    return value > 0 && text != "0.0" ? "+" + text : text
  }
}

