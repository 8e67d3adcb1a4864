import AdregTestSupport
import Foundation
import Testing

@Suite("E2B files: refusals, versions and nullification")
struct E2BCommandTests {
  func caseUUID(_ h: Harness) throws -> String {
    let json = h.run("case", "show", "1", "--format", "json").output
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    return try #require(object?["uuid"] as? String)
  }

  func auditActions(_ h: Harness) -> String { h.run("audit", "--format", "csv").output }

  @Test("a serious case becomes <uuid>-1.xml, recorded in the audit trail with the file's SHA-256")
  func writesAndRecords() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h)
    let result = h.run("e2b", "1", "--out", h.path("out"))
    #expect(result.status == 0, "\(result.error)")
    let uuid = try caseUUID(h)
    #expect(E2BFixture.files(in: h.path("out")) == ["\(uuid)-1.xml"])
    let data = try Data(contentsOf: URL(fileURLWithPath: h.path("out/\(uuid)-1.xml")))
    let sha256sum = try #require(Subprocess.tool("sha256sum"), "sha256sum is the oracle of the recorded digest")
    let digest = try Subprocess.run(sha256sum, [h.path("out/\(uuid)-1.xml")]).output.prefix(64)
    #expect(digest.count == 64)
    #expect(result.output.contains(String(digest)))
    let audit = auditActions(h)
    #expect(audit.contains("e2b.report"))
    #expect(audit.contains("sha256: ∅ → \(digest)"))
    #expect(String(decoding: data, as: UTF8.self).contains("P-7731") == false, "the patient code never leaves the registry")
    #expect(String(decoding: data, as: UTF8.self).contains("<name nullFlavor=\"MSK\"/>"))
  }

  @Test("files are well-formed for xmllint, and ElementTree reads the hostile note back exactly",
        .enabled(if: E2BFixture.xmllint != nil && E2BFixture.pythonAvailable, "xmllint or python3 is not installed"))
  func wellFormedWithHostileText() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h)
    let long = "\tindented\nsecond line " + String(repeating: "ab<&>", count: 2_000)  // over 10,000 characters
    #expect(h.run("case", "update", "1", "--note", long).status == 0)
    #expect(h.run("e2b", "1", "--out", h.path("out")).status == 0)
    let file = h.path("out/" + E2BFixture.files(in: h.path("out"))[0])
    let lint = try Subprocess.run(try #require(E2BFixture.xmllint), ["--noout", file])
    #expect(lint.status == 0, "\(lint.error)")
    let values = try E2BFixture.values(of: file, ["E.i.1.1a", "H.1"])
    #expect(values["E.i.1.1a"] == ["facial-redness: " + E2BFixture.note])
    let narrative = try #require(values["H.1"]?.first)
    #expect(narrative.contains("Description: " + E2BFixture.note))
    #expect(narrative.contains("note: " + long))
  }

  @Test("E.i.1.1a is cut to 250 characters")
  func reactionTextCut() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h)
    #expect(h.run("record", "P-7731", "--onset", "2025-04-01", "--category", "facial-redness", "--serious", "death",
                  "--note", String(repeating: "x", count: 400)).status == 0)
    #expect(h.run("e2b", "2", "--out", h.path("out")).status == 0)
    let file = h.path("out/" + E2BFixture.files(in: h.path("out"))[0])
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let expected = "facial-redness: " + String(repeating: "x", count: 250 - 16)
    #expect(text.contains("<originalText>\(expected)</originalText>"))
  }

  @Test("refused with 65 and nothing written: settings missing (naming settings set), category without MedDRA mapping")
  func refusedData() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h, settings: false)
    var result = h.run("e2b", "1", "--out", h.path("out"))
    #expect(result.status == 65)
    #expect(result.error.contains("adreg settings set organisation VALUE"), "\(result.error)")
    #expect(result.error.contains("e2b.receiver"))
    #expect(h.run("settings", "set", "organisation", "Klinik").status == 0)
    #expect(h.run("settings", "set", "country", "DE").status == 0)
    #expect(h.run("settings", "set", "e2b.sender", "S").status == 0)
    result = h.run("e2b", "1", "--out", h.path("out"))
    #expect(result.status == 65)
    #expect(result.error.contains("not set: e2b.receiver"), "\(result.error)")
    #expect(h.run("settings", "set", "e2b.receiver", "R").status == 0)
    #expect(h.run("record", "P-7731", "--onset", "2025-04-01", "--category", "conjunctivitis", "--serious", "disability").status == 0)
    result = h.run("e2b", "1", "2", "--out", h.path("out"))
    #expect(result.status == 65)
    #expect(result.error.contains("category 'conjunctivitis' of case 2 has no MedDRA mapping"), "\(result.error)")
    #expect(result.error.contains("adreg meddra import FILE.csv"))
    #expect(E2BFixture.files(in: h.path("out")).isEmpty, "case 1 was fine, but nothing is written when one is refused")
    #expect(!auditActions(h).contains(",e2b.report,"))
  }

  @Test("refused with nothing written: a missing --out folder (1), an existing file without --force (65)")
  func refusedFiles() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h)
    var result = h.run("e2b", "1", "--out", h.path("missing"))
    #expect(result.status == 1)
    #expect(result.error.contains("the folder \(h.path("missing")) does not exist"), "\(result.error)")
    #expect(!FileManager.default.fileExists(atPath: h.path("missing")))
    let uuid = try caseUUID(h)
    try "keep me".write(toFile: h.path("out/\(uuid)-1.xml"), atomically: true, encoding: .utf8)
    result = h.run("e2b", "1", "--out", h.path("out"))
    #expect(result.status == 65, "\(result.error)")
    #expect(try String(contentsOfFile: h.path("out/\(uuid)-1.xml"), encoding: .utf8) == "keep me")
    #expect(!auditActions(h).contains(",e2b.report,"), "a refused file is not recorded as sent")
    result = h.run("e2b", "1", "--out", h.path("out"), "--force")
    #expect(result.status == 0, "\(result.error)")
    #expect(try String(contentsOfFile: h.path("out/\(uuid)-1.xml"), encoding: .utf8).hasPrefix("<?xml"))
  }

  @Test("a case sent again is version 2 with the same C.1.1 and newer C.1.5; --serious sends only what changed")
  func versions() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h)
    #expect(h.run("record", "P-7731", "--onset", "2025-04-01", "--category", "facial-redness").status == 0)
    #expect(h.run("e2b", "--serious", "--out", h.path("out")).status == 0)
    let uuid = try caseUUID(h)
    #expect(E2BFixture.files(in: h.path("out")) == ["\(uuid)-1.xml"], "case 2 is not serious")
    var result = h.run("e2b", "--serious", "--out", h.path("out"))
    #expect(result.status == 0)
    #expect(result.output.contains("No serious case to send"))
    h.now = Date(timeIntervalSince1970: 1_751_371_200)  // 2025-07-01T12:00:00Z
    h.asOf = "2025-07-01"
    #expect(h.run("case", "update", "1", "--note", "seen again").status == 0)
    result = h.run("e2b", "--serious", "--out", h.path("out"))
    #expect(result.status == 0, "\(result.error)")
    #expect(E2BFixture.files(in: h.path("out")) == ["\(uuid)-1.xml", "\(uuid)-2.xml"])
    guard E2BFixture.pythonAvailable else { return }
    let first = try E2BFixture.values(of: h.path("out/\(uuid)-1.xml"), ["C.1.1", "C.1.5", "N.2.r.1", "N.1.5"])
    let second = try E2BFixture.values(of: h.path("out/\(uuid)-2.xml"), ["C.1.1", "C.1.5", "N.2.r.1", "N.1.5"])
    #expect(first["C.1.1"] == second["C.1.1"])
    #expect(first["C.1.5"] == ["20250630"])
    #expect(second["C.1.5"] == ["20250701"])
    #expect(second["N.2.r.1"] == ["\(uuid)-2"])
    #expect(second["N.1.5"] == ["20250701120000+0000"])
  }

  @Test("a withdrawn case is refused unless it was sent: then --nullify writes C.1.11.1 = 1 with the reason")
  func nullification() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h)
    #expect(h.run("record", "P-7731", "--onset", "2025-04-01", "--category", "facial-redness", "--serious", "death").status == 0)
    #expect(h.run("e2b", "1", "--out", h.path("out")).status == 0)
    #expect(h.run("case", "withdraw", "1", "--reason", "entered twice").status == 0)
    #expect(h.run("case", "withdraw", "2", "--reason", "wrong patient").status == 0)
    var result = h.run("e2b", "1", "--out", h.path("out"))
    #expect(result.status == 65)
    #expect(result.error.contains("--nullify"), "\(result.error)")
    result = h.run("e2b", "2", "--nullify", "--reason", "wrong patient", "--out", h.path("out"))
    #expect(result.status == 65)
    #expect(result.error.contains("never sent"), "\(result.error)")
    result = h.run("e2b", "1", "--nullify", "--out", h.path("out"))
    #expect(result.status == 64, "--nullify needs --reason")
    result = h.run("e2b", "1", "--nullify", "--reason", "duplicate of another report", "--out", h.path("out"))
    #expect(result.status == 0, "\(result.error)")
    let uuid = try caseUUID(h)
    #expect(E2BFixture.files(in: h.path("out")) == ["\(uuid)-1.xml", "\(uuid)-2.xml"])
    #expect(auditActions(h).contains("e2b.nullification"))
    guard E2BFixture.pythonAvailable else { return }
    let values = try E2BFixture.values(of: h.path("out/\(uuid)-2.xml"), ["C.1.11.1", "C.1.11.2", "C.1.1"])
    #expect(values["C.1.11.1"] == ["1"])
    #expect(values["C.1.11.2"] == ["duplicate of another report"])
    #expect(values["C.1.1"] == ["DE-\(E2BFixture.organisation)-\(uuid)"])
  }
}

@Suite("E2B command line")
struct E2BUsageTests {
  @Test("ids or --serious, --nullify with --reason: anything else is a usage error (64)", arguments: [
    (["e2b", "--out", "."], "Give case ids, or --serious"), (["e2b", "1", "--serious", "--out", "."], "not both"),
    (["e2b", "1", "--reason", "x", "--out", "."], "--reason goes with --nullify"),
    (["e2b", "--serious", "--nullify", "--reason", "x", "--out", "."], "--nullify takes case ids"),
    (["e2b", "1"], "--out"),
  ])
  func usage(words: [String], message: String) throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let result = h.run(words)
    #expect(result.status == 64)
    #expect(result.error.contains(message), "\(result.error)")
  }

  @Test("several ids write one file each, in one run")
  func severalIDs() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h)
    #expect(h.run("record", "P-7731", "--onset", "2025-04-01", "--category", "facial-redness", "--serious", "death").status == 0)
    let result = h.run("e2b", "1", "2", "1", "--out", h.path("out"))
    #expect(result.status == 0, "\(result.error)")
    #expect(E2BFixture.files(in: h.path("out")).count == 2, "a repeated id is sent once")
  }
}
