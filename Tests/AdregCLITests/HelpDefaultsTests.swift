import AdregCore
import Foundation
import Testing

/// Help states each default from the constant the code applies, and the code applies it.
@Suite("Defaults in help")
struct HelpDefaultsTests {
  /// The help of a command with each line break and the indentation after it read as one space.
  func help(_ words: String...) throws -> String {
    let result = try Harness().run(["help"] + words, global: false)
    #expect(result.status == 0)
    return result.output.replacingOccurrences(of: #"\n[ ]*"#, with: " ", options: .regularExpression)
  }

  @Test("patient add shows the sex, regimen and interval a patient gets without them, and enrols with them")
  func patientDefaults() throws {
    let text = try help("patient", "add")
    #expect(text.contains("Sex (default: \(PatientDraft.defaultSex))."))
    #expect(text.contains("Regimen (default: \(PatientDraft.defaultRegimen))."))
    #expect(text.contains("Dosing interval in days (default: \(PatientDraft.defaultIntervalDays))."))
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    let shown = h.run("patient", "show", "P1").output
    #expect(shown.contains("sex: \(PatientDraft.defaultSex)"))
    #expect(shown.contains("treatment: \(PatientDraft.defaultRegimen), every \(PatientDraft.defaultIntervalDays) days"))
  }

  @Test("record shows the source and scaling a case gets without them, and records with them")
  func caseDefaults() throws {
    let text = try help("record")
    #expect(text.contains("Who reported it (default: \(CaseDraft.defaultSource))."))
    #expect(text.contains("Scaling (default: \(CaseDraft.defaultScaling))."))
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    #expect(h.run("record", "P1", "--onset", "2025-02-01", "--category", "conjunctivitis").status == 0)
    let shown = h.run("case", "show", "1").output
    #expect(shown.contains("by \(CaseDraft.defaultSource)"))
    #expect(shown.contains("scaling: \(CaseDraft.defaultScaling)"))
  }

  @Test("reports show the level, interval, horizons and censoring they use without options")
  func reportDefaults() throws {
    let weeks = IncidenceOptions.defaultWeeks.map(String.init).joined(separator: ",")
    for report in ["frequency", "onset", "risk", "html"] {
      let text = try help("report", report)
      #expect(text.contains("Confidence level (default: \(ReportOptions.defaultLevel))."))
    }
    #expect(try help("report", "frequency").contains("(default: \(ReportOptions.defaultMethod.rawValue))."))
    let incidence = try help("report", "incidence")
    #expect(incidence.contains("comma-separated (default: \(weeks))."))
    #expect(incidence.contains("Where follow-up ends (default: \(IncidenceOptions.defaultCensor.rawValue))."))
    let pool = try help("pool")
    #expect(pool.contains("comma-separated (default: \(weeks))."))
    #expect(pool.contains("in frequency (default: \(ReportOptions.defaultMethod.rawValue))."))

    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2024-01-01").status == 0)
    let frequency = try #require(try h.json(h.run("report", "frequency", "--format", "json")) as? [String: Any])
    #expect(frequency["level"] as? Double == ReportOptions.defaultLevel)
    #expect(frequency["ci_method"] as? String == ReportOptions.defaultMethod.rawValue)
  }

  @Test("case duplicates shows its window and its limit, and says the window it used")
  func duplicateWindow() throws {
    let text = try help("case", "duplicates")
    #expect(text.contains("(default \(Registry.defaultDuplicateWindow); 0 to \(Registry.duplicateWindowLimit))."))
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let result = h.run("case", "duplicates")
    #expect(result.output.contains("onsets within \(Registry.defaultDuplicateWindow) day(s)."))
  }

  @Test("init and synth show the site and seed they use without options")
  func initAndSynth() throws {
    #expect(try help("init").contains("(default: \(Registry.initialSite))."))
    #expect(try help("synth").contains("Seed of the random generator (default: \(SynthOptions.defaultSeed))."))
    let h = try Harness()
    #expect(h.run("init").output.contains("default site: \(Registry.initialSite)."))
    let synth = h.run("synth", "--patients", "3", "--out", "clinic")
    #expect(synth.status == 0)
    #expect(synth.output.contains("seed \(SynthOptions.defaultSeed);"))
  }
}
