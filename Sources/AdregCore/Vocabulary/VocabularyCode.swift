import AdregDatabase

/// A code of one of the coded lists of PRODUCT.md §3, declared once as a case of a `String` enum.
///
/// The enum is the list: `Vocabulary.codes`, help's `(values: …)`, `adreg vocabulary`, the seeded `vocabulary`
/// table and the import checks all read it. A code binds as its text and decodes from it; a stored text that is
/// no code of the list fails to decode (`Row.decode` throws, naming the column and the type). Codes sort as their
/// text does, the order in which the registry's `ORDER BY code` lists a case's morphology or treatments.
public protocol VocabularyCode: RawRepresentable, CaseIterable, Hashable, Comparable, Sendable,
  CustomStringConvertible, DatabaseValueConvertible
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

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The code itself, so that interpolating a code prints what the registry stores.
  public var description: String { rawValue }
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

  /// Reads a `;`-joined list of codes as `group_concat` gives it; NULL or an empty text is no code.
  /// - Throws: `RegistryError.failure` for a text that is no code of the list (see `init(stored:)`).
  public init(stored value: DatabaseValue) throws {
    guard case .text(let joined) = value, !joined.isEmpty else {
      self = []
      return
    }
    self = try joined.split(separator: ";").map { try Element(stored: String($0)) }
  }

  /// The codes as the registry stores and prints them.
  public var codes: [String] { map(\.rawValue) }

  /// The codes joined by `separator`, as messages, the audit trail and listings show a list.
  public func joined(separator: String) -> String { codes.joined(separator: separator) }
}
