/// One SQLite value: the five storage classes.
public enum DatabaseValue: Sendable, Equatable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])

  /// The storage class name as SQLite spells it, for error messages.
  public var storageClass: String {
    switch self {
    case .null: "NULL"
    case .integer: "INTEGER"
    case .real: "REAL"
    case .text: "TEXT"
    case .blob: "BLOB"
    }
  }
}

/// A Swift value that can be bound to a statement parameter.
public protocol DatabaseValueConvertible: Sendable {
  var databaseValue: DatabaseValue { get }
  /// Converts a fetched value; nil when the storage class does not fit.
  static func fromDatabaseValue(_ value: DatabaseValue) -> Self?
}

extension DatabaseValue: DatabaseValueConvertible {
  @inlinable public var databaseValue: DatabaseValue { self }
  @inlinable public static func fromDatabaseValue(_ value: DatabaseValue) -> DatabaseValue? { value }
}

extension Int64: DatabaseValueConvertible {
  @inlinable public var databaseValue: DatabaseValue { .integer(self) }
  @inlinable public static func fromDatabaseValue(_ value: DatabaseValue) -> Int64? {
    if case .integer(let v) = value { return v }
    return nil
  }
}

extension Int: DatabaseValueConvertible {
  @inlinable public var databaseValue: DatabaseValue { .integer(Int64(self)) }
  @inlinable public static func fromDatabaseValue(_ value: DatabaseValue) -> Int? {
    if case .integer(let v) = value { return Int(exactly: v) }
    return nil
  }
}

extension Int32: DatabaseValueConvertible {
  @inlinable public var databaseValue: DatabaseValue { .integer(Int64(self)) }
  @inlinable public static func fromDatabaseValue(_ value: DatabaseValue) -> Int32? {
    if case .integer(let v) = value { return Int32(exactly: v) }
    return nil
  }
}

extension Double: DatabaseValueConvertible {
  @inlinable public var databaseValue: DatabaseValue { .real(self) }
  @inlinable public static func fromDatabaseValue(_ value: DatabaseValue) -> Double? {
    switch value {
    case .real(let v): v
    case .integer(let v): Double(v)
    default: nil
    }
  }
}

extension Bool: DatabaseValueConvertible {
  @inlinable public var databaseValue: DatabaseValue { .integer(self ? 1 : 0) }
  @inlinable public static func fromDatabaseValue(_ value: DatabaseValue) -> Bool? {
    if case .integer(let v) = value { return v != 0 }
    return nil
  }
}

extension String: DatabaseValueConvertible {
  @inlinable public var databaseValue: DatabaseValue { .text(self) }
  @inlinable public static func fromDatabaseValue(_ value: DatabaseValue) -> String? {
    if case .text(let v) = value { return v }
    return nil
  }
}

extension Array: DatabaseValueConvertible where Element == UInt8 {
  @inlinable public var databaseValue: DatabaseValue { .blob(self) }
  @inlinable public static func fromDatabaseValue(_ value: DatabaseValue) -> [UInt8]? {
    if case .blob(let v) = value { return v }
    return nil
  }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
  @inlinable public var databaseValue: DatabaseValue { self?.databaseValue ?? .null }
  @inlinable public static func fromDatabaseValue(_ value: DatabaseValue) -> Wrapped?? {
    if case .null = value { return .some(nil) }
    guard let wrapped = Wrapped.fromDatabaseValue(value) else { return nil }
    return .some(wrapped)
  }
}

extension DatabaseValueConvertible where Self: RawRepresentable, RawValue: DatabaseValueConvertible {
  /// A code stored as its raw value (an enum of texts binds and decodes itself by conforming).
  @inlinable public var databaseValue: DatabaseValue { rawValue.databaseValue }
  @inlinable public static func fromDatabaseValue(_ value: DatabaseValue) -> Self? {
    RawValue.fromDatabaseValue(value).flatMap(Self.init(rawValue:))
  }
}
