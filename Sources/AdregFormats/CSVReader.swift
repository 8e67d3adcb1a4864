#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One CSV record: its fields and the physical line where it starts.
public struct CSVRecord: Sendable, Equatable {
  /// 1-based physical line of the record's first byte.
  public var line: Int
  public var fields: [String]

  public init(line: Int, fields: [String]) {
    self.line = line
    self.fields = fields
  }
}

/// Streams RFC 4180 records from a file or from bytes in memory.
///
/// Files are read in chunks (1 MiB by default), so memory stays proportional to the longest
/// record, not to the file. Parsing works on UTF-8 bytes in a single pass; each field becomes
/// a `String` once, after its bytes are validated as UTF-8.
///
/// Accepted input, beyond RFC 4180, is what spreadsheets write: LF or CRLF line endings (mixed
/// is fine), a UTF-8 byte-order mark at the start, no newline after the last record, and
/// completely empty lines, which are skipped but still counted. Everything else that is not
/// RFC 4180 is a ``CSVError`` naming the line: a quote inside an unquoted field, text after a
/// closing quote, a carriage return not followed by a line feed outside quotes, an unterminated
/// quoted field (reported at the line where the field starts), invalid UTF-8, and NUL bytes.
///
/// After a `CSVError` the reader stays failed: later calls to ``next()`` throw the same error,
/// because resynchronising after a quoting error would silently shift fields between records.
public final class CSVReader {
  private static let defaultChunkSize = 1 << 20

  private let path: String?
  private let chunkSize: Int
  private var fd: Int32 = -1
  private let memory: [UInt8]
  private var memoryOffset = 0

  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// Unparsed bytes are `storage[start..<end]`.
  private var start = 0
  private var end = 0
  private var atEOF = false
  private var checkedByteOrderMark = false
  /// Physical line of `storage[start]`.
  private var line = 1
  /// Bytes moved out of the buffer by earlier refills: `discarded + start` is the input's offset of `storage[start]`.
  private var discarded = 0
  private var failure: (any Error)?
  /// Doubled quotes must be collapsed before a field becomes a String; reused to avoid allocating.
  private var scratch: [UInt8] = []
  private var expectedFieldCount = 8

  /// Opens a CSV file for streaming.
  ///
  /// - Throws: ``CSVFileError`` with kind `.missing` when nothing is at `path`, `.unreadable`
  ///   when it cannot be opened or read (or is a directory), `.notText` when it starts with a
  ///   UTF-16 or UTF-32 byte-order mark.
  public convenience init(path: String) throws {
    try self.init(path: path, chunkSize: CSVReader.defaultChunkSize)
  }

  /// Reads CSV text held in memory.
  public convenience init(bytes: [UInt8]) {
    self.init(bytes: bytes, chunkSize: CSVReader.defaultChunkSize)
  }

  /// Lets tests force records and quoted fields across chunk boundaries.
  init(path: String, chunkSize: Int) throws {
    self.path = path
    self.chunkSize = max(1, chunkSize)
    self.memory = []
    self.capacity = self.chunkSize
    self.storage = .allocate(capacity: self.capacity)

    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 {
      let code = errno
      throw CSVFileError(kind: code == ENOENT || code == ENOTDIR ? .missing : .unreadable, path: path)
    }
    fd = descriptor
    var info = stat()
    // A directory opens fine on Linux and only fails at read(), with a less helpful error.
    if fstat(descriptor, &info) != 0 || (info.st_mode & S_IFMT) == S_IFDIR {
      throw CSVFileError(kind: .unreadable, path: path)
    }
    try fillAtLeast(4)
    if Self.hasWideByteOrderMark(storage, count: end) {
      throw CSVFileError(kind: .notText, path: path)
    }
  }

  /// Lets tests feed in-memory bytes through the same chunked refill path as files.
  init(bytes: [UInt8], chunkSize: Int) {
    self.path = nil
    self.chunkSize = max(1, chunkSize)
    self.memory = bytes
    self.capacity = self.chunkSize
    self.storage = .allocate(capacity: self.capacity)
  }

  /// How many bytes of the input the records returned so far took, byte-order mark included: with the file's
  /// size, how far a reading has got.
  public var bytesConsumed: Int { discarded + start }

  deinit {
    if fd >= 0 { close(fd) }
    storage.deallocate()
  }

