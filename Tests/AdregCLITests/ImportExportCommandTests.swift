import Foundation
import Testing

/// Python's csv and json modules read adreg's exports independently of adreg's own reader.
private enum PythonReader {
  static let isAvailable: Bool = (try? run("import csv, json", arguments: []))?.status == 0

  static func run(_ script: String, arguments: [String]) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
  }

  /// The CSV file's rows as dictionaries, as `csv.DictReader` reads them.
  static func csvRows(_ path: String) throws -> [[String: String]] {
    let script = "import csv,sys,json; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))))"
    let result = try run(script, arguments: [path])
    return try JSONSerialization.jsonObject(with: result.output) as? [[String: String]] ?? []
  }

  /// The JSON Lines file's objects, flattened as the CSV export writes them: lists `;`-joined, null empty.
  static func jsonLinesAsCSVValues(_ path: String) throws -> [[String: String]] {
    let script = """
      import json,sys
      def text(v):
          if v is None: return ''
          if isinstance(v, list): return ';'.join(v)
          return str(v)
      rows = [{k: text(v) for k, v in json.loads(line).items()} for line in open(sys.argv[1], encoding='utf-8')]
      print(json.dumps(rows))
      """
    let result = try run(script, arguments: [path])
    return try JSONSerialization.jsonObject(with: result.output) as? [[String: String]] ?? []
  }
}

@Suite("import, export, synth and demo on the command line")
struct ImportExportCommandTests {
  static let note = "patient says: \"burning\", then itchy\nsecond line — émoji 🙂, '; DROP TABLE case_report; --"

  /// A registry with two patients and three cases, one followed up and one withdrawn.
  func setUp() throws -> Harness {
    let h = try Harness()
    let steps: [[String]] = [
      ["init"],
      ["patient", "add", "SECRET-1", "--start", "2024-01-15", "--sex", "F", "--birth-year", "1990", "--risk", "rosacea-history"],
      ["patient", "add", "SECRET-2", "--start", "2024-03-01", "--birth-year", "1960"],
      ["record", "SECRET-1", "--onset", "2024-03-04", "--category", "facial-redness", "--scaling", "absent",
       "--sites", "face,neck", "--morphology", "erythema", "--itch", "4", "--reported", "2024-03-06", "--note", Self.note],
      ["case", "update", "1", "--action", "interval-extended", "--treatment", "calcineurin-inhibitor"],
      ["case", "update", "1", "--outcome", "resolved", "--outcome-date", "2024-05-01"],
      ["record", "SECRET-2", "--onset", "2024-03-02", "--category", "injection-site", "--reported", "2024-03-02"],
      ["record", "SECRET-2", "--onset", "2024-03-10", "--category", "psoriasiform", "--reported", "2024-03-11"],
      ["case", "withdraw", "3", "--reason", "wrong patient"],
    ]
    for step in steps {
      let result = h.run(step)
      #expect(result.status == 0, "\(step): \(result.error)")
    }
    return h
  }

  @Test("export --identified, import into a new registry, export again: the same bytes")
  func roundTripThroughCommands() throws {
    let h = try setUp()
    #expect(h.run("export", "patients", "--identified", "--out", "p1.csv").status == 0)
    #expect(h.run("export", "cases", "--identified", "--out", "c1.csv").status == 0)
    h.environment["ADREG_DB"] = h.path("copy.sqlite")
    #expect(h.run("init").status == 0)
    let patients = h.run("import", "patients", "p1.csv")
    #expect(patients.status == 0)
    #expect(patients.output == "Imported p1.csv: 2 rows read; 2 patients added, 0 already in the registry.\n")
    #expect(h.run("import", "cases", "c1.csv").status == 0)
    #expect(h.run("export", "patients", "--identified", "--out", "p2.csv").status == 0)
    #expect(h.run("export", "cases", "--identified", "--out", "c2.csv").status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: h.path("p1.csv"))) == Data(contentsOf: URL(fileURLWithPath: h.path("p2.csv"))))
    #expect(try Data(contentsOf: URL(fileURLWithPath: h.path("c1.csv"))) == Data(contentsOf: URL(fileURLWithPath: h.path("c2.csv"))))
    let again = h.run("import", "cases", "c1.csv")
    #expect(again.output == "Imported c1.csv: 3 rows read; 0 cases added, 3 already in the registry.\n")
  }

