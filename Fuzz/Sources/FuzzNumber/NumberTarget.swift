@testable import AdregCore
import FuzzSupport

/// Number parsing for whole numbers (`Validate.integer`: interval days, itch, patients, weeks) and percentages
/// (`TrialReference.percent`): a value is accepted only in its range and equals what Swift's own parser reads from
/// the text without its surrounding spaces and tabs; a refusal is a `RegistryError` whose message quotes the text
/// shortened and escaped, never the whole of a hostile value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumber(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  let trimmed = text.trimmedSpaces()
  do {
    let value = try Validate.integer(text, field: "n", in: 1...365)
    fuzzCheck((1...365).contains(value) && Int(trimmed) == value, "\(text.debugDescription) accepted as \(value)")
  } catch {
    checkRefusal(error, of: text)
    if let value = Int(trimmed) { fuzzCheck(!(1...365).contains(value), "\(text.debugDescription) refused") }
  }
  do {
    let value = try TrialReference.percent(text, field: "p")
    fuzzCheck(value.isFinite && (0...100).contains(value) && Double(trimmed) == value, "\(text.debugDescription) accepted as \(value)")
  } catch {
    checkRefusal(error, of: text)
  }
  return 0
}

private func checkRefusal(_ error: any Error, of text: String) {
  guard let error = error as? RegistryError else {
    fuzzCheck(false, "refusal is \(error), not a RegistryError")
    return
  }
  // The field name and the words around the value are under 120 characters; the value at most 41 (then escaped).
  fuzzCheck(error.message.unicodeScalars.count <= 120 + 41 * 10, "message too long: \(error.message.debugDescription)")
  fuzzCheck(DisplayTextCheck.isSafe(error.message), "unescaped control text in \(error.message.debugDescription)")
}
