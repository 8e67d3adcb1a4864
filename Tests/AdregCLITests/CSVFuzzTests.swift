import AdregDatabase
import Foundation
import Testing

/// Seeded mutations of valid import rows: never a crash; a refused import exits 65 with `Error:` and
/// `FILE:LINE` lines, and the registry does not change.
@Suite("Fuzzing CSV imports")
struct CSVFuzzTests {
  static let patients = [
    "site,code,uuid,sex,birth_year,start_date,stop_date,stop_reason,regimen,interval_days,risk_factors",
    "main,F-1,,F,1980,2025-01-01,,,300 mg every 2 weeks,14,psoriasis-history",
    "main,F-2,,M,1975,2025-02-01,2025-05-01,\"moved, far\",300 mg every 2 weeks,14,",
  ]
  static let cases = [
    "uuid,site,patient_code,category,onset_date,reported_date,source,scaling,morphology,body_sites,severity,itch,description,actions,treatments,dechallenge,rechallenge,outcome,outcome_date,biopsy,withdrawn_reason",
    ",main,P1,facial-redness,2025-02-01,2025-02-02,patient,absent,erythema,face;neck,mild,3,\"red, \"\"hot\"\"\",interval-extended,moisturizer,improved,,resolved,2025-03-01,,",
    ",main,P1,injection-site,2025-02-03,2025-02-03,clinician,unknown,,injection-site,,,,,,,,,,,",
  ]
  static let oddBits = [
    "", ",", "\"", "\"\"", "\n", "\r\n", "\r", "2025-02-30", "03/04/2025", "-1", "11", "99999999999999999999", "nan",
    "facial-rednes", "face;;neck", "'; DROP TABLE patient; --", "🧴", "\u{0}", "\u{7}", "é", "P404", "other",
    String(repeating: "x", count: 3000), "resolved", "2030-01-01", ";", "a,b", "\u{FEFF}",
  ]

  static func mutate(_ lines: [String], _ g: inout ArgumentFuzzTests.Generator) -> String {
    var lines = lines
    for _ in 0...g.below(2) {
      let i = g.below(lines.count)
      var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      switch g.below(6) {
      case 0: fields[g.below(fields.count)] = g.pick(oddBits)
      case 1: fields.remove(at: g.below(fields.count))
      case 2: fields.insert(g.pick(oddBits), at: g.below(fields.count + 1))
      case 3: lines.append(lines[g.below(lines.count)])
      case 4:
        var bytes = Array(lines[i].utf8)
        if !bytes.isEmpty { bytes[g.below(bytes.count)] = g.pick(Array("\",\n;x9-\u{1}".utf8)) }
        lines[i] = String(decoding: bytes, as: UTF8.self)
        continue
      default: lines.swapAt(i, g.below(lines.count))
      }
      lines[i] = fields.joined(separator: ",")
    }
    return lines.joined(separator: g.below(2) == 0 ? "\n" : "\r\n")
  }

  @Test("2,000 mutated files: no crash, clear refusals, an unchanged registry when refused")
  func fuzz() throws {
    let h = try Harness()
    for step in [["init"], ["patient", "add", "P1", "--start", "2025-01-01"]] { #expect(h.run(step).status == 0) }
    let db = try Connection(path: h.database, mode: .readOnly)
    var g = ArgumentFuzzTests.Generator(state: 4_242)
    var outcomes: [Int32: Int] = [:]
    for round in 0..<2_000 {
      let kind = g.below(2) == 0 ? "patients" : "cases"
      let text = Self.mutate(kind == "patients" ? Self.patients : Self.cases, &g)
      let file = h.path("fuzz.csv")
      try Data(text.utf8).write(to: URL(fileURLWithPath: file))
      let before = try ArgumentFuzzTests.fingerprint(db)
      let result = h.run("import", kind, file)
      outcomes[result.status, default: 0] += 1
      #expect([0, 65].contains(result.status), "round \(round): \(result.status) \(result.error)\n\(text)")
      if result.status == 65 {
        #expect(result.error.hasPrefix("Error: "), "round \(round): \(result.error)")
        #expect(try ArgumentFuzzTests.fingerprint(db) == before, "round \(round) was refused but changed the registry")
      }
    }
    #expect(outcomes[65, default: 0] > 500 && outcomes[0, default: 0] > 100, "\(outcomes)")
    #expect(h.run("check").status == 0)
  }
}
