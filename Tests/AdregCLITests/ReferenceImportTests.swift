import Foundation
import Testing

/// `reference import` with the columns of schema 3 (events, design, verified), and files written before them.
@Suite("reference import")
struct ReferenceImportTests {
  func harness() throws -> Harness {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    return h
  }

  func reference(_ h: Harness, source: String) throws -> [String: Any] {
    let list = try #require(try h.json(h.run("reference", "list", "--format", "json")) as? [[String: Any]])
    return try #require(list.first { $0["source"] as? String == source })
  }

  @Test("a file without events, design and verified still imports, its rows unverified and without a verdict")
  func oldColumns() throws {
    let h = try harness()
    try """
      source,population,arm,category,percent_low,percent_high,patients,weeks,citation,provenance
      Old file,adults,dupilumab,psoriasiform,2,2,300,16,old,written before schema 3

      """.write(toFile: h.path("old.csv"), atomically: true, encoding: .utf8)
    let result = h.run("reference", "import", h.path("old.csv"))
    #expect(result.status == 0, "\(result.error)")
    let old = try reference(h, source: "Old file")
    #expect(old["verified"] as? Bool == false && old["design"] is NSNull && old["events"] is NSNull)
    #expect(old["patients"] as? Int == 300 && old["weeks"] as? Int == 16)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    let report = try #require(try h.json(h.run("report", "frequency", "--format", "json")) as? [String: Any])
    let row = try #require((report["rows"] as? [[String: Any]])?.first { $0["category"] as? String == "psoriasiform" })
    let compared = try #require((row["references"] as? [[String: Any]])?.first)
    #expect(compared["verdict"] as? String == "unverified-reference")
  }

  @Test("events, design and verified are checked, every bad row named, nothing imported")
  func checked() throws {
    let h = try harness()
    let before = try h.dump()
    try """
      source,population,arm,category,percent_low,percent_high,patients,events,weeks,design,verified,citation,provenance
      A,adults,dupilumab,psoriasiform,2,2,100,120,16,rct,true,c,p
      B,adults,dupilumab,psoriasiform,2,2,100,2,16,trial,true,c,p
      C,adults,dupilumab,psoriasiform,2,2,100,2,16,rct,yes,c,p
      D,adults,dupilumab,psoriasiform,2,2,100,-1,16,rct,true,c,p

      """.write(toFile: h.path("bad.csv"), atomically: true, encoding: .utf8)
    let result = h.run("reference", "import", h.path("bad.csv"))
    #expect(result.status == 65)
    #expect(result.error.contains("bad.csv:2: events: 120 is more than the arm's 100 patients"), "\(result.error)")
    #expect(result.error.contains("bad.csv:3: design: 'trial' is not a study design; use one of rct, ole, cohort, source-article"))
    #expect(result.error.contains("bad.csv:4: verified: 'yes' is not true or false"))
    #expect(result.error.contains("bad.csv:5: events"))
    #expect(try h.dump() == before, "nothing imported")
  }

  @Test("replacing a shipped figure keeps every old value in the audit trail")
  func replaced() throws {
    let h = try harness()
    try """
      source,population,arm,category,percent_low,percent_high,patients,events,weeks,design,verified,citation,provenance
      "Soria et al., JAMA Dermatology 2019","French national network, retrospective",dupilumab,facial-redness,42,42,1000,420,,cohort,true,"Soria A, et al. JAMA Dermatol 2019",a typo entered on purpose

      """.write(toFile: h.path("typo.csv"), atomically: true, encoding: .utf8)
    #expect(h.run("reference", "import", h.path("typo.csv")).status == 0)
    #expect(try reference(h, source: "Soria et al., JAMA Dermatology 2019")["percent_high"] as? Double == 42)
    let audit = try #require(try h.json(h.run("audit", "--format", "json")) as? [[String: Any]])
    let entry = try #require(audit.first { $0["action"] as? String == "reference.import" })
    let changes = try #require(entry["changes"] as? [String])
    let key = "Soria et al., JAMA Dermatology 2019 / dupilumab / facial-redness"
    #expect(changes.contains("\(key): percent_low: 4.2 → 42"), "\(changes)")
    #expect(changes.contains("\(key): percent_high: 4.2 → 42"))
    #expect(changes.contains("\(key): events: 42 → 420"))
    #expect(changes.contains { $0.hasPrefix("\(key): provenance: Soria et al., JAMA Dermatol 2019") && $0.hasSuffix("→ a typo entered on purpose") })
    #expect(!changes.contains { $0.hasPrefix("\(key): design") }, "unchanged fields are not listed")
  }
}
