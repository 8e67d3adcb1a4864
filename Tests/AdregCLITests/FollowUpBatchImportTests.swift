import Foundation
import Testing

/// Follow-ups written many per statement: rows of cases with stored follow-ups and of new ones, batches, repeats.
@Suite("import followups in batches")
struct FollowUpBatchImportTests {
  /// A registry with the fixture patients and cases, and the uuids of its cases.
  func registry() throws -> (Harness, [String]) {
    let h = try Harness()
    return (h, h.fixtureRegistry())
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

  @Test("part of a file, then all of it, then all again: stored rows are compared, new ones added across batches")
  func partThenWhole() throws {
    let (h, uuids) = try registry()
    let (first, second) = (try #require(uuids.dropFirst().first), try #require(uuids.dropFirst(2).first))
    let (a, b) = (stored(h, first).count, stored(h, second).count)
    // 1,500 follow-ups of one case cross the 1,024 rows of a batch; every other one has a treatment, so the link
    // rows follow the ids each batch gave. The second case's rows come between the first case's.
    func row(_ uuid: String, _ k: Int, _ base: Int) -> String {
      "\(uuid),\(base + k),,,,\(k % 2 == 1 ? "moisturizer" : ""),ongoing"
    }
    var whole: [String] = []
    for k in 1...1_500 {
      whole.append(row(first, k, a))
      if k % 5 == 0, k / 5 <= 200 { whole.append(row(second, k / 5, b)) }
    }
    try write(h, "part.csv", (1...700).map { row(first, $0, a) })
    try write(h, "whole.csv", whole)
    let part = h.run("import", "followups", "part.csv")
    #expect(part.status == 0, "\(part.error)")
    #expect(part.output.contains("700 rows read; 700 follow-ups added, 0 already in the registry"))
    let all = h.run("import", "followups", "whole.csv")
    #expect(all.status == 0, "\(all.error)")
    #expect(all.output.contains("1700 rows read; 1000 follow-ups added, 700 already in the registry"), "\(all.output)")
    let again = h.run("import", "followups", "whole.csv")
    #expect(again.output.contains("1700 rows read; 0 follow-ups added, 1700 already in the registry"), "\(again.output)")
    let firsts = stored(h, first)
    #expect(firsts.count == a + 1_500 && stored(h, second).count == b + 200)
    // Sequence a + k has the treatment exactly when k is odd: 750 of the 1,500 new rows.
    let treated = firsts.dropFirst(a).filter { $0.contains("moisturizer") }.count
    #expect(treated == 750)
    #expect(firsts.dropFirst(a).first?.hasPrefix("\(a + 1),") == true)
  }
}
