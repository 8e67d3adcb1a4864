import AdregFormats
import FuzzSupport

/// DisplayText on any text: `escaped` is one safe line that reads back, escape by escape, as exactly the text
/// given; `escapedMessage` keeps line feeds, is otherwise safe, and escaping its result again changes nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDisplayText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size)
  let line = DisplayText.escaped(text)
  fuzzCheck(DisplayTextCheck.isSafe(line), "escaped(\(text.debugDescription)) is not safe: \(line.debugDescription)")
  let back = DisplayTextCheck.unescaped(line)
  fuzzCheck(back?.unicodeScalars.elementsEqual(text.unicodeScalars) == true,
    "escaped(\(text.debugDescription)) = \(line.debugDescription) reads back as \(String(describing: back))")

  let message = DisplayText.escapedMessage(text)
  fuzzCheck(DisplayTextCheck.isSafe(message, allowingLineFeeds: true), "escapedMessage is not safe: \(message.debugDescription)")
  fuzzCheck(DisplayText.escapedMessage(message) == message, "escapedMessage is not idempotent on \(text.debugDescription)")
  let lineFeeds = { (text: String) in text.unicodeScalars.filter { $0 == "\n" }.count }
  fuzzCheck(lineFeeds(message) == lineFeeds(text), "escapedMessage changed the line count of \(text.debugDescription)")
  return 0
}
