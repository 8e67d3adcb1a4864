import Foundation
import Testing

/// PRODUCT.md §11's defining property: the pooled report of a network's bundles is the report of one registry holding
/// every site's patients (to 1e-12 in every figure), and each site's figures are that site's own report.
@Suite("pool equals one registry holding every site")
struct PoolPropertyTests {
  /// Every report with its default options, at level 0.9, and incidence censored at the last contact.
  static let reports: [[String]] = [
    ["frequency"], ["frequency", "--level", "0.9"], ["frequency", "--ci", "exact"],
    ["incidence"], ["incidence", "--level", "0.9"], ["incidence", "--censor", "last-contact"],
    ["onset"], ["onset", "--level", "0.9"], ["risk"], ["risk", "--level", "0.9"],
  ]

  /// What tells rows apart in each report.
  static func key(_ row: [String: Any]) -> String {
    [row["factor"], row["category"]].compactMap { $0 as? String }.joined(separator: " ")
  }

  @Test("pooled figures equal the one-registry report, and each site's the site's own", arguments: [101, 202, 303] as [UInt64])
  func poolEqualsOneRegistry(seed: UInt64) throws {
    let network = try PoolNetwork(seed: seed)
    for words in Self.reports {
      let pooled = try network.pooled(words)
      let whole = try network.report(words, db: network.combined)
      #expect(
        jsonAgrees(pooled, whole, ignoring: ["manifest"]) == nil,
        "\(words) seed \(seed): \(jsonAgrees(pooled, whole, ignoring: ["manifest"]) ?? "")")
      #expect(pooled["approximate"] as? Bool == false)
      let rows = try #require(pooled["rows"] as? [[String: Any]])
      if words[0] == "onset" {
        // The logged doses reach the days since the last dose.
        #expect(rows.contains { ($0["episodes_with_dose"] as? Int ?? 0) > 0 })
      }
      for site in network.sites {
        let own = try #require(try network.report(words, db: network.database(site))["rows"] as? [[String: Any]])
        var found = 0
        for row in rows {
          let entries = try #require(row["sites"] as? [[String: Any]])
          guard let entry = entries.first(where: { $0["site"] as? String == site }) else { continue }
          found += 1
          let ownRow = try #require(own.first { Self.key($0) == Self.key(row) }, "\(site) has no row \(Self.key(row))")
          let problem = jsonAgrees(entry, ownRow)
          #expect(problem == nil, "\(words) \(site) \(Self.key(row)): \(problem ?? "")")
        }
        // Every row of the site's own report is beside the pooled row it belongs to.
        #expect(found == own.count, "\(words) \(site): \(found) of \(own.count) rows")
      }
    }
  }

  @Test("risk: the Mantel–Haenszel ratio across sites is the formula applied to the sites' own 2×2 cells")
  func mantelHaenszelFromSites() throws {
    let network = try PoolNetwork(seed: 7)
    let pooled = try network.pooled(["risk"])
    let rows = try #require(pooled["rows"] as? [[String: Any]])
    var checked = 0
    for row in rows {
      let sites = try #require(row["sites"] as? [[String: Any]])
      // Σ a·n0/N ÷ Σ c·n1/N over the strata with both groups (Greenland & Robins 1985), from each site's x1 n1 x2 n2.
      var numerator = 0.0
      var denominator = 0.0
      for site in sites {
        let (a, n1, c, n0) = try ["x1", "n1", "x2", "n2"].map { try #require(site[$0] as? Double) }.tuple4()
        guard n1 > 0, n0 > 0 else { continue }
        numerator += a * n0 / (n1 + n0)
        denominator += c * n1 / (n1 + n0)
      }
      guard numerator > 0, denominator > 0 else {
        #expect(row["mh_risk_ratio"] is NSNull)
        continue
      }
      let ratio = try #require(row["mh_risk_ratio"] as? Double)
      #expect(abs(ratio - numerator / denominator) <= 1e-12 * ratio)
      let low = try #require(row["mh_ci_low"] as? Double)
      let high = try #require(row["mh_ci_high"] as? Double)
      #expect(low < ratio && ratio < high)
      checked += 1
    }
    #expect(checked > 0)
  }
}

extension Array {
  /// The first four elements as a tuple.
  func tuple4() throws -> (Element, Element, Element, Element) {
    try #require(count == 4)
    return (self[0], self[1], self[2], self[3])
  }
}
