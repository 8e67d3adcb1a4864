/// Values for many parameters laid out flat, for statements that bind thousands of values per execution.
///
/// Texts and blobs share one byte buffer, so `Statement.execute(_:_:)` binds them in place (`SQLITE_STATIC`)
/// instead of SQLite copying each one, and appending allocates nothing once the buffers have grown: a bulk insert
/// spends its time in SQLite, not in binding.
public struct BoundValues {
  enum Slot {
    case null
    case integer(Int64)
    case real(Double)
    /// Bytes `start..<start + count` of the buffer, followed by a NUL; `terminated` when that NUL is the first.
    case text(start: Int, count: Int, terminated: Bool)
    case blob(start: Int, count: Int)
  }

  private(set) var slots: [Slot] = []
  private(set) var bytes: [UInt8] = []

  /// - Parameter capacity: how many values to reserve room for.
  public init(capacity: Int = 0) {
    slots.reserveCapacity(capacity)
    bytes.reserveCapacity(capacity * 16)
  }

  /// How many values are held.
  public var count: Int { slots.count }

  /// True when no value is held.
  public var isEmpty: Bool { slots.isEmpty }

  /// Adds a value after the others.
  public mutating func append(_ value: DatabaseValue) {
    switch value {
    case .null: slots.append(.null)
    case .integer(let v): slots.append(.integer(v))
    case .real(let v): slots.append(.real(v))
    case .text(let v):
      var text = v
      let start = bytes.count
      let terminated = text.withUTF8 { utf8 in
        bytes.append(contentsOf: utf8)
        return !utf8.contains(0)
      }
      slots.append(.text(start: start, count: bytes.count - start, terminated: terminated))
      // SQLite copies a text it must pass to a function (a CHECK's date(), length(), …) unless it knows the text
      // ends in a NUL; a text bound as NUL-terminated is read in place.
      bytes.append(0)
    case .blob(let v):
      let start = bytes.count
      bytes.append(contentsOf: v)
      slots.append(.blob(start: start, count: v.count))
    }
  }

  /// Drops every value, keeping the room they took.
  public mutating func removeAll() {
    slots.removeAll(keepingCapacity: true)
    bytes.removeAll(keepingCapacity: true)
  }
}
