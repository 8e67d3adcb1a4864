/// A value with one JSON form, so that output is built from a record's fields as they are, optionals included.
///
/// An absent value is `null`, the way GRDB's `DatabaseValueConvertible` makes `nil` NULL: a field that may be
/// missing goes into a document without a `map { … } ?? .null` of its own.
///
/// ```swift
/// let stop: String? = nil
/// let value: JSONValue = ["stop": JSONValue(stop), "interval_days": JSONValue(14)]
/// value.serialized()  // {"stop":null,"interval_days":14}
/// ```
public protocol JSONValueConvertible {
  /// The value as JSON.
  var jsonValue: JSONValue { get }
}

extension JSONValue {
  /// The JSON form of `value`: `null` when it is an absent optional.
  public init(_ value: some JSONValueConvertible) {
    self = value.jsonValue
  }
}

extension JSONValue: JSONValueConvertible {
  public var jsonValue: JSONValue { self }
}

extension Optional: JSONValueConvertible where Wrapped: JSONValueConvertible {
  /// The wrapped value's JSON form, or `null`.
  public var jsonValue: JSONValue {
    switch self {
    case .some(let value): value.jsonValue
    case .none: .null
    }
  }
}

extension Bool: JSONValueConvertible {
  public var jsonValue: JSONValue { .bool(self) }
}

extension String: JSONValueConvertible {
  public var jsonValue: JSONValue { .string(self) }
}

extension Int: JSONValueConvertible {
  public var jsonValue: JSONValue { .int(Int64(self)) }
}

extension Int64: JSONValueConvertible {
  public var jsonValue: JSONValue { .int(self) }
}

/// Written as JSON writes any double: NaN and infinities as `null`.
extension Double: JSONValueConvertible {
  public var jsonValue: JSONValue { .double(self) }
}
