/// H.1, the case narrative: the record in words, for the authority (free text goes here, never to research exports).
enum E2BNarrative {
  /// The narrative of a case. It never names the patient: no code, no birth year, only timing relative to treatment.
  static func text(_ c: CaseRecord, patient: Patient) -> String {
    var lines: [String] = []
    lines.append("Reaction: \(c.category), a skin reaction recorded in a registry of patients treated with dupilumab.")
    var timing = "Onset on \(c.onset.iso), day \(c.timing.dayOfTreatment) of treatment (started \(patient.start.iso), \(patient.regimen))"
    if let last = c.timing.lastDose, let days = c.timing.daysSinceLastDose {
      timing += ", \(days) day(s) after the last logged injection on \(last.iso)"
    } else {
      timing += "; no injection logged before onset"
    }
    lines.append(timing + ".")
    lines.append("Reported on \(c.reported.iso) by the \(c.source), \(c.timing.reportingDelay) day(s) after onset.")
    var appearance = "Appearance: scaling \(c.scaling)"
    if !c.morphology.isEmpty { appearance += "; morphology \(c.morphology.joined(separator: ", "))" }
    if !c.bodySites.isEmpty { appearance += "; body sites \(c.bodySites.joined(separator: ", "))" }
    if let severity = c.severity { appearance += "; severity \(severity)" }
    if let itch = c.itch { appearance += "; itch \(itch)/10" }
    lines.append(appearance + ".")
    if let description = c.description { lines.append("Description: \(description)") }
    if !c.seriousness.isEmpty { lines.append("Seriousness: \(c.seriousness.joined(separator: ", ")).") }
    for (n, f) in c.followUps.enumerated() {
      lines.append("Follow-up \(n + 1) (\(f.recordedAt.prefix(10))): \(f.parts.joined(separator: "; ")).")
    }
    return lines.joined(separator: "\n")
  }
}
