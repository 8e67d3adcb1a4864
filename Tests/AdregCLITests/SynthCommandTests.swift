import AdregCore
import Foundation
import Testing

@Suite("synth's five files, --truth, and the demo's timing")
struct SynthCommandTests {
  func bytes(_ h: Harness, _ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: h.path(name))) }

  @Test("synth writes all five files and the truth, the same bytes for the same seed, each importable")
  func fiveFiles() throws {
    let h = try Harness()
    let first = h.run("synth", "--patients", "200", "--seed", "4", "--out", "one", "--truth", "one.json")
    #expect(first.status == 0, "\(first.error)")
    #expect(h.run("synth", "--patients", "200", "--seed", "4", "--out", "two", "--truth", "two.json").status == 0)
    for name in ["patients.csv", "doses.csv", "visits.csv", "cases.csv", "followups.csv"] {
      #expect(try bytes(h, "one/\(name)") == bytes(h, "two/\(name)"), "\(name)")
    }
    #expect(try bytes(h, "one.json") == bytes(h, "two.json"))
    let truth = try #require(try JSONSerialization.jsonObject(with: bytes(h, "one.json")) as? [String: Any])
    #expect(truth["seed"] as? String == "4")
    #expect((truth["stopping"] as? [String: Any])?["per_year"] as? Double == 0.15)
    let mode = try FileManager.default.attributesOfItem(atPath: h.path("one.json"))[.posixPermissions] as? Int
    #expect(mode == 0o600, "written by the safe writer")
    // The counts the command prints are the files' rows (doses.csv has no quoted line breaks).
    let doses = try String(contentsOfFile: h.path("one/doses.csv"), encoding: .utf8).components(separatedBy: "\r\n")
      .filter { !$0.isEmpty }.count - 1
    #expect(first.output.contains("patients.csv and \(doses) doses, "), "\(first.output)")
    #expect(h.run("init").status == 0)
    for kind in ["patients", "doses", "visits", "cases"] {
      let imported = h.run("import", kind, "one/\(kind).csv")
      #expect(imported.status == 0, "\(kind): \(imported.error)")
    }
    // The folder is also a package, with empty staff answers and references: import DIR loads every follow-up.
    h.environment["ADREG_DB"] = h.path("package.sqlite")
    #expect(h.run("init").status == 0)
    let package = h.run("import", "one")
    #expect(package.status == 0, "\(package.error)")
    let followUps = try String(contentsOfFile: h.path("one/followups.csv"), encoding: .utf8).components(separatedBy: "\r\n")
      .filter { !$0.isEmpty }.count - 1
    #expect(package.output.contains(" \(followUps) follow-ups added (0 already there), \(doses) doses added"), "\(package.output)")
  }

  @Test("--truth refuses an existing file without --force, and a name that is one of the cohort's files")
  func truthFile() throws {
    let h = try Harness()
    try "keep\n".write(toFile: h.path("truth.json"), atomically: true, encoding: .utf8)
    let refused = h.run("synth", "--patients", "10", "--out", "c", "--truth", "truth.json")
    #expect(refused.status == 65)
    #expect(refused.errorLines.first?.contains("already exists") == true)
    #expect(try String(contentsOfFile: h.path("truth.json"), encoding: .utf8) == "keep\n")
    #expect(!FileManager.default.fileExists(atPath: h.path("c/patients.csv")), "nothing written when one file is refused")
    let clash = h.run("synth", "--patients", "10", "--out", "c", "--truth", "c/cases.csv")
    #expect(clash.status == 65)
    #expect(clash.errorLines == ["Error: truth: c/cases.csv is one of the cohort's own files; give --truth a name of its own, such as truth.json"])
    let forced = h.run("synth", "--patients", "10", "--out", "c", "--truth", "truth.json", "--force")
    #expect(forced.status == 0, "\(forced.error)")
    #expect(try String(contentsOfFile: h.path("truth.json"), encoding: .utf8).hasPrefix("{"))
  }

  @Test("synth --help documents the clinic's parameters")
  func help() throws {
    let h = try Harness()
    let help = h.run("synth", "--help").flowing
    for phrase in ["every interval_days", "missed", "week 4, then every 12 weeks", "15 % of patients a year",
                   "Lost to follow-up: 4 % a year", "0-3 days after an injection", "psoriasiform later", "--truth"] {
      #expect(help.contains(phrase), "\(phrase)")
    }
    // The figures in the help are the generator's own.
    let clinic = SynthClinic()
    let percent = { (share: Double) in String(format: "%g %%", share * 100) }
    for category in clinic.categories { #expect(help.contains("\(category.code) \(percent(category.risk))"), "\(category.code)") }
    for factor in clinic.riskPrevalence { #expect(help.contains("\(factor.factor) \(percent(factor.share))"), "\(factor.factor)") }
    #expect(help.contains("Stopping: \(percent(clinic.stopPerYear)) of patients a year"))
    #expect(help.contains("Lost to follow-up: \(percent(clinic.lostPerYear)) a year"))
    #expect(help.contains("\(percent(clinic.missedDose)) missed"))
  }

  @Test("the demo's timing table shows days since the last injection, about a day for injection-site reactions")
  func demoTiming() throws {
    let h = try Harness()
    let result = h.run("demo")
    #expect(result.status == 0, "\(result.error)")
    let timing = try #require(result.output.range(of: "Timing: the median day of treatment at onset"))
    let table = result.output[timing.upperBound...]
    #expect(table.contains("days since injection"))
    let line = try #require(table.split(separator: "\n").first { $0.hasPrefix("injection-site ") })
    let cells = line.split(separator: " ")
    // category, episodes, median day, days since injection, with a dose: the truth's median is 1 day (0.2 of
    // onsets on the day, 0.4 a day later); with about 200 episodes the SD of the share is 0.035, so 1.0 is certain
    // to 5 SDs.
    #expect(cells.count == 5)
    #expect(cells[3] == "1.0", "\(line)")
    #expect(cells[1] == cells[4], "every injection-site case has a logged dose before it")
  }
}
