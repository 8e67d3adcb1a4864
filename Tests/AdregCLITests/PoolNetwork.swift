import Foundation
import Testing

/// A seeded network of clinics for the pooling tests: each site's `synth` cohort renamed to that site, imported into
/// its own registry and, all together, into one registry; each site's bundle written by `share`.
struct PoolNetwork {
  let h: Harness
  let sites: [String]

  /// The registry of one site, and the registry holding every site.
  func database(_ site: String) -> String { h.path("\(site).sqlite") }
  var combined: String { h.path("combined.sqlite") }
  func bundle(_ site: String) -> String { h.path("\(site).json") }

  /// Builds the network from `seed`: 2–4 sites of 150–300 patients, each with a few logged doses.
  init(seed: UInt64) throws {
    h = try Harness()
    var state = seed
    func next(_ bound: UInt64) -> Int {
      // SplitMix64, enough to vary the network's shape by seed.
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % bound)
    }
    let count = 2 + next(3)
    sites = (0..<count).map { "clinic-\(Character(UnicodeScalar(UInt8(97 + $0))))" }
    #expect(h.run("init", "--db", combined).status == 0)
    for (index, site) in sites.enumerated() {
      let folder = h.path("synth-\(site)")
      let patients = 150 + next(151)
      let result = h.run("synth", "--patients", String(patients), "--seed", String(Int(seed) * 10 + index), "--out", folder)
      #expect(result.status == 0, "\(result.error)")
      try PoolNetwork.rename(folder, to: site)
      for db in [database(site), combined] {
        if db != combined { #expect(h.run("init", "--db", db).status == 0) }
        for file in ["patients", "cases"] {
          let loaded = h.run("import", file, "\(folder)/\(file).csv", "--db", db)
          #expect(loaded.status == 0, "\(loaded.error)")
        }
      }
      try addDoses(folder, site: site)
      let shared = h.run("share", "--out", bundle(site), "--db", database(site))
      #expect(shared.status == 0, "\(shared.error)")
    }
  }

  /// Gives every patient and case of a synth folder the site's name (synth spreads them over main, north, south).
  static func rename(_ folder: String, to site: String) throws {
    for (file, pattern) in [("patients", #"(?m)^(main|north|south),"#), ("cases", #"(?m)^([0-9a-f-]{36}),(main|north|south),"#)] {
      let path = "\(folder)/\(file).csv"
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let template = file == "patients" ? "\(site)," : "$1,\(site),"
      try text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        .write(toFile: path, atomically: true, encoding: .utf8)
    }
  }

  /// Logs a dose a few days before the onset of the site's first cases (never before the start, nor after a stop),
  /// in both the site's registry and the combined one, so that days since the last dose count too.
  func addDoses(_ folder: String, site: String) throws {
    func rows(_ file: String) throws -> [[String]] {
      try String(contentsOfFile: "\(folder)/\(file).csv", encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
    var treatment: [String: (start: Date, stop: Date?)] = [:]
    for cells in try rows("patients") where cells.count > 6 {
      if let start = isoDay(cells[5]) { treatment[cells[1]] = (start, isoDay(cells[6])) }
    }
    var logged = Set<String>()
    for cells in try rows("cases").prefix(15) where cells.count > 4 {
      guard let days = treatment[cells[2]], let onset = isoDay(cells[4]) else { continue }
      let dose = max(days.start, onset.addingTimeInterval(-3 * 86_400))
      guard days.stop.map({ dose <= $0 }) ?? true, logged.insert(cells[2] + isoText(dose)).inserted else { continue }
      for db in [database(site), combined] {
        let result = h.run("dose", "add", cells[2], "--date", isoText(dose), "--site", site, "--db", db)
        #expect(result.status == 0, "\(result.error)")
      }
    }
  }

  /// A report's JSON from a registry, or from `pool` of every bundle.
  func report(_ words: [String], db: String) throws -> [String: Any] {
    let result = h.run(["report"] + words + ["--format", "json", "--db", db])
    return try #require(try h.json(result) as? [String: Any], "\(result.error)")
  }

  func pooled(_ words: [String], bundles: [String]? = nil) throws -> [String: Any] {
    let result = h.run(["pool"] + (bundles ?? sites.map(bundle)) + ["report"] + words + ["--format", "json"])
    return try #require(try h.json(result) as? [String: Any], "\(result.error)")
  }
}

private func isoDay(_ text: String) -> Date? {
  let formatter = ISO8601DateFormatter()
  formatter.formatOptions = [.withFullDate]
  return formatter.date(from: text)
}

private func isoText(_ date: Date) -> String {
  let formatter = ISO8601DateFormatter()
  formatter.formatOptions = [.withFullDate]
  return formatter.string(from: date)
}

/// Whether two decoded JSON values agree, numbers to `relative`; `ignoring` keys that only one side has by design.
/// Every key of `expected` must be in `actual`.
func jsonAgrees(
  _ actual: Any?, _ expected: Any?, relative: Double = 1e-12, ignoring: Set<String> = [], path: String = ""
) -> String? {
  switch (actual, expected) {
  case let (a as [String: Any], e as [String: Any]):
    for (key, value) in e where !ignoring.contains(key) {
      guard a.keys.contains(key) else { return "\(path).\(key) is missing" }
      if let problem = jsonAgrees(a[key], value, relative: relative, ignoring: ignoring, path: "\(path).\(key)") {
        return problem
      }
    }
    return nil
  case let (a as [Any], e as [Any]):
    guard a.count == e.count else { return "\(path) has \(a.count) elements, expected \(e.count)" }
    for (index, pair) in zip(a, e).enumerated() {
      if let problem = jsonAgrees(pair.0, pair.1, relative: relative, ignoring: ignoring, path: "\(path)[\(index)]") {
        return problem
      }
    }
    return nil
  case let (a as String, e as String):
    return a == e ? nil : "\(path): \(a) ≠ \(e)"
  case let (a as NSNumber, e as NSNumber):
    let (x, y) = (a.doubleValue, e.doubleValue)
    return x == y || abs(x - y) <= relative * max(abs(x), abs(y)) ? nil : "\(path): \(x) ≠ \(y)"
  case (is NSNull, is NSNull), (nil, nil):
    return nil
  default:
    return "\(path): \(String(describing: actual)) ≠ \(String(describing: expected))"
  }
}
