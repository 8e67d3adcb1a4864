import AdregDatabase
import AdregFormats
import Foundation
import Testing

/// PRODUCT.md §10 "Manifest": every report's JSON and the HTML report say how they were made.
@Suite("manifest in every report")
struct ManifestTests {
  func registry() throws -> Harness {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01", "--risk", "psoriasis-history").status == 0)
    #expect(h.run("patient", "add", "P2", "--start", "2025-02-01").status == 0)
    #expect(h.run("record", "P1", "--onset", "2025-02-01", "--category", "facial-redness").status == 0)
    return h
  }

  /// What the manifest must say about this registry, found without adreg's report code.
  func expected(_ h: Harness) throws -> (version: String, schema: Int, sha: String) {
    let version = h.run(["--version"], global: false).output.trimmingCharacters(in: .whitespacesAndNewlines)
    let db = try Connection(path: h.database, mode: .readOnly)
    let schema = try #require(try db.scalar(Int.self, "SELECT count(*) FROM schema_migration"))
    // The fingerprint of the reference table as a user would take it: sha256sum of this command's output.
    let sha = SHA256.hex(of: h.run("reference", "list", "--format", "csv", "--raw").output)
    return (version, schema, sha)
  }

  @Test("frequency, incidence, onset and risk JSON carry adreg_version, schema_version, references_sha256, parameters")
  func reports() throws {
    let h = try registry()
    let (version, schema, sha) = try expected(h)
    #expect(!version.isEmpty && schema >= 3)
    for words in [["frequency", "--level", "0.9", "--ci", "exact"], ["incidence", "--weeks", "4,8", "--censor", "last-contact"], ["onset", "--to", "2025-05-01"], ["risk", "--site", "main"]] {
      let json = try #require(try h.json(h.run(["report"] + words + ["--format", "json"])) as? [String: Any])
      let manifest = try #require(json["manifest"] as? [String: Any], "\(words)")
      #expect(manifest["adreg_version"] as? String == version)
      #expect(manifest["schema_version"] as? Int == schema)
      #expect(manifest["references_sha256"] as? String == sha)
      #expect(manifest["meddra_version"] == nil, "no mapping, no meddra_version")
      let parameters = try #require(manifest["parameters"] as? [String: Any])
      #expect(parameters["as_of"] as? String == "2025-06-30")
      switch words[0] {
      case "frequency":
        #expect(parameters["level"] as? Double == 0.9 && parameters["ci_method"] as? String == "exact")
      case "incidence":
        #expect(parameters["censor"] as? String == "last-contact" && parameters["weeks"] as? [Int] == [4, 8])
      case "onset":
        #expect((parameters["window"] as? [String: Any])?["to"] as? String == "2025-05-01")
      default:
        #expect(parameters["site"] as? String == "main" && parameters["level"] as? Double == 0.95)
      }
    }
  }

  @Test("a MedDRA mapping table adds its version; the HTML page shows the manifest")
  func meddraAndHTML() throws {
    let h = try registry()
    let (_, _, sha) = try expected(h)
    #expect(h.run("report", "html", "--out", h.path("page.html")).status == 0)
    let page = try String(contentsOfFile: h.path("page.html"), encoding: .utf8)
    let block = try #require(page.firstMatch(of: /<pre id="manifest" class="manifest">([^<]*)<\/pre>/)?.output.1)
    let text = String(block).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    let manifest = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(manifest["references_sha256"] as? String == sha)
    #expect((manifest["parameters"] as? [String: Any])?["censor"] as? String == "as-of")
    // The site's mapping, imported as a site does.
    try "category,meddra_version,llt_code,llt_name,pt_code,pt_name\nfacial-redness,27.1,10015150,Erythema of face,10015150,Erythema\n"
      .write(toFile: h.path("meddra.csv"), atomically: true, encoding: .utf8)
    #expect(h.run("meddra", "import", h.path("meddra.csv")).status == 0)
    let json = try #require(try h.json(h.run("report", "risk", "--format", "json")) as? [String: Any])
    #expect((json["manifest"] as? [String: Any])?["meddra_version"] as? String == "27.1")
  }

  @Test("a pooled report's manifest names the sites and the bundles' schema and references")
  func pooled() throws {
    let h = try registry()
    let (version, schema, sha) = try expected(h)
    #expect(h.run("share", "--out", h.path("main.json")).status == 0)
    let json = try #require(try h.json(h.run("pool", h.path("main.json"), "report", "onset", "--format", "json")) as? [String: Any])
    let manifest = try #require(json["manifest"] as? [String: Any])
    #expect(manifest["adreg_version"] as? String == version && manifest["schema_version"] as? Int == schema)
    #expect(manifest["references_sha256"] as? String == sha)
    #expect((manifest["parameters"] as? [String: Any])?["sites"] as? [String] == ["main"])
  }
}
