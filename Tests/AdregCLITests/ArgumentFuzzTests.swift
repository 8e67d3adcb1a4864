import AdregDatabase
import Foundation
import Testing

/// Seeded mutations of valid command lines: never a crash or hang; a refusal is 64 or 65 with one `Error:` line,
/// and a refused command leaves the registry exactly as it was.
@Suite("Fuzzing command arguments")
struct ArgumentFuzzTests {
  /// SplitMix64: small, seeded, the same on every machine.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
  }

  static let valid: [[String]] = [
    ["record", "P1", "--onset", "2025-02-01", "--category", "facial-redness", "--scaling", "absent", "--sites", "face,neck", "--itch", "3"],
    ["record", "P2", "--onset", "2025-03-01", "--category", "other", "--note", "a rash", "--reported", "2025-03-02"],
    ["patient", "add", "N1", "--start", "2025-01-01", "--sex", "F", "--birth-year", "1980", "--risk", "psoriasis-history"],
    ["dose", "add", "P1", "--date", "2025-01-15"],
    ["case", "update", "1", "--action", "paused", "--outcome", "resolved", "--outcome-date", "2025-03-01"],
    ["case", "withdraw", "2", "--reason", "duplicate"],
    ["patient", "stop", "P2", "--date", "2025-05-01", "--reason", "moved"],
    ["assess", "1", "--answer", "5=no"],
    ["report", "frequency", "--from", "2025-01-01", "--level", "0.9", "--ci", "exact"],
    ["case", "list", "--category", "facial-redness", "--from", "2025-01-01"],
  ]

  static let oddValues = [
    "", " ", "-", "--", "2025-02-30", "03/04/2025", "99999999999999999999", "-1", "0", "1e309", "nan", "'; DROP TABLE patient; --",
    "\u{0}", "\u{1B}[31m", "é", "🧴", String(repeating: "a", count: 5000), "face,,neck", "=", "5=", "=yes", "2025-1-1",
    "--db", "--help-me", "facial-redness,other",
  ]

  static func mutate(_ words: [String], _ g: inout Generator) -> [String] {
    var words = words
    for _ in 0...g.below(3) {
      switch g.below(7) {
      case 0 where !words.isEmpty: words.remove(at: g.below(words.count))
      case 1: words.insert(g.pick(oddValues), at: g.below(words.count + 1))
      case 2 where !words.isEmpty: words[g.below(words.count)] = g.pick(oddValues)
      case 3 where words.count > 1:
        let (a, b) = (g.below(words.count), g.below(words.count))
        words.swapAt(a, b)
      case 4 where !words.isEmpty:
        let i = g.below(words.count)
        var scalars = Array(words[i].unicodeScalars)
        if !scalars.isEmpty { scalars[g.below(scalars.count)] = g.pick(["x", "-", "=", ",", "\u{7}", "9"]) }
        words[i] = String(String.UnicodeScalarView(scalars))
      case 5 where !words.isEmpty: words.append(words[g.below(words.count)])
      default: words.append(g.pick(["--onset", "--itch", "--category", "--site", "--format", "--as-of"]))
      }
    }
    return words
  }

  /// Row counts of every table and the newest audit id: any write changes at least the audit trail.
  static func fingerprint(_ db: Connection) throws -> [Int] {
    try ["patient", "dose", "case_report", "follow_up", "case_withdrawal", "assessment_answer", "audit_entry", "patient_risk_factor"]
      .map { try db.scalar(Int.self, "SELECT count(*) FROM \($0)") ?? -1 }
      + [try db.scalar(Int.self, "SELECT max(id) FROM audit_entry") ?? -1]
  }

  @Test("3,000 seeded mutations: no crash, refusals are clear and change nothing")
  func fuzz() throws {
    let h = try Harness()
    for step in [
      ["init"], ["patient", "add", "P1", "--start", "2025-01-01"], ["patient", "add", "P2", "--start", "2025-01-01"],
      ["record", "P1", "--onset", "2025-02-01", "--category", "facial-redness"],
      ["record", "P2", "--onset", "2025-02-01", "--category", "injection-site"],
    ] { #expect(h.run(step).status == 0) }
    let db = try Connection(path: h.database, mode: .readOnly)
    var g = Generator(state: 20_251_125)
    var outcomes: [Int32: Int] = [:]
    for round in 0..<3_000 {
      let words = Self.mutate(g.pick(Self.valid), &g)
      let before = try Self.fingerprint(db)
      let result = h.run(words)
      outcomes[result.status, default: 0] += 1
      // 66: a mutation that turned a value into --db's argument names a registry that does not exist.
      #expect([0, 64, 65, 66].contains(result.status), "round \(round) \(words): \(result.status) \(result.error)")
      if result.status != 0 {
        #expect(result.errorLines.count == 1, "round \(round) \(words): \(result.error)")
        #expect(try Self.fingerprint(db) == before, "round \(round) \(words) was refused but changed the registry")
      }
    }
    #expect(outcomes[65, default: 0] > 200, "the mutations reach data refusals: \(outcomes)")
    #expect(outcomes[64, default: 0] > 200, "the mutations reach usage refusals: \(outcomes)")
    #expect(h.run("check").status == 0)
  }
}
