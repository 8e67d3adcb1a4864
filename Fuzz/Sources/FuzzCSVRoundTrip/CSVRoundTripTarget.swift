@testable import AdregFormats
import FuzzSupport

/// CSV escaping and un-escaping: any fields (the input's text split into records at U+001E and into fields at
/// U+001F) written by `CSVWriter` read back through `CSVReader` as exactly the same fields, compared scalar by
/// scalar; `CSVFormat.escape` of a lone field is what the writer wrote; and the formula guard is its own inverse
/// and leaves nothing a spreadsheet would run. NUL is left out: the reader refuses it as binary by design, and
/// adreg's text validation never stores one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVRoundTrip(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = fuzzText(data, size).replacingNUL()
  let records = text.split(separator: "\u{1E}", omittingEmptySubsequences: false).map { record in
    record.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
  }
  var writer = CSVWriter(sink: StringSink())
  for record in records { try? writer.write(record) }
  let written = Array(writer.sink.text.utf8)
  let (read, error) = fuzzReadAll(CSVReader(bytes: written, chunkSize: written.count + 1))
  fuzzCheck(error == nil, "written CSV does not read back: \(String(describing: error))")
  fuzzCheck(read.count == records.count, "\(records.count) records written, \(read.count) read")
  for (written, got) in zip(records, read) {
    fuzzCheck(written.count == got.fields.count, "\(written.count) fields written, \(got.fields.count) read")
    for (a, b) in zip(written, got.fields) {
      fuzzCheck(a.unicodeScalars.elementsEqual(b.unicodeScalars), "\(a.debugDescription) read back as \(b.debugDescription)")
    }
  }
  for field in records.joined() {
    var one = CSVWriter(sink: StringSink())
    try? one.write([field])
    let expected = field.isEmpty ? "\"\"" : CSVFormat.escape(field)
    fuzzCheck(one.sink.text == expected + "\r\n", "escape(\(field.debugDescription)) is not what the writer wrote")

    let guarded = CSVFormat.escapingFormula(field)
    fuzzCheck(CSVFormat.unescapingFormula(guarded).unicodeScalars.elementsEqual(field.unicodeScalars),
      "formula guard of \(field.debugDescription) does not undo")
    if let first = guarded.unicodeScalars.first {
      fuzzCheck(!"=+-@\t\r".unicodeScalars.contains(first), "\(guarded.debugDescription) still starts a formula")
    }
  }
  return 0
}

extension String {
  fileprivate func replacingNUL() -> String {
    String(String.UnicodeScalarView(unicodeScalars.filter { $0 != "\0" }))
  }
}
