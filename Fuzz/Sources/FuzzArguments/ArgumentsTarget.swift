@testable import AdregArguments
@testable import AdregCLI
import AdregFormats
import FuzzSupport

/// adreg's command-line parser on any words (the input split at NUL bytes, as argv is): an invocation or a
/// `UsageError`, never a crash or a hang; the error's text, as adreg prints it, is safe for a terminal; a
/// command it accepts is one adreg can run. Nothing is run: parsing only, so no registry or file is touched.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArguments(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let words = fuzzBytes(data, size).split(separator: 0, omittingEmptySubsequences: false).map {
    String(decoding: $0, as: UTF8.self)
  }
  do {
    switch try CLI.parser.parse(words) {
    case .help(let text), .version(let text):
      fuzzCheck(!text.isEmpty, "empty help for \(words)")
    case .run(let path, _):
      fuzzCheck(!path.isEmpty, "a run without a command for \(words)")
    }
  } catch {
    let shown = DisplayText.escapedMessage(error.description)
    fuzzCheck(!error.message.isEmpty && shown.hasPrefix("Error: "), "usage error without its Error: line: \(shown.debugDescription)")
    fuzzCheck(DisplayTextCheck.isSafe(shown, allowingLineFeeds: true), "unsafe usage error \(shown.debugDescription)")
  }
  return 0
}
