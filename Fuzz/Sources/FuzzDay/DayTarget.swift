@testable import AdregCore
import FuzzSupport

/// Day parsing: the three parsers (String, byte sequence, byte buffer) agree on every input; a parsed day prints
/// back as exactly the text it came from, and its day number turns back into the same calendar date.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDay(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  let fromBuffer = bytes.withUnsafeBufferPointer { Day(isoBytes: $0) }
  let fromSequence = Day(isoBytes: bytes.lazy.map { $0 })
  fuzzCheck(fromBuffer == fromSequence, "buffer \(String(describing: fromBuffer)) != sequence \(String(describing: fromSequence))")
  let text = String(decoding: bytes, as: UTF8.self)
  if text.utf8.elementsEqual(bytes) {
    fuzzCheck(Day(iso: text) == fromBuffer, "Day(iso:) disagrees with the byte parser on \(text.debugDescription)")
  }
  if let day = fromBuffer {
    fuzzCheck(Array(day.iso.utf8) == bytes, "\(text.debugDescription) parsed but prints as \(day.iso)")
    let (y, m, d) = day.components
    fuzzCheck(Day(year: y, month: m, day: d) == day, "components of \(day.iso) do not rebuild it")
    fuzzCheck(Day(number: day.number + 1).days(since: day) == 1, "next day of \(day.iso)")
  }
  return 0
}
