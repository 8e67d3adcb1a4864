import Foundation
import Testing

@Suite("a --site or --patient that names nothing: the command runs, with a warning")
struct NameWarningTests {
  static let sitesWarning = "Warning: no patient in site 'nowhere'; the registry's sites are main, south.\n"

  /// Two sites, a case in each.
  func setUp() throws -> Harness {
    let h = try Harness()
    for words in [
      ["init"], ["patient", "add", "P-01", "--start", "2025-01-01"],
      ["patient", "add", "S-01", "--site", "south", "--start", "2025-01-01"],
      ["record", "P-01", "--onset", "2025-02-01", "--category", "facial-redness"],
      ["record", "S-01", "--site", "south", "--onset", "2025-02-03", "--category", "conjunctivitis"],
    ] {
      let result = h.run(words)
      #expect(result.status == 0, "\(words): \(result.error)")
    }
    return h
  }

  @Test("reports and listings with an unknown --site exit 0, run, and name the registry's sites", arguments: [
    ["report", "frequency"], ["report", "incidence"], ["report", "onset"], ["report", "risk"], ["patient", "list"],
    ["case", "list"], ["audit"], ["report", "html", "--out", "page.html"],
  ])
  func unknownSite(words: [String]) throws {
    let h = try setUp()
    let result = h.run(words + ["--site", "nowhere"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.error == Self.sitesWarning)
    if words.contains("html") {
      #expect(FileManager.default.fileExists(atPath: h.path("page.html")))
    } else {
      #expect(!result.output.isEmpty, "the listing or report is still printed")
    }
  }

  @Test("the warning goes to standard error only: JSON output stays parseable")
  func jsonStaysClean() throws {
    let h = try setUp()
    let result = h.run("case", "list", "--site", "nowhere", "--format", "json")
    #expect(result.error == Self.sitesWarning)
    #expect((try h.json(result) as? [Any])?.isEmpty == true)
  }

  @Test("a mistyped --patient on case list and audit exits 0 with an empty listing and the closest code")
  func unknownPatient() throws {
    let h = try setUp()
    let cases = h.run("case", "list", "--patient", "P-0x", "--format", "json")
    #expect(cases.status == 0)
    #expect(cases.error == "Warning: no patient 'P-0x'; did you mean 'P-01'?\n")
    #expect((try h.json(cases) as? [Any])?.isEmpty == true)
    let audit = h.run("audit", "--patient", "S-O1", "--site", "south", "--format", "json")
    #expect(audit.status == 0)
    #expect(audit.error == "Warning: no patient 'S-O1' in site 'south'; did you mean 'S-01'?\n")
    #expect((try h.json(audit) as? [Any])?.isEmpty == true)
  }

  @Test("a --patient close to nothing says where the codes are")
  func unknownPatientNoSuggestion() throws {
    let h = try setUp()
    let result = h.run("case", "list", "--patient", "ZZZZZZZZ")
    #expect(result.status == 0)
    #expect(result.error == "Warning: no patient 'ZZZZZZZZ'; 'adreg patient list' shows the codes.\n")
  }

  @Test("an unknown --site with --patient names the sites only")
  func siteBeforePatient() throws {
    let h = try setUp()
    let result = h.run("case", "list", "--patient", "P-01", "--site", "nowhere")
    #expect(result.status == 0)
    #expect(result.error == Self.sitesWarning)
  }

  @Test("names that exist give no warning, and commands that write to a new site are not warned")
  func noWarning() throws {
    let h = try setUp()
    for words in [
      ["report", "frequency", "--site", "south"], ["patient", "list", "--site", "main"],
      ["case", "list", "--patient", "S-01", "--site", "south"], ["audit", "--patient", "P-01"],
      ["patient", "add", "N-01", "--site", "north", "--start", "2025-01-01"],
    ] {
      let result = h.run(words)
      #expect(result.status == 0)
      #expect(result.error.isEmpty, "\(words): \(result.error)")
    }
  }

  @Test("a registry with one site, or none, says so")
  func fewSites() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "list", "--site", "nowhere").error
      == "Warning: no patient in site 'nowhere'; the registry has no patients yet.\n")
    #expect(h.run("patient", "add", "P-01", "--start", "2025-01-01").status == 0)
    #expect(h.run("report", "risk", "--site", "nowhere").error
      == "Warning: no patient in site 'nowhere'; the registry's only site is main.\n")
  }

  @Test("a name with control characters is shown escaped")
  func escaped() throws {
    let h = try setUp()
    let result = h.run("case", "list", "--site", "x\u{1B}[2J")
    #expect(result.status == 0)
    #expect(!result.error.contains("\u{1B}"))
    #expect(result.error.hasPrefix("Warning: no patient in site 'x"))
  }
}