  @Test("an export file is readable by its owner only; without --out the same text goes to standard output")
  func exportFile() throws {
    let h = try setUp()
    let written = h.run("export", "cases", "--out", "cases.csv")
    #expect(written.output == "Exported 2 cases to cases.csv, de-identified.\n")
    let attributes = try FileManager.default.attributesOfItem(atPath: h.path("cases.csv"))
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let printed = h.run("export", "cases")
    #expect(printed.status == 0)
    #expect(printed.output == (try String(contentsOfFile: h.path("cases.csv"), encoding: .utf8)))
  }

  @Test("a bad row: exit 65, FILE:LINE: column: problem on standard error, and nothing written")
  func badRowExit65() throws {
    let h = try setUp()
    let before = try h.dump()
    let csv = "code,start_date,birth_year\nN-1,2024-01-01,1980\nN-2,03/04/2024,1980\nN-3,2024-01-01,1850\n"
    try csv.write(toFile: h.path("new.csv"), atomically: true, encoding: .utf8)
    let result = h.run("import", "patients", "new.csv")
    #expect(result.status == 65)
    #expect(result.errorLines == ["Error: 2 invalid rows in new.csv; nothing was imported. Fix the rows, or import the valid ones with --skip-invalid --rejects FILE:"])
    #expect(result.error.contains("\nnew.csv:3: start_date: '03/04/2024' is ambiguous"))
    #expect(result.error.contains("\nnew.csv:4: birth_year: 1850 is implausible"))
    #expect(try h.dump() == before)
  }

  @Test("--skip-invalid --rejects writes the good rows and the bad ones with a reason column")
  func skipInvalidCommand() throws {
    let h = try setUp()
    let csv = "code,start_date\nN-1,2024-01-01\nN-2,2024-02-30\n"
    try csv.write(toFile: h.path("new.csv"), atomically: true, encoding: .utf8)
    let result = h.run("import", "patients", "new.csv", "--skip-invalid", "--rejects", "rejected.csv")
    #expect(result.status == 0)
    #expect(result.output.hasPrefix("Imported new.csv: 2 rows read; 1 patient added, 0 already in the registry, 1 rejected.\n"))
    let rejects = try String(contentsOfFile: h.path("rejected.csv"), encoding: .utf8)
    #expect(rejects.hasPrefix("code,start_date,reason\r\nN-2,2024-02-30,start_date: '2024-02-30' is not a day of the calendar"))
    #expect(h.run("patient", "show", "N-1").status == 0)
  }

  @Test("usage: --skip-invalid needs --rejects; a missing file exits 66; an unknown kind is a usage error")
  func usageAndMissing() throws {
    let h = try setUp()
    try "code,start_date\n".write(toFile: h.path("x.csv"), atomically: true, encoding: .utf8)
    #expect(h.run("import", "patients", "x.csv", "--skip-invalid").status == 64)
    #expect(h.run("import", "patients", "nowhere.csv").status == 66)
    #expect(h.run("import", "injections", "x.csv").status == 64)
    #expect(h.run("export", "patients", "--format", "table").status == 64)
    #expect(h.run("export", "patients", "--out", "registry.sqlite").status == 65)
  }

