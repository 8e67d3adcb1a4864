@testable import AdregFormats
import FuzzSupport

/// The CSV reader on any bytes: records or one `CSVError`, never a crash. Checked on every input:
/// - reading through a tiny chunk size (so every record and quoted field straddles refills) gives exactly the
///   records and the error of one large chunk;
/// - a failed reader stays failed with the same error;
/// - memory is bounded by the input: the records' text is never longer than the bytes they came from, and lines
///   only move forward;
/// - what was read writes back (CSVWriter) and reads again as the same fields.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  // One chunk that holds the whole input: the default chunk (1 MiB) would cost more to allocate than the parse.
  let whole = CSVReader(bytes: bytes, chunkSize: bytes.count + 1)
  let (records, error) = fuzzReadAll(whole)
  if let error {
    let again = Result { try whole.next() }
    fuzzCheck((try? again.get()) == nil, "a failed reader returned a record")
    if case .failure(let second as CSVError) = again {
      fuzzCheck(second == error, "second failure \(second) differs from \(error)")
    } else {
      fuzzCheck(false, "a failed reader did not throw its CSVError again")
    }
    let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    fuzzCheck((1...lines).contains(error.line), "error line \(error.line) outside 1...\(lines)")
  }
  fuzzCheck(whole.bytesConsumed <= bytes.count, "consumed \(whole.bytesConsumed) of \(bytes.count) bytes")

  let chunk = 1 + Int(bytes.last ?? 0) % 7
  let (chunked, chunkedError) = fuzzReadAll(CSVReader(bytes: bytes, chunkSize: chunk))
  fuzzCheck(chunked == records, "chunk size \(chunk) gives other records")
  fuzzCheck(chunkedError == error, "chunk size \(chunk) gives \(String(describing: chunkedError)), not \(String(describing: error))")

  var textBytes = 0
  var previousLine = 0
  for record in records {
    fuzzCheck(!record.fields.isEmpty, "a record without fields at line \(record.line)")
    fuzzCheck(record.line > previousLine, "record line \(record.line) after \(previousLine)")
    previousLine = record.line
    for field in record.fields { textBytes += field.utf8.count }
  }
  fuzzCheck(textBytes <= bytes.count, "\(textBytes) bytes of fields from \(bytes.count) bytes of input")

  var writer = CSVWriter(sink: StringSink())
  for record in records { try? writer.write(record.fields) }
  let written = Array(writer.sink.text.utf8)
  let (reread, rereadError) = fuzzReadAll(CSVReader(bytes: written, chunkSize: written.count + 1))
  fuzzCheck(rereadError == nil, "written records do not read back: \(String(describing: rereadError))")
  fuzzCheck(reread.map(\.fields) == records.map(\.fields), "written records read back differently")
  return 0
}