  /// The next record, or nil when the input is exhausted.
  ///
  /// - Throws: ``CSVError`` for malformed text, ``CSVFileError`` when reading the file fails.
  public func next() throws -> CSVRecord? {
    if let failure { throw failure }
    do {
      return try nextRecord()
    } catch {
      failure = error
      throw error
    }
  }

  // MARK: - Buffering

  /// Moves unparsed bytes to the front and appends at least one chunk, or sets `atEOF`.
  private func refill() throws {
    let remaining = end - start
    if start > 0 {
      if remaining > 0 { memmove(storage, storage + start, remaining) }
      discarded += start
      start = 0
      end = remaining
    }
    // Reading as much again as is already buffered keeps re-parsing of a long record linear.
    let want = max(chunkSize, remaining)
    if capacity - end < want {
      let newCapacity = end + want
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      grown.update(from: storage, count: end)
      storage.deallocate()
      storage = grown
      capacity = newCapacity
    }
    let got = try readSource(into: storage + end, count: want)
    if got == 0 { atEOF = true }
    end += got
  }

  private func fillAtLeast(_ count: Int) throws {
    while end - start < count && !atEOF { try refill() }
  }

  /// Fills up to `count` bytes, short only at end of input.
  private func readSource(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
    if path == nil {
      let n = min(count, memory.count - memoryOffset)
      if n > 0 {
        memory.withUnsafeBufferPointer { source in
          if let base = source.baseAddress {
            destination.update(from: base + memoryOffset, count: n)
          }
        }
        memoryOffset += n
      }
      return n
    }
    var total = 0
    while total < count && fd >= 0 {
      let n = read(fd, destination + total, count - total)
      if n > 0 {
        total += n
      } else if n == 0 {
        close(fd)
        fd = -1
      } else if errno != EINTR {
        throw CSVFileError(kind: .unreadable, path: path ?? "")
      }
    }
    return total
  }

  private static func hasWideByteOrderMark(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
    guard count >= 2 else { return false }
    if (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return true }
    return count >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF
  }

  // MARK: - Parsing

  private enum Attempt {
    case record(CSVRecord)
    case needMore
    case end
  }

  private func nextRecord() throws -> CSVRecord? {
    if !checkedByteOrderMark {
      try fillAtLeast(4)
      if end - start >= 3 && storage[start] == 0xEF && storage[start + 1] == 0xBB && storage[start + 2] == 0xBF {
        start += 3
      } else if Self.hasWideByteOrderMark(storage + start, count: end - start) {
        throw CSVError(line: 1, message: "text is UTF-16 or UTF-32, not UTF-8; save it as UTF-8 CSV")
      }
      checkedByteOrderMark = true
    }
    while true {
      switch try attempt() {
      case .record(let record): return record
      case .end: return nil
      case .needMore: try refill()
      }
    }
  }