  @Test("a dry run reports and writes nothing; with an invalid row it fails as the import would")
  func dryRunCommand() throws {
    let h = try setUp()
    let before = try h.dump()
    try "code,start_date,birth_year\nN-1,2024-01-01,\nSECRET-2,2024-03-01,1960\n".write(
      toFile: h.path("new.csv"), atomically: true, encoding: .utf8)
    let result = h.run("import", "patients", "new.csv", "--dry-run")
    #expect(result.output == "Dry run of new.csv, nothing written: 2 rows read; 1 patient would be added, 1 already in the registry, 0 invalid.\n")
    // SECRET-1 is enrolled with sex F and birth year 1990: this row says otherwise.
    try "code,start_date\nN-1,2024-01-01\nSECRET-1,2024-01-15\n".write(toFile: h.path("bad.csv"), atomically: true, encoding: .utf8)
    let failed = h.run("import", "patients", "bad.csv", "--dry-run")
    #expect(failed.status == 65)
    #expect(failed.errorLines.first?.hasPrefix("Error: 1 invalid row in bad.csv; the import would write nothing (dry run).") == true)
    #expect(failed.error.contains("bad.csv:3: code: patient code SECRET-1 is already enrolled in site main with other values (sex: 'F' in the registry, 'unknown' in the file; birth_year: '1990' in the registry, empty in the file; risk_factors: 'rosacea-history' in the registry, empty in the file)"))
    #expect(try h.dump() == before)
  }

  @Test("the de-identified exports hold no code and no calendar date")
  func deidentifiedCommand() throws {
    let h = try setUp()
    for kind in ["patients", "cases"] {
      for format in ["csv", "json"] {
        let result = h.run("export", kind, "--format", format)
        #expect(result.status == 0)
        #expect(!result.output.contains("SECRET"))
        #expect(result.output.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil)
      }
    }
  }

  @Test("Python's csv module reads the exports back with the values entered, and agrees with the JSON Lines export",
    .enabled(if: PythonReader.isAvailable, "python3 is not installed; skipped"))
  func pythonReadsExports() throws {
    let h = try setUp()
    for (kind, identified) in [("patients", true), ("cases", true), ("patients", false), ("cases", false)] {
      let flag = identified ? ["--identified"] : []
      #expect(h.run(["export", kind, "--out", "\(kind)-\(identified).csv"] + flag).status == 0)
      #expect(h.run(["export", kind, "--format", "json", "--out", "\(kind)-\(identified).jsonl"] + flag).status == 0)
      let csv = try PythonReader.csvRows(h.path("\(kind)-\(identified).csv"))
      let json = try PythonReader.jsonLinesAsCSVValues(h.path("\(kind)-\(identified).jsonl"))
      #expect(!csv.isEmpty)
      #expect(csv == json, "\(kind) identified: \(identified)")
    }
    let cases = try PythonReader.csvRows(h.path("cases-true.csv"))
    let facial = try #require(cases.first { $0["category"] == "facial-redness" })
    #expect(facial["description"] == Self.note)
    #expect(facial["body_sites"] == "face;neck")
    #expect(facial["actions"] == "interval-extended")
    #expect(facial["treatments"] == "calcineurin-inhibitor")
    #expect(facial["outcome_date"] == "2024-05-01")
    #expect(cases.first { $0["category"] == "psoriasiform" }?["withdrawn_reason"] == "wrong patient")
    // 2024-01-15 → 2024-03-04: 16 + 29 + 4 = 49 days; to 2024-05-01 another 27 + 30 + 1 = 58, so 107; age 2024 − 1990.
    let research = try PythonReader.csvRows(h.path("cases-false.csv"))
    let facialDays = try #require(research.first { $0["category"] == "facial-redness" })
    #expect(facialDays["days_to_onset"] == "49")
    #expect(facialDays["days_to_report"] == "51")
    #expect(facialDays["days_to_outcome"] == "107")
    let people = try PythonReader.csvRows(h.path("patients-false.csv"))
    #expect(people.first { $0["patient_ref"] == facialDays["patient_ref"] }?["age_at_start"] == "34")
    #expect(research.count == 2)
  }

