/// The values bound to a statement's parameters: by position (`?`, `?NNN`), by name (`:name`), or both.
///
/// Written as a literal of Swift values, `nil` binding NULL:
///
/// ```swift
/// try db.execute("UPDATE patient SET stop = ?, note = ? WHERE id = ?", [patient.stop, patient.note, patient.id])
/// try db.rows("SELECT id FROM patient WHERE site = :site AND start <= :end", ["site": site, "end": end])
/// ```
///
/// Positional values fill the parameters that have no name, in order; named values fill the parameters spelled
/// `:name`, `@name` or `$name`, each name once however often the SQL repeats it.
public struct StatementArguments: Sendable, Equatable, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
  /// The values for the parameters without a name, in order.
  public var values: [DatabaseValue]
  /// The values for the named parameters, by name without its prefix (`site` for `:site`).
  public var namedValues: [String: DatabaseValue]
  /// A name a dictionary literal gave twice: binding refuses it rather than pick one of the values.
  var repeatedName: String?

  /// Positional values.
  public init(_ values: [DatabaseValue] = []) {
    self.values = values
    self.namedValues = [:]
  }

  /// Positional values converted from Swift values; `nil` binds NULL.
  public init<Values: Sequence>(_ values: Values) where Values.Element == (any DatabaseValueConvertible)? {
    self.values = values.map { $0?.databaseValue ?? .null }
    self.namedValues = [:]
  }

  /// Named values converted from Swift values; `nil` binds NULL.
  public init(named values: [String: (any DatabaseValueConvertible)?]) {
    self.values = []
    self.namedValues = values.mapValues { $0?.databaseValue ?? .null }
  }

  public init(arrayLiteral elements: (any DatabaseValueConvertible)?...) {
    self.init(elements)
  }

  /// A name given twice makes binding throw.
  public init(dictionaryLiteral elements: (String, (any DatabaseValueConvertible)?)...) {
    self.values = []
    self.namedValues = [:]
    for (name, value) in elements {
      if namedValues.updateValue(value?.databaseValue ?? .null, forKey: name) != nil { repeatedName = name }
    }
  }

  /// True when there is no value of either kind.
  public var isEmpty: Bool { values.isEmpty && namedValues.isEmpty }

  /// Adds `other`'s positional values after these and its named values beside these; a name given on both sides
  /// makes binding throw.
  public mutating func append(contentsOf other: StatementArguments) {
    values += other.values
    for (name, value) in other.namedValues where namedValues.updateValue(value, forKey: name) != nil {
      repeatedName = repeatedName ?? name
    }
    repeatedName = repeatedName ?? other.repeatedName
  }

  /// The positional values of both, in order, and the named values of both.
  public static func + (lhs: StatementArguments, rhs: StatementArguments) -> StatementArguments {
    var result = lhs
    result.append(contentsOf: rhs)
    return result
  }
}
