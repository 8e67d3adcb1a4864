import AdregDatabase

extension Registry {
  /// PRODUCT.md §6 "risk": per baseline risk factor and category, the risk ratio with a Katz log CI.
  public func riskReport(_ options: ReportOptions) throws -> RiskReport {
    let definition = try cohortDefinition(options)
    return try read {
      let (cohort, aggregates) = try riskAggregates(definition)
      return try RiskReport.make(aggregates, window: definition.window, cohort: cohort, level: options.level)
    }
  }

  /// The risk report's cohort and 2×2 cells; call inside a read.
  func riskAggregates(_ definition: CohortDefinition) throws -> (Cohort, RiskAggregates) {
    let (cohort, wholeRegistry) = try cohortTotals(definition)
    let hits = try affectedPatients(definition, wholeRegistry: wholeRegistry)
    // Each factor's cohort patients, from the (code, patient) index; affected ones are found in the sets above.
    var withFactor: [String: Int] = [:]
    var affectedWithFactor: [ReportCategory: [String: Int]] = [:]
    let statement = try db.cachedStatement(
      wholeRegistry
        ? "SELECT rf.patient_id FROM patient_risk_factor rf WHERE rf.code = :factor"
        : """
          SELECT rf.patient_id FROM patient_risk_factor rf CROSS JOIN patient p ON p.id = rf.patient_id
          WHERE rf.code = :factor AND \(CohortDefinition.condition)
          """)
    let arguments: StatementArguments = wholeRegistry ? [:] : definition.arguments
    for factor in Vocabulary.riskFactor.codes {
      try statement.forEachInteger(arguments + ["factor": factor]) { patientID in
        withFactor[factor, default: 0] += 1
        for (category, hit) in hits where hit.patients.contains(patientID) {
          affectedWithFactor[category, default: [:]][factor, default: 0] += 1
        }
      }
    }
    let aggregates = RiskAggregates(
      patients: cohort.patients, affected: hits.mapValues { $0.patients.count }, withFactor: withFactor,
      affectedWithFactor: affectedWithFactor)
    return (cohort, aggregates)
  }
}