  @Test("synth writes both files, the same for the same seed, and never replaces a file")
  func synthCommand() throws {
    let h = try Harness()
    let first = h.run("synth", "--patients", "300", "--seed", "7", "--out", "one")
    #expect(first.status == 0, "\(first.error)")
    #expect(first.output.hasPrefix("Wrote 300 patients to one/patients.csv and "))
    #expect(h.run("synth", "--patients", "300", "--seed", "7", "--out", "two").status == 0)
    for name in ["patients.csv", "cases.csv"] {
      #expect(try Data(contentsOf: URL(fileURLWithPath: h.path("one/\(name)"))) == Data(contentsOf: URL(fileURLWithPath: h.path("two/\(name)"))))
    }
    let header = try String(contentsOfFile: h.path("one/patients.csv"), encoding: .utf8).components(separatedBy: "\r\n").first
    #expect(header == "site,code,uuid,sex,birth_year,start_date,stop_date,stop_reason,regimen,interval_days,risk_factors")
    let again = h.run("synth", "--patients", "300", "--out", "one")
    #expect(again.status == 65)
    #expect(again.errorLines.first?.contains("already exists") == true)
    #expect(h.run("init").status == 0)
    #expect(h.run("import", "patients", "one/patients.csv").status == 0)
    #expect(h.run("import", "cases", "one/cases.csv").status == 0)
  }

  @Test("the sample templates in Fixtures import cleanly, and a second import adds nothing")
  func fixtureTemplates() throws {
    let h = try Harness()
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures")
    #expect(h.run("init").status == 0)
    let patients = h.run("import", "patients", fixtures.appendingPathComponent("patients.csv").path)
    #expect(patients.status == 0, "\(patients.error)")
    #expect(patients.output.hasSuffix("4 rows read; 4 patients added, 0 already in the registry.\n"))
    let cases = h.run("import", "cases", fixtures.appendingPathComponent("cases.csv").path)
    #expect(cases.status == 0, "\(cases.error)")
    #expect(cases.output.hasSuffix("4 rows read; 4 cases added, 0 already in the registry.\n"))
    let again = h.run("import", "cases", fixtures.appendingPathComponent("cases.csv").path)
    #expect(again.output.hasSuffix("4 rows read; 0 cases added, 4 already in the registry.\n"))
  }

  @Test("demo builds adreg-demo.sqlite, says what it did, prints the frequency report, and replaces only its own file")
  func demo() throws {
    let h = try Harness()
    let result = h.run("demo")
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.hasPrefix("Built adreg-demo.sqlite in \(h.directory.path): 2000 synthetic patients (seed 1) with "))
    #expect(result.output.contains("facial-redness"))
    // After the frequency table, the trial figures that have weeks, compared with the cumulative incidence at them.
    let comparison = try #require(result.output.range(of: "Like with like: a trial figure counts patients"))
    #expect(try #require(result.output.range(of: "Reaction frequency")).lowerBound < comparison.lowerBound)
    let afterwards = result.output[comparison.upperBound...]
    #expect(afterwards.contains("injection-site    US label, SOLO 1 + S…    16    10%"), "\(afterwards)")
    #expect(!afterwards.contains("SANCTUARY"), "unverified references are not in the like-with-like table")
    #expect(FileManager.default.fileExists(atPath: h.path("adreg-demo.sqlite")))
    let again = h.run("demo")
    #expect(again.status == 0)
    #expect(again.output.contains(", replacing the earlier demo registry: "))
    // The same seed and date give the same demo, so the two reports agree.
    let report = { (text: String) in text.components(separatedBy: "\n").filter { $0.contains("facial-redness") } }
    #expect(report(again.output) == report(result.output))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: h.directory.path).filter { $0.hasPrefix(".adreg-demo") }
    #expect(leftovers.isEmpty)
  }

  @Test("demo refuses to replace an adreg-demo.sqlite it did not make")
  func demoKeepsOtherFiles() throws {
    let h = try Harness()
    try "my notes".write(toFile: h.path("adreg-demo.sqlite"), atomically: true, encoding: .utf8)
    let result = h.run("demo")
    #expect(result.status == 1)
    #expect(result.errorLines.first?.contains("is not a demo registry") == true)
    #expect(try String(contentsOfFile: h.path("adreg-demo.sqlite"), encoding: .utf8) == "my notes")
  }
}
