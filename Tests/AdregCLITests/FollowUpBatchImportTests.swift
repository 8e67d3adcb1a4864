import Foundation
import Testing

/// Follow-ups written many per statement: rows of cases with stored follow-ups and of new ones, batches, repeats.
@Suite("import followups in batches")
struct FollowUpBatchImportTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// A registry with the fixture patients and cases, and the uuids of its cases.
  func registry() throws -> (Harness, [String]) {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    for kind in ["patients", "cases"] {
      #expect(h.run("import", kind, Self.fixtures.appendingPathComponent("\(kind).csv").path).status == 0)
    }
    let uuids = h.run("export", "cases", "--identified").output.components(separatedBy: "\r\n").dropFirst()
      .filter { !$0.isEmpty }.map { String($0.prefix(36)) }
    return (h, uuids)
  }

  /// The exported follow-up rows of a case, without their uuid.
  func stored(_ h: Harness, _ uuid: String) -> [String] {
    h.run("export", "followups", "--identified").output.components(separatedBy: "\r\n")
      .filter { $0.hasPrefix(uuid) }.map { String($0.dropFirst(37)) }
  }

  func write(_ h: Harness, _ name: String, _ rows: [String]) throws {
    try (["case_uuid,sequence,recorded_at,recorded_by,action,treatments,outcome"] + rows + [""])
      .joined(separator: "\n").write(toFile: h.path(name), atomically: true, encoding: .utf8)
  }

  @Test("a case met again after another: a row it repeats is compared with what this import wrote to it")
  func nonAdjacentRepeat() throws {
    let (h, uuids) = try registry()
    let (first, second) = (try #require(uuids.dropFirst().first), try #require(uuids.dropFirst(2).first))
    let (a, b) = (stored(h, first).count, stored(h, second).count)
    let time = "2025-01-02T03:04:05.000Z"
    try write(h, "f.csv", [
      "\(first),\(a + 1),\(time),dr.osei,,moisturizer,ongoing", "\(second),\(b + 1),\(time),dr.osei,,,ongoing",
      "\(first),\(a + 1),\(time),dr.osei,,moisturizer,ongoing", "\(first),\(a + 2),\(time),dr.osei,,,improving",
      "\(second),\(b + 1),\(time),dr.osei,,,unknown",
    ])
    let refused = h.run("import", "followups", "f.csv")
    #expect(refused.status == 65)
    #expect(refused.error.contains("f.csv:6: sequence: case \(second) already has a follow-up \(b + 1) with other values"))
    #expect(!refused.error.contains("f.csv:4:") && !refused.error.contains("f.csv:5:"))
    #expect(stored(h, first).count == a && stored(h, second).count == b)
  }

  @Test("a bad row amid a batch writes nothing, not even the rows before it")
  func badRowInBatch() throws {
    let (h, uuids) = try registry()
    let (first, second) = (try #require(uuids.dropFirst().first), try #require(uuids.dropFirst(2).first))
    let (a, b) = (stored(h, first).count, stored(h, second).count)
    var rows = (a + 1...a + 300).map { "\(first),\($0),,,,moisturizer,ongoing" }
    rows.append("\(second),\(b + 2),,,,,ongoing")
    rows += (b + 1...b + 300).map { "\(second),\($0),,,,,ongoing" }
    try write(h, "f.csv", rows)
    let refused = h.run("import", "followups", "f.csv")
    #expect(refused.status == 65)
    #expect(refused.error.contains("f.csv:302: sequence: case \(second) has \(b) follow-up(s), so the next is \(b + 1), not \(b + 2)"))
    #expect(stored(h, first).count == a && stored(h, second).count == b)
    #expect(!h.run("export", "followups", "--identified").output.contains("moisturizer"))
  }
}
