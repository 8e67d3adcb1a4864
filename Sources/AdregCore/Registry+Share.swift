import AdregDatabase

extension Registry {
  /// The aggregates of each site of the registry as of "today", in site order (PRODUCT.md §11 `share`).
  ///
  /// The patients, the cases and the last contacts are read once for every site, and each site's aggregates are
  /// counted from them in memory by the builders the reports use; only the day of the last dose before each case
  /// is looked up, through the (patient, date) index.
  public func siteAggregates() throws -> [SiteAggregates] {
    try mapForScans()
    return try read {
      let asOf = today
      let (everyone, cases) = try cohortAndCases(asOf: asOf, site: nil)
      // The last dose before each case is looked up on a second connection while this one reads the sites and the
      // last contacts: the two are the longest reads of `share`, and the machine has a second core.
      let window = ReportWindow(asOf: asOf)
      let readingLastDoses = alongside { try Registry.readLastDoseDays($0, cases, window: window) }
      // Row ids are handed out from 1, so a flat array by id holds each patient's site.
      let largest = try db.scalar(Int64.self, "SELECT max(id) FROM patient") ?? 0
      let bound = largest < 1 << 26 ? largest + 1 : 0
      let (names, siteOf, above) = try patientSites(bound: bound)
      var cohorts = names.map { _ in CohortDays(bound: bound) }
      everyone.forEach { id, start, stop in
        let site = id >= 0 && id < bound ? siteOf[Int(id)] : above[id] ?? -1
        if site >= 0 { cohorts[Int(site)].insert(id, start: start, stop: stop) }
      }
      let contactEnds = try lastContactEndDays(everyone, asOf: asOf)
      var factors: [(Int64, String)] = []
      try db.cachedStatement("SELECT patient_id, code FROM patient_risk_factor").forEachRow { row in
        factors.append((try row.integer(at: 0), try row.text(at: 1)))
      }
      let lastDoses = try readingLastDoses()
      return try names.indices.map { index in
        let definition = CohortDefinition(window: ReportWindow(asOf: asOf), site: names[index])
        let cohort = cohorts[index]
        let (frequency, gathered) = try gatherFrequency(definition, read: (cohort, cases))
        let lastContact = try timeOnTreatment(
          asOf: asOf, site: names[index], censor: .lastContact, gathered: gathered, contactEnds: contactEnds)
        // Each affected patient's categories as bits, for the risk cells.
        var reactions: [Int64: Int] = [:]
        let onset = try onsetAggregates(definition, read: (cohort, cases, lastDoses), cohort: frequency.cohort) {
          patient, category in reactions[patient, default: 0] |= 1 << category
        }
        return SiteAggregates(
          site: names[index], frequency: frequency, lastContact: lastContact, onset: onset,
          risk: riskAggregates(frequency, reactions: reactions, factors: factors, cohort: cohort))
      }
    }
  }

  /// Every site's name in order, and each patient's site as a position in it (-1 for no patient), by id below
  /// `bound`; ids at or above it (written by hand) in `above`.
  private func patientSites(bound: Int64) throws -> (names: [String], siteOf: [Int32], above: [Int64: Int32]) {
    var names: [String] = []
    var positions: [String: Int32] = [:]
    var siteOf = [Int32](repeating: -1, count: Int(bound))
    var above: [Int64: Int32] = [:]
    // The bytes of each site as stored, with its position: a row whose site has the bytes of the previous row's or
    // of one seen before needs no `String` and no hashing; other bytes are looked up by name as before (so two
    // spellings of one name, canonically equivalent, stay one site).
    var spellings: [(bytes: [UInt8], position: Int32)] = []
    var previous = -1
    try db.cachedStatement("SELECT id, site FROM patient").forEachRow { row in
      guard let bytes = try row.utf8(at: 1) else { _ = try row.text(at: 1); return }
      if previous < 0 || !spellings[previous].bytes.elementsEqual(bytes) {
        if let known = spellings.firstIndex(where: { $0.bytes.elementsEqual(bytes) }) {
          previous = known
        } else {
          let site = String(decoding: bytes, as: UTF8.self)
          let position = positions[site] ?? {
            names.append(site)
            positions[site] = Int32(names.count - 1)
            return Int32(names.count - 1)
          }()
          // At most 16 spellings are kept for the search; past them the last one is reused, so that a registry of
          // many sites costs no more than a hash per change of site.
          previous = min(spellings.count, 15)
          if previous == spellings.count { spellings.append(([], 0)) }
          spellings[previous] = (Array(bytes), position)
        }
      }
      let position = spellings[previous].position
      let id = try row.integer(at: 0)
      if id >= 0, id < bound { siteOf[Int(id)] = position } else { above[id] = position }
    }
    let order = names.indices.sorted { names[$0] < names[$1] }
    var rank = [Int32](repeating: 0, count: names.count)
    for (new, old) in order.enumerated() { rank[old] = Int32(new) }
    return (order.map { names[$0] }, siteOf.map { $0 < 0 ? -1 : rank[Int($0)] }, above.mapValues { rank[Int($0)] })
  }

  /// The risk report's cells of a site: its cohort's risk factors set against the categories each patient had.
  private func riskAggregates(
    _ frequency: FrequencyAggregates, reactions: [Int64: Int], factors: [(Int64, String)], cohort: CohortDays
  ) -> RiskAggregates {
    let categories = Category.allCases
    var affected: [ReportCategory: Int] = [.any: reactions.count]
    for (index, category) in categories.enumerated() {
      let count = reactions.values.reduce(0) { $1 & 1 << index == 0 ? $0 : $0 + 1 }
      if count > 0 { affected[.category(category)] = count }
    }
    var withFactor: [String: Int] = [:]
    var affectedWithFactor: [ReportCategory: [String: Int]] = [:]
    for (patient, factor) in factors where cohort[patient] != nil {
      withFactor[factor, default: 0] += 1
      guard let bits = reactions[patient] else { continue }
      affectedWithFactor[.any, default: [:]][factor, default: 0] += 1
      for (index, category) in categories.enumerated() where bits & 1 << index != 0 {
        affectedWithFactor[.category(category), default: [:]][factor, default: 0] += 1
      }
    }
    return RiskAggregates(
      patients: frequency.cohort.patients, affected: affected, withFactor: withFactor,
      affectedWithFactor: affectedWithFactor)
  }
}
