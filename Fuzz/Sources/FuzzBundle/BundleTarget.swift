@testable import AdregCore
import AdregFormats
import Foundation
import FuzzSupport

/// The pool bundle reader (`AggregateBundle(data:name:)`, what `pool` runs on each file) on any bytes: a bundle,
/// or a `RegistryError` of kind invalid data whose message names the file and is safe to print; never a crash,
/// and (Fuzz/run's -malloc_limit_mb) never an allocation out of proportion to the input. A bundle it accepts
/// writes back as JSON that it reads again to the same JSON, so what `pool` accepted is what `share` would write.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundle(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = Data(fuzzBytes(data, size))
  do {
    let bundle = try AggregateBundle(data: bytes, name: "site.json")
    let written = bundle.json
    do {
      let again = try AggregateBundle(data: Data(written.serialized().utf8), name: "again.json").json
      fuzzCheck(again == written, "a bundle writes as \(written.serialized()) and reads back as \(again.serialized())")
    } catch {
      fuzzCheck(false, "a bundle writes as \(written.serialized()), which is refused: \(error)")
    }
  } catch let error as RegistryError {
    fuzzCheck(error.kind == .invalidData, "refused with kind \(error.kind), not invalid data")
    fuzzCheck(error.message.hasPrefix("site.json "), "a refusal that does not name the file: \(error.message)")
    fuzzCheck(DisplayTextCheck.isSafe(DisplayText.escapedMessage(error.message), allowingLineFeeds: true),
      "unsafe refusal \(error.message.debugDescription)")
  } catch {
    fuzzCheck(false, "the bundle reader threw \(error), not a RegistryError")
  }
  return 0
}
