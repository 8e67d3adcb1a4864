import AdregDatabase

/// A code of one of the coded lists of PRODUCT.md §3, declared once as a case of a `String` enum.
///
/// The enum is the list: `Vocabulary.codes`, help's `(values: …)`, `adreg vocabulary`, the seeded `vocabulary`
/// table and the import checks all read it. A code binds as its text and decodes from it; a stored text that is
/// no code of the list fails to decode (`Row.decode` throws, naming the column and the type).
public protocol VocabularyCode: RawRepresentable, CaseIterable, Hashable, Sendable, CustomStringConvertible,
  DatabaseValueConvertible
where RawValue == String, AllCases == [Self] {
  /// The list this code belongs to.
  static var vocabulary: Vocabulary { get }
  /// What the code means, as `adreg vocabulary` lists it.
  var meaning: String { get }
}

extension VocabularyCode {
  /// The codes of the list, in the order they are listed.
  public static var codes: [String] { allCases.map(\.rawValue) }

  /// Parses a code as staff or a file gives it.
  /// - Throws: `RegistryError.invalidData` listing the valid codes, with the closest one when a typo is likely.
  public init(parsing code: String) throws {
    guard let value = Self(rawValue: code) else { throw Self.vocabulary.unknownCode(code) }
    self = value
  }

  /// Reads a code the registry stored outside a column of its own (a `group_concat` list, a bundle).
  /// - Throws: `RegistryError.failure` when the text is no code of the list, as a registry written by another
  ///   program could hold.
  public init(stored code: String) throws {
    guard let value = Self(rawValue: code) else {
      throw RegistryError(
        .failure,
        "the registry holds '\(Validate.shortened(code))', which is not a \(Self.vocabulary.label) code; "
          + "valid \(Self.vocabulary.label) codes: \(Self.codes.joined(separator: ", "))")
    }
    self = value
  }

  /// The code itself, so that interpolating a code prints what the registry stores.
  public var description: String { rawValue }

  public var databaseValue: DatabaseValue { .text(rawValue) }

  public static func fromDatabaseValue(_ value: DatabaseValue) -> Self? {
    guard case .text(let text) = value else { return nil }
    return Self(rawValue: text)
  }
}

extension Array where Element: VocabularyCode {
  /// Parses a list of codes, refusing repeats; the codes keep the order given.
  /// - Throws: `RegistryError.invalidData` for the first unknown or repeated code.
  public init(parsing codes: [String]) throws {
    var seen = Set<Element>()
    self = try codes.map { code in
      let value = try Element(parsing: code)
      guard seen.insert(value).inserted else { throw Element.vocabulary.repeatedCode(code) }
      return value
    }
  }

  /// The codes as the registry stores and prints them.
  public var codes: [String] { map(\.rawValue) }

  /// The codes joined by `separator`, as messages, the audit trail and listings show a list.
  public func joined(separator: String) -> String { codes.joined(separator: separator) }
}
