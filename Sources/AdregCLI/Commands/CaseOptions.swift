import AdregArguments
import AdregCore

/// What the `case` commands and `assess` share.
enum CaseOptions {
  /// The case id positional as a case number.
  /// - Throws: `RegistryError` of kind `.invalidData` when it is not a positive whole number.
  static func caseID(_ arguments: ParsedArguments) throws -> Int64 {
    let text = arguments[SharedOptions.caseID]
    guard let id = Int64(text), id > 0 else {
      throw RegistryError.invalid("case id '\(text)' is not a case number; use the number 'record' printed or 'adreg case list'")
    }
    return id
  }
}
