#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Somewhere UTF-8 text is written to, piece by piece: a file, a string, a byte buffer.
///
/// The requirement takes bytes because writers assemble records as bytes, which is several
/// times faster than appending to a `String`. Writers in this module hand over complete
/// records or lines, so a sink never sees half a UTF-8 sequence.
public protocol TextSink {
  /// Appends UTF-8 bytes; the buffer is only valid during the call.
  mutating func write(_ utf8: UnsafeBufferPointer<UInt8>) throws
}

extension TextSink {
  /// Appends a string as UTF-8.
  public mutating func write(_ text: String) throws {
    var text = text
    try text.withUTF8 { try write($0) }
  }
}

/// Collects everything written into one `String`.
public struct StringSink: TextSink, Sendable {
  public private(set) var text = ""

  public init() {}

  public mutating func write(_ utf8: UnsafeBufferPointer<UInt8>) {
    text.append(String(decoding: utf8, as: UTF8.self))
  }
}

/// Collects everything written as UTF-8 bytes.
public struct ByteSink: TextSink, Sendable {
  public private(set) var bytes: [UInt8] = []

  public init() {}

  public mutating func write(_ utf8: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: utf8)
  }
}

/// A failure to create or write an output file.
public struct FileSinkError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// The file already exists and the sink was asked not to replace it.
    case exists
    /// The file could not be created or opened for writing.
    case cannotCreate
    /// Writing (or flushing on close) failed, for example because the disk is full.
    case writeFailed
    /// The destination is, by device and inode, a protected file (the registry, an input); the
    /// reason names it.
    case sameFile
    /// The destination is a symbolic link, which is neither followed nor replaced.
    case symbolicLink
    /// The destination is a folder, a device, a FIFO or a socket.
    case notRegularFile
  }

  public var kind: Kind
  public var path: String
  /// The operating system's explanation, such as "No space left on device".
  public var reason: String

  public init(kind: Kind, path: String, reason: String) {
    self.kind = kind
    self.path = path
    self.reason = reason
  }

  public var description: String {
    switch kind {
    case .exists: "\(path) already exists"
    case .cannotCreate: "cannot create \(path): \(reason)"
    case .writeFailed: "cannot write \(path): \(reason)"
    case .sameFile: "\(path) is \(reason) (the same file, by device and inode), which adreg never writes over"
    case .symbolicLink: "\(path) is a symbolic link; adreg neither follows nor replaces a link, so give the file's own path"
    case .notRegularFile: "cannot write \(path): \(reason); give the name of a regular file"
    }
  }
}

/// Writes text to a file through a fixed 64 KiB buffer, so memory stays flat however much
/// is exported; adreg's one writer of files (PRODUCT.md §4b).
///
/// A file sink writes a ``StagedFile``: a temporary file with mode 0600 in the destination's
/// folder, which ``close()`` flushes, syncs and renames into place. Until then the destination
/// is untouched, so an error, a full disk or a signal leaves the old file or no file, never a
/// partial one. A sink dropped without `close()`, or given up with ``discard()``, writes nothing.
public final class FileSink: TextSink {
  private static let bufferSize = 1 << 16

  /// The path given at creation, or a name like `<stdout>` for a borrowed descriptor.
  public let path: String
  private var fd: Int32
  private let staged: StagedFile?
  private var buffer: [UInt8] = []

  /// Prepares to write the file at `path`, checked as ``StagedFile`` checks it.
  ///
  /// - Parameters:
  ///   - replacing: whether an existing regular file may be replaced (the user's `--force`).
  ///   - protecting: files `path` must not be, by device and inode.
  /// - Throws: ``FileSinkError``: `.exists`, `.sameFile`, `.symbolicLink`, `.notRegularFile`,
  ///   `.cannotCreate`.
  public init(path: String, replacing: Bool = true, protecting: [ProtectedFile] = []) throws {
    self.path = path
    let staged = try StagedFile(path, replacing: replacing, protecting: protecting)
    self.staged = staged
    self.fd = staged.descriptor
    buffer.reserveCapacity(Self.bufferSize)
  }

  /// Writes to an already open descriptor, such as standard output, without closing it.
  public init(borrowing descriptor: Int32, name: String) {
    self.path = name
    self.fd = descriptor
    self.staged = nil
    buffer.reserveCapacity(Self.bufferSize)
  }

  /// A sink on standard output, for `--output -`.
  public static func standardOutput() -> FileSink {
    FileSink(borrowing: STDOUT_FILENO, name: "<stdout>")
  }

  deinit {
    if let staged {
      staged.discard()
    } else {
      try? flush()
    }
  }

  public func write(_ utf8: UnsafeBufferPointer<UInt8>) throws {
    guard fd >= 0 else {
      throw FileSinkError(kind: .writeFailed, path: path, reason: "the file is already closed")
    }
    buffer.append(contentsOf: utf8)
    if buffer.count >= Self.bufferSize { try flush() }
  }

  /// Appends a string as UTF-8; callable on a `let` sink, unlike the protocol's mutating form.
  public func write(_ text: String) throws {
    var text = text
    try text.withUTF8 { try write($0) }
  }

  /// Hands buffered bytes to the operating system.
  public func flush() throws {
    guard !buffer.isEmpty, fd >= 0 else { return }
    let descriptor = fd
    let failure: Int32? = buffer.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        guard let base = bytes.baseAddress else { return nil }
        let n = systemWrite(descriptor, base + offset, bytes.count - offset)
        if n > 0 {
          offset += n
        } else if n < 0 && errno == EINTR {
          continue
        } else {
          return n < 0 ? errno : EIO
        }
      }
      return nil
    }
    buffer.removeAll(keepingCapacity: true)
    if let failure {
      throw FileSinkError(kind: .writeFailed, path: path, reason: String(cString: strerror(failure)))
    }
  }

  /// Flushes, syncs and renames the file into place; a borrowed descriptor is only flushed.
  /// Safe to call twice.
  ///
  /// - Throws: ``FileSinkError`` `.writeFailed` (the temporary is then removed and the
  ///   destination left as it was), or `.exists` when a file appeared at the destination meanwhile.
  public func close() throws {
    guard fd >= 0 else { return }
    do {
      try flush()
    } catch {
      discard()
      throw error
    }
    fd = -1
    try staged?.commit()
  }

  /// Gives up the file: buffered bytes are dropped and the temporary removed. Safe after `close()`.
  public func discard() {
    buffer.removeAll()
    fd = -1
    staged?.discard()
  }
}

// FileSink's own write(_:) and close() shadow the C functions inside the class.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, bytes, count)
}
