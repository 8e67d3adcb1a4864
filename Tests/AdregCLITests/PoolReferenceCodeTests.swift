import Foundation
import Testing

/// A bundle's references are read as typed codes: an arm or a category no enum declares is refused when the bundle
/// is read, before anything is pooled, with exit 65 and one `Error:` line.
@Suite("pool: a reference's arm and category are codes")
struct PoolReferenceCodeTests {
  /// South's bundle with its first reference's `field` set to `value`, written beside it.
  func tampered(_ h: Harness, _ field: String, _ value: String) throws -> String {
    let path = h.path("south.json")
    var json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    var references = try #require(json["references"] as? [[String: Any]])
    references[0][field] = value
    json["references"] = references
    let target = h.path("south-\(field).json")
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: target))
    return target
  }

  @Test("an unknown arm or category in a bundle's references is refused, naming the field")
  func unknownCodes() throws {
    let h = try PoolRefusalTests.twoSites()
    let north = h.path("north.json")
    #expect(h.run("pool", north, h.path("south.json"), "report", "frequency").status == 0)
    for (field, value, fragment) in [
      ("arm", "verum", "a reference's arm is not dupilumab or placebo"),
      ("category", "facial-rednes", "a reference's category is not a category code"),
    ] {
      let result = h.run("pool", north, try tampered(h, field, value), "report", "frequency")
      #expect(result.status == 65, "\(field): \(result.error)")
      #expect(result.errorLines.count == 1 && result.errorLines[0].contains(fragment), "\(result.error)")
      #expect(result.output.isEmpty)
    }
  }

  /// South's bundle with the first entry of its first site's `path` (a list of objects) given `category`.
  func tamperedSite(_ h: Harness, _ path: [String], _ category: String) throws -> String {
    let source = h.path("south.json")
    var json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: source))) as? [String: Any])
    var sites = try #require(json["sites"] as? [[String: Any]])
    func replaced(_ object: [String: Any], _ path: ArraySlice<String>) throws -> [String: Any] {
      var object = object
      guard let key = path.first else { return object }
      if path.count == 1 {
        var entries = try #require(object[key] as? [[String: Any]])
        entries[0]["category"] = category
        object[key] = entries
      } else {
        object[key] = try replaced(try #require(object[key] as? [String: Any]), path.dropFirst())
      }
      return object
    }
    sites[0] = try replaced(sites[0], path[...])
    json["sites"] = sites
    let target = h.path("south-\(path.joined(separator: "-")).json")
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: target))
    return target
  }

  @Test("a category in a site's aggregates that is neither a code nor any is refused, naming it")
  func unknownAggregateCategory() throws {
    let h = try PoolRefusalTests.twoSites()
    let north = h.path("north.json")
    for path in [["categories"], ["risk", "affected"], ["time_on_treatment", "as-of", "categories"], ["onset", "categories"]] {
      let result = h.run("pool", north, try tamperedSite(h, path, "facial-rednes"), "report", "frequency")
      #expect(result.status == 65, "\(path): \(result.error)")
      #expect(result.errorLines.count == 1 && result.errorLines[0].contains("'facial-rednes', is not a category code"), "\(result.error)")
      #expect(result.output.isEmpty)
    }
    let any = try tamperedSite(h, ["onset", "categories"], "any")
    let result = h.run("pool", north, any, "report", "frequency")
    #expect(result.status == 65 && result.error.contains("'any', is not a category code"), "onset has no any: \(result.error)")
  }
}
