import AdregDatabase

/// Decodes a stored date column.
func day(_ row: Row, _ column: String) throws -> Day {
  let text = try row.decode(String.self, column: column)
  guard let day = Day(iso: text) else {
    throw RegistryError(.failure, "stored \(column) '\(Validate.shortened(text))' is not a date; run 'adreg check'")
  }
  return day
}

/// Decodes a stored date column that may be NULL.
func optionalDay(_ row: Row, _ column: String) throws -> Day? {
  guard let text = try row.decode(String?.self, column: column) else { return nil }
  guard let day = Day(iso: text) else {
    throw RegistryError(.failure, "stored \(column) '\(Validate.shortened(text))' is not a date; run 'adreg check'")
  }
  return day
}
