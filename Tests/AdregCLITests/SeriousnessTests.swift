import AdregCore
import Foundation
import Testing

@Suite("Seriousness of a case")
struct SeriousnessTests {
  func registry() throws -> Harness {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-10").status == 0)
    return h
  }

  func seriousness(_ h: Harness, _ id: String) throws -> [String] {
    let object = try h.json(h.run("case", "show", id, "--format", "json")) as? [String: Any]
    return try #require(object?["seriousness"] as? [String])
  }

  @Test("record --serious stores the criteria, shown by case show in E.i.3.2 order, in the table and JSON")
  func recordSerious() throws {
    let h = try registry()
    let result = h.run("record", "P1", "--onset", "2025-03-03", "--category", "facial-redness",
                       "--serious", "medically-important,hospitalisation")
    #expect(result.status == 0, "\(result.error)")
    #expect(try seriousness(h, "1") == ["hospitalisation", "medically-important"])
    #expect(h.run("case", "show", "1").output.contains("  serious: hospitalisation, medically-important\n"))
    #expect(h.run("record", "P1", "--onset", "2025-03-04", "--category", "facial-redness").status == 0)
    #expect(try seriousness(h, "2") == [])
    #expect(h.run("case", "show", "2").output.contains("  serious: no\n"))
  }

  @Test("an unknown criterion is refused (65) with the closest code, and nothing is recorded")
  func unknownCode() throws {
    let h = try registry()
    let before = try h.dump()
    let result = h.run("record", "P1", "--onset", "2025-03-03", "--category", "facial-redness", "--serious", "hospitalization")
    #expect(result.status == 65)
    #expect(result.error.contains("unknown seriousness 'hospitalization'; did you mean 'hospitalisation'?"), "\(result.error)")
    #expect(try h.dump() == before)
  }

  @Test("case update --serious adds criteria, audited, without a follow-up; a criterion already there is refused")
  func followUpAdds() throws {
    let h = try registry()
    #expect(h.run("record", "P1", "--onset", "2025-03-03", "--category", "facial-redness", "--serious", "hospitalisation").status == 0)
    var result = h.run("case", "update", "1", "--serious", "death")
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output == "Case 1 is serious: death, hospitalisation.\n")
    #expect(try seriousness(h, "1") == ["death", "hospitalisation"])
    let object = try h.json(h.run("case", "show", "1", "--format", "json")) as? [String: Any]
    #expect((object?["follow_ups"] as? [Any])?.isEmpty == true, "adding a criterion is not a follow-up")
    let audit = h.run("audit", "--case", "1", "--format", "csv").output
    #expect(audit.contains("case.serious"))
    #expect(audit.contains("serious: hospitalisation → death,hospitalisation"), "\(audit)")
    let before = try h.dump()
    result = h.run("case", "update", "1", "--serious", "hospitalisation")
    #expect(result.status == 65)
    #expect(result.error.contains("already has every criterion given"))
    #expect(try h.dump() == before)
    result = h.run("case", "update", "1", "--serious", "disability", "--outcome", "improving")
    #expect(result.status == 0)
    #expect(result.output.contains("Follow-up 1 added to case 1."))
    #expect(try seriousness(h, "1") == ["death", "hospitalisation", "disability"])
  }

  @Test("case list --serious lists only serious cases; the research export carries the criteria as a column")
  func listAndExport() throws {
    let h = try registry()
    #expect(h.run("record", "P1", "--onset", "2025-03-03", "--category", "facial-redness").status == 0)
    #expect(h.run("record", "P1", "--onset", "2025-03-05", "--category", "conjunctivitis", "--serious", "disability,death").status == 0)
    let listed = try h.json(h.run("case", "list", "--serious", "--format", "json")) as? [[String: Any]]
    #expect(listed?.map { $0["id"] as? Int } == [2])
    #expect((try h.json(h.run("case", "list", "--format", "json")) as? [Any])?.count == 2)
    let exported = h.run("export", "cases")
    #expect(exported.status == 0, "\(exported.error)")
    let export = exported.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(export.first?.hasSuffix(",seriousness") == true, "\(export)")
    #expect(export.dropFirst().map { $0.hasSuffix(",") } == [true, false])
    #expect(export.last?.hasSuffix(",death;disability") == true, "\(export)")
  }

  @Test("help lists the codes, and adreg vocabulary lists them with their meanings")
  func vocabulary() throws {
    let h = try registry()
    let help = h.run("record", "--help").output.replacingOccurrences(of: #"\n\s+"#, with: " ", options: .regularExpression)
    #expect(help.contains("(values: death, life-threatening, hospitalisation, disability, congenital-anomaly, medically-important)"), "\(help)")
    let rows = try h.json(h.run("vocabulary", "seriousness", "--format", "json")) as? [[String: Any]] ?? []
    #expect(rows.map { $0["code"] as? String ?? "" } == Vocabulary.seriousness.codes)
    #expect(rows.first?["meaning"] as? String == "results in death (E.i.3.2a)")
  }
}
