import AdregDatabase
import AdregTestSupport
import Foundation
import Testing

/// `frictionless validate` and pandas, the tools researchers use, when installed (`.ci/run` installs both).
enum ResearchTools {
  static let available: Bool = {
    (try? Python.run("import frictionless, pandas"))?.status == 0
  }()

  /// Validates the package with frictionless (types, required, enum, pattern, primary and foreign keys), then reads
  /// every file with pandas using the types the schema declares, and joins every foreign key.
  /// - Returns: rows per file and, per file with a foreign key, the rows the inner join kept.
  static func read(_ folder: String) throws -> (rows: [String: Int], joined: [String: Int]) {
    let script = """
      import json, sys
      import frictionless, pandas as pd
      folder = sys.argv[1]
      report = frictionless.validate(folder + "/datapackage.json")
      if not report.valid:
          print(json.dumps(report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])), file=sys.stderr)
          sys.exit(1)
      package = json.load(open(folder + "/datapackage.json", encoding="utf-8"))
      frames, rows, joined = {}, {}, {}
      for resource in package["resources"]:
          fields = resource["schema"]["fields"]
          kinds = {f["name"]: f["type"] for f in fields}
          dtype = {n: ("Int64" if t == "integer" else "float64" if t == "number" else "string") for n, t in kinds.items()}
          frame = pd.read_csv(folder + "/" + resource["path"], dtype=dtype, keep_default_na=False, na_values=[""])
          assert list(frame.columns) == [f["name"] for f in fields], resource["name"]
          for name, kind in kinds.items():
              if kind == "date":
                  frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d", errors="raise")
              elif kind == "datetime":
                  frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%dT%H:%M:%S.%fZ", errors="raise", utc=True)
              elif kind == "boolean":
                  mapped = frame[name].map({"true": True, "false": False})
                  assert mapped.notna().all(), name
          for field in fields:
              if field.get("constraints", {}).get("required"):
                  assert frame[field["name"]].notna().all(), (resource["name"], field["name"])
          frames[resource["name"]] = frame
          rows[resource["name"]] = len(frame)
      for resource in package["resources"]:
          for key in resource["schema"].get("foreignKeys", []):
              parent = frames[key["reference"]["resource"]][key["reference"]["fields"]].drop_duplicates()
              child = frames[resource["name"]]
              joined[resource["name"]] = len(child.merge(
                  parent, left_on=key["fields"], right_on=key["reference"]["fields"], how="inner"))
      print(json.dumps({"rows": rows, "joined": joined}))
      """
    let result = try Python.run(script, arguments: [folder])
    #expect(result.status == 0, "frictionless or pandas refused \(folder): \(result.error)")
    let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: [String: Int]]
    return (object?["rows"] ?? [:], object?["joined"] ?? [:])
  }
}

@Suite("research package: frictionless, pandas, de-identification, codebook")
struct ResearchPackageTests {
  /// The registry's own counts, by SQL on the file: what every file and every join must hold.
  func registryCounts(_ h: Harness, identified: Bool) throws -> [String: Int] {
    let db = try Connection(path: h.database, mode: .readOnly)
    let standing = identified ? "" : " WHERE NOT EXISTS (SELECT 1 FROM case_withdrawal w WHERE w.case_id = x.case_id)"
    func count(_ sql: String) throws -> Int { try db.scalar(Int.self, sql) ?? -1 }
    return [
      "patients": try count("SELECT count(*) FROM patient"), "doses": try count("SELECT count(*) FROM dose"),
      "visits": try count("SELECT count(*) FROM visit"),
      "cases": try count(
        "SELECT count(*) FROM case_report x" + (identified ? "" : " WHERE NOT EXISTS (SELECT 1 FROM case_withdrawal w WHERE w.case_id = x.id)")),
      "followups": try count("SELECT count(*) FROM follow_up x" + standing),
      "assessments": try count("SELECT count(*) FROM assessment_answer x" + standing)
        + count("SELECT count(*) FROM who_umc_assessment x" + standing),
      "references": try count("SELECT count(*) FROM trial_reference"),
    ]
  }