  /// Parses one record from the buffer. When the buffer ends before the record does and more
  /// input may follow, nothing is consumed and `.needMore` asks for a refill; the record is
  /// then parsed again from its start, which is cheap because this happens once per chunk.
  private func attempt() throws -> Attempt {
    let b = storage
    let n = end
    let eof = atEOF
    var p = start
    var ln = line

    // Empty lines are not records; consume them for good so a refill need not revisit them.
    while p < n {
      if b[p] == 0x0A {
        p += 1
        ln += 1
      } else if b[p] == 0x0D {
        if p + 1 == n {
          if eof {
            // A carriage return as the last byte is a truncated CRLF, not a record.
            p += 1
            break
          }
          start = p
          line = ln
          return .needMore
        }
        guard b[p + 1] == 0x0A else { break }
        p += 2
        ln += 1
      } else {
        break
      }
    }
    start = p
    line = ln
    if p == n { return eof ? .end : .needMore }

    let recordLine = ln
    var fields: [String] = []
    fields.reserveCapacity(expectedFieldCount)

    while true {
      if p == n {
        if !eof { return .needMore }
        // Input ended right after a separator: that is a trailing empty field.
        fields.append("")
        break
      }

      let terminator: UInt8
      if b[p] == 0x22 {
        let fieldLine = ln
        p += 1
        let contentStart = p
        var contentEnd = p
        var hasDoubledQuotes = false
        while true {
          while p < n {
            let c = b[p]
            if c > 0x22 {
              p &+= 1
              continue
            }
            if c == 0x22 { break }
            if c == 0x0A {
              ln &+= 1
            } else if c == 0 {
              throw CSVError(line: ln, message: "file is binary, not CSV")
            }
            p &+= 1
          }
          if p == n {
            if eof { throw CSVError(line: fieldLine, message: "unterminated quoted field") }
            return .needMore
          }
          // b[p] is a quote: either half of a doubled quote or the closing quote.
          if p + 1 == n && !eof { return .needMore }
          if p + 1 < n && b[p + 1] == 0x22 {
            hasDoubledQuotes = true
            p += 2
            continue
          }
          contentEnd = p
          p += 1
          break
        }
        if p == n && !eof { return .needMore }
        terminator = p < n ? b[p] : 0x0A
        if terminator != 0x2C && terminator != 0x0A && terminator != 0x0D {
          if terminator == 0 { throw CSVError(line: ln, message: "file is binary, not CSV") }
          throw CSVError(line: ln, message: "text after closing quote; a quoted field must end at a comma or line end")
        }
        if hasDoubledQuotes {
          fields.append(try unescapedField(b + contentStart, count: contentEnd - contentStart, line: fieldLine))
        } else {
          fields.append(try makeField(b + contentStart, count: contentEnd - contentStart, line: fieldLine))
        }
      } else {
        let fieldStart = p
        while p < n {
          let c = b[p]
          // Every special byte (NUL LF CR quote comma) is at or below the comma.
          if c > 0x2C {
            p &+= 1
            continue
          }
          if c == 0x2C || c == 0x0A || c == 0x0D || c == 0x22 || c == 0 { break }
          p &+= 1
        }
        if p == n && !eof { return .needMore }
        terminator = p < n ? b[p] : 0x0A
        if terminator == 0x22 {
          throw CSVError(line: ln, message: "quote inside unquoted field; quote the whole field and double the quotes in it")
        }
        if terminator == 0 { throw CSVError(line: ln, message: "file is binary, not CSV") }
        fields.append(try makeField(b + fieldStart, count: p - fieldStart, line: ln))
      }

      if terminator == 0x2C {
        p += 1
        continue
      }
      if p == n { break }
      if terminator == 0x0A {
        p += 1
        ln += 1
        break
      }
      // Carriage return: only valid as the first half of CRLF, or as the very last byte.
      if p + 1 == n {
        if !eof { return .needMore }
        p += 1
        break
      }
      guard b[p + 1] == 0x0A else {
        throw CSVError(line: ln, message: "control character (carriage return) outside quotes; quote the field")
      }
      p += 2
      ln += 1
      break
    }

    start = p
    line = ln
    expectedFieldCount = fields.count
    return .record(CSVRecord(line: recordLine, fields: fields))
  }

  @inline(__always)
  private func makeField(_ base: UnsafePointer<UInt8>, count: Int, line: Int) throws -> String {
    if count == 0 { return "" }
    let bytes = UnsafeBufferPointer(start: base, count: count)
    // String(validating:as:) goes through unspecialized generic code and costs more than the
    // whole parse; a hand-written check followed by String(decoding:) is several times faster.
    guard UTF8Validation.isValid(bytes) else {
      throw CSVError(line: Self.lineOfInvalidUTF8(bytes, fieldLine: line), message: "not valid UTF-8 text")
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private func unescapedField(_ base: UnsafePointer<UInt8>, count: Int, line: Int) throws -> String {
    scratch.removeAll(keepingCapacity: true)
    scratch.reserveCapacity(count)
    var i = 0
    while i < count {
      let c = base[i]
      scratch.append(c)
      // Inside a closed quoted field every quote is doubled, so skip the second of each pair.
      i += c == 0x22 ? 2 : 1
    }
    return try scratch.withUnsafeBufferPointer { collapsed in
      guard let collapsedBase = collapsed.baseAddress else { return "" }
      return try makeField(collapsedBase, count: collapsed.count, line: line)
    }
  }

  /// Only runs on the error path, so a quoted multi-line field reports the line of the bad byte.
  private static func lineOfInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, fieldLine: Int) -> Int {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    scan: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): offset += encoded.count
      case .error, .emptyInput: break scan
      }
    }
    var line = fieldLine
    for byte in bytes[..<min(offset, bytes.count)] where byte == 0x0A { line += 1 }
    return line
  }
}
