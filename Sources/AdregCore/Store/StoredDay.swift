import AdregDatabase

/// Decodes a stored date column.
func day(_ row: Row, _ column: String) throws -> Day {
  let text = try row.decode(String.self, column: column)
  guard let day = Day(iso: text) else {
    throw RegistryError(
      .failure, field: nil, "stored \(column) '\(Validate.shortened(text))' is not a date",
      fix: "run \(task: .check)")
  }
  return day
}

/// Decodes a stored date column that may be NULL.
func optionalDay(_ row: Row, _ column: String) throws -> Day? {
  guard let text = try row.decode(String?.self, column: column) else { return nil }
  guard let day = Day(iso: text) else {
    throw RegistryError(
      .failure, field: nil, "stored \(column) '\(Validate.shortened(text))' is not a date",
      fix: "run \(task: .check)")
  }
  return day
}