  @Test(
    "frictionless validates both packages; pandas reads every file with the declared types, and every reference joins",
    .enabled(if: ResearchTools.available, "frictionless and pandas are not installed (pip install frictionless pandas)"))
  func frictionlessAndPandas() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    for identified in [true, false] {
      let folder = identified ? "identified" : "research"
      #expect(h.run(["export", "--out", folder] + (identified ? ["--identified"] : [])).status == 0)
      let (rows, joined) = try ResearchTools.read(h.path(folder))
      let expected = try registryCounts(h, identified: identified)
      #expect(rows == expected, "\(folder)")
      // Every child row finds its parent: doses and visits their patient, cases their patient, follow-ups and
      // answers their case.
      for file in ["doses", "visits", "cases", "followups", "assessments"] {
        #expect(joined[file] == expected[file], "\(folder): \(file)")
      }
    }
  }

  @Test("the de-identified package holds no code, calendar date, birth year, user or free text")
  func deidentified() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    #expect(h.run("export", "--out", "research").status == 0)
    for name in PackageTests.files {
      let text = try String(contentsOfFile: h.path("research/\(name)"), encoding: .utf8)
      #expect(!text.contains("SECRET"), "\(name)")
      #expect(!text.contains("DROP TABLE") && !text.contains("😀") && !text.contains("REGIMEN-MARK"), "\(name)")
      #expect(!text.contains("nurse.ana"), "\(name)")
      #expect(!text.contains("1937") && !text.contains("1941"), "\(name)")
      if name != "datapackage.json" {
        #expect(text.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil, "\(name)")
      }
    }
    // SECRET-1 was born 1937 and started 2024: 87 at start. Case 1 began on day 16 (2024-01-26 − 2024-01-10),
    // 2 days after the dose of 2024-01-24; it resolved on day 51 (2024-03-01).
    let cases = try String(contentsOfFile: h.path("research/cases.csv"), encoding: .utf8)
    let patients = try String(contentsOfFile: h.path("research/patients.csv"), encoding: .utf8)
    let first = try #require(patients.components(separatedBy: "\r\n").first { $0.contains(",87,") })
    let ref = String(first.prefix(6))
    #expect(cases.contains("\(ref),C-"))
    #expect(cases.contains(",other,16,19,2,"))
    // …and is not serious: the last column, seriousness, is empty.
    #expect(cases.contains(",resolved,51,\r\n"))
  }

  @Test("the codebook lists every column of every file written, identified and de-identified, with codes and meanings")
  func codebook() throws {
    let h = try Harness()
    try HostileRegistry.build(h)
    #expect(h.run("export", "--out", "identified", "--identified").status == 0)
    #expect(h.run("export", "--out", "research").status == 0)
    let csv = h.run("export", "dictionary")
    #expect(csv.status == 0)
    try csv.output.write(toFile: h.path("dictionary.csv"), atomically: true, encoding: .utf8)
    try "".write(toFile: h.path("empty"), atomically: true, encoding: .utf8)
    // Python's csv module reads the codebook and every header, independently of adreg.
    let script = """
      import csv, json, sys, os
      entries = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
      listed = {(e["table"], e["column"], e["export"]) for e in entries}
      written = set()
      for folder, export in ((sys.argv[2], "identified"), (sys.argv[3], "de-identified")):
          for name in sorted(os.listdir(folder)):
              if not name.endswith(".csv"): continue
              header = next(csv.reader(open(os.path.join(folder, name), newline="", encoding="utf-8")))
              for column in header:
                  written.add((name[:-4], column, export))
      missing = [w for w in written if (w[0], w[1], w[2]) not in listed and (w[0], w[1], "both") not in listed]
      covered = {(t, c, x) for (t, c, x) in written}
      extra = [e for e in listed if e[2] != "both" and e not in covered
               or e[2] == "both" and ((e[0], e[1], "identified") not in covered or (e[0], e[1], "de-identified") not in covered)]
      print(json.dumps({"missing": sorted(missing), "extra": sorted(extra), "entries": len(entries)}))
      """
    let result = try Python.run(script, arguments: [h.path("dictionary.csv"), h.path("identified"), h.path("research")])
    #expect(result.status == 0, "\(result.error)")
    let report = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    #expect((report?["missing"] as? [Any])?.isEmpty == true, "\(result.output)")
    #expect((report?["extra"] as? [Any])?.isEmpty == true, "\(result.output)")
    // Codes with their meanings, as the registry seeds them.
    #expect(csv.output.contains("dupilumab facial redness"))
    let json = h.run("export", "dictionary", "--format", "json")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
    let category = try #require(rows.first { $0["table"] as? String == "cases" && $0["column"] as? String == "category" })
    let codes = try #require(category["codes"] as? [[String: String]])
    let vocabulary = try #require(
      try JSONSerialization.jsonObject(with: Data(h.run("vocabulary", "category", "--format", "json").output.utf8))
        as? [[String: String]])
    #expect(codes.map { [$0["code"] ?? "", $0["meaning"] ?? ""] } == vocabulary.map { [$0["code"] ?? "", $0["meaning"] ?? ""] })
    let days = try #require(rows.first { $0["table"] as? String == "cases" && $0["column"] as? String == "days_to_onset" })
    #expect(days["unit"] as? String == "days")
    #expect((days["derivation"] as? String)?.contains("onset_date minus the patient's start_date") == true)
  }
}
