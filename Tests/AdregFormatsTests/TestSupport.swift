import Foundation
@testable import AdregFormats

/// Parses all of `text`, feeding the reader `chunkSize` bytes at a time.
func readAll(_ text: String, chunkSize: Int = 1 << 20) throws -> [CSVRecord] {
  try readAll(bytes: Array(text.utf8), chunkSize: chunkSize)
}

func readAll(bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> [CSVRecord] {
  try drain(CSVReader(bytes: bytes, chunkSize: chunkSize))
}

func drain(_ reader: CSVReader) throws -> [CSVRecord] {
  var records: [CSVRecord] = []
  while let record = try reader.next() { records.append(record) }
  return records
}

/// The `CSVError` that parsing `bytes` ends with, or nil when it parses cleanly.
func parseError(bytes: [UInt8], chunkSize: Int = 1 << 20) -> CSVError? {
  do {
    _ = try readAll(bytes: bytes, chunkSize: chunkSize)
    return nil
  } catch let error as CSVError {
    return error
  } catch {
    return CSVError(line: -1, message: "unexpected error \(error)")
  }
}

/// Fields that have broken CSV and SQL handling elsewhere.
let nastyFields: [String] = [
  "plain",
  "",
  " leading space",
  "trailing space ",
  "comma, inside",
  "quote \" inside",
  "\"fully quoted\"",
  "\"",
  "\"\"",
  "'; DROP TABLE x; --",
  "line\nfeed",
  "carriage\rreturn",
  "crlf\r\nin field",
  "\n",
  "\r\n",
  "emoji 😀👩🏽‍⚕️ and é ñ 日本語",
  "tab\there",
  "back\\slash",
  "trailing comma,",
  ",",
  "\u{FEFF}not a BOM once inside",
]
