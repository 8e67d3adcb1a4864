import AdregFormats
import Foundation
import Testing

/// `share`: what a bundle holds and what it must never hold (PRODUCT.md §11).
@Suite("share: a bundle of aggregates, nothing identifying")
struct ShareBundleTests {
  /// A synth registry with a hand-entered patient and a case with a note.
  static func registry() throws -> (Harness, folder: String) {
    let h = try Harness()
    let folder = h.path("synth")
    #expect(h.run("synth", "--patients", "300", "--seed", "5", "--out", folder).status == 0)
    #expect(h.run("init").status == 0)
    #expect(h.run("import", "patients", "\(folder)/patients.csv").status == 0)
    #expect(h.run("import", "cases", "\(folder)/cases.csv").status == 0)
    #expect(h.run("patient", "add", "ZQ-CODE-4711", "--start", "2024-01-15", "--site", "north").status == 0)
    let recorded = h.run(
      "record", "ZQ-CODE-4711", "--onset", "2024-03-02", "--category", "facial-redness", "--site", "north",
      "--note", "Burning after sauna, a private remark")
    #expect(recorded.status == 0, "\(recorded.error)")
    return (h, folder)
  }

  /// Every value of a CSV column.
  static func column(_ name: String, of path: String) throws -> [String] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let index = try #require(header.firstIndex(of: name))
    return lines.dropFirst().compactMap {
      let cells = $0.split(separator: ",", omittingEmptySubsequences: false)
      return cells.count > index ? String(cells[index]) : nil
    }
  }

  /// The bundle without its trial references (published figures, not the registry's data).
  static func withoutReferences(_ path: String) throws -> (text: String, json: [String: Any]) {
    var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    json["references"] = nil
    let text = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
    return (text, json)
  }

  @Test("no patient code, uuid, calendar date other than as-of, or free text is in a bundle")
  func privacy() throws {
    let (h, folder) = try Self.registry()
    let result = h.run("share", "--out", h.path("bundle.json"))
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("3 sites"))
    let (text, json) = try Self.withoutReferences(h.path("bundle.json"))
    let codes = try Self.column("code", of: "\(folder)/patients.csv") + ["ZQ-CODE-4711"]
    let uuids = try Self.column("uuid", of: "\(folder)/patients.csv") + (try Self.column("uuid", of: "\(folder)/cases.csv"))
    #expect(codes.count > 300 && uuids.count > 300)
    for value in codes + uuids { #expect(!text.contains(value), "\(value) is in the bundle") }
    for word in ["sauna", "private remark", "Burning"] { #expect(!text.contains(word)) }
    for description in try Self.column("description", of: "\(folder)/cases.csv") where description.count > 3 {
      #expect(!text.contains(description))
    }
    let dates = text.matches(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/).map { String($0.output) }
    #expect(Set(dates) == ["2025-06-30"])
    #expect(json["as_of"] as? String == "2025-06-30")
    #expect((json["sites"] as? [[String: Any]])?.compactMap { $0["site"] as? String } == ["main", "north", "south"])
    // The references are the registry's own table, as 'reference list' gives it.
    let full = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: h.path("bundle.json")))) as? [String: Any])
    let listed = try #require(try h.json(h.run("reference", "list", "--format", "json")) as? [[String: Any]])
    #expect((full["references"] as? [[String: Any]])?.count == listed.count)
    let manifest = try #require(full["manifest"] as? [String: Any])
    #expect(manifest["references_sha256"] as? String == SHA256.hex(of: h.run("reference", "list", "--format", "csv", "--raw").output))
  }

  /// Every count of a bundle's sites: numbers except days (the first element of a life-table or day-count row).
  static func counts(_ value: Any, key: String = "") -> [Any] {
    switch value {
    case let object as [String: Any]:
      return object.flatMap { counts($0.value, key: $0.key) }
    case let array as [Any]:
      if array.first is NSNumber || array.first is NSNull, array.count <= 3,
        ["life_table", "without_events", "onset_days", "days_since_last_dose"].contains(key)
      {
        return array.dropFirst().flatMap { counts($0, key: key) }
      }
      return array.flatMap { counts($0, key: key) }
    default:
      return key == "category" || key == "factor" || key == "site" ? [] : [value]
    }
  }

  @Test("with --min-cell 5 no count from 1 to 4 is left, and the bundle says it is suppressed")
  func suppression() throws {
    let (h, _) = try Self.registry()
    #expect(h.run("share", "--out", h.path("exact.json")).status == 0)
    #expect(h.run("share", "--out", h.path("small.json"), "--min-cell", "5").status == 0)
    let (_, exact) = try Self.withoutReferences(h.path("exact.json"))
    let (_, small) = try Self.withoutReferences(h.path("small.json"))
    #expect(exact["suppressed"] as? Bool == false && small["suppressed"] as? Bool == true)
    #expect(small["min_cell"] as? Int == 5)
    let exactCounts = Self.counts(exact["sites"] ?? [])
    let smallCounts = Self.counts(small["sites"] ?? [])
    #expect(exactCounts.count == smallCounts.count)
    let exactSmall = exactCounts.filter { ($0 as? Int).map { (1...4).contains($0) } ?? false }.count
    #expect(exactSmall > 0, "the exact bundle has small counts to suppress")
    #expect(!smallCounts.contains { ($0 as? Int).map { (1...4).contains($0) } ?? false })
    #expect(smallCounts.filter { $0 is NSNull }.count == exactSmall)
  }
}
