import AdregStatistics

extension TimeOnTreatment {
  /// Two sites' time on treatment as one: life tables add day by day, a category one site never had counting as
  /// that site's table without events.
  public func merged(with other: TimeOnTreatment) -> TimeOnTreatment {
    var tables: [ReportCategory: LifeTable] = [:]
    for category in Set(self.tables.keys).union(other.tables.keys) {
      tables[category] = table(category).merged(with: other.table(category))
    }
    return TimeOnTreatment(
      patients: patients + other.patients, tables: tables, withoutEvents: withoutEvents.merged(with: other.withoutEvents),
      patientsWithCase: patientsWithCase.merging(other.patientsWithCase, uniquingKeysWith: +))
  }
}
