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
    }
  }
}

/// Writes text to a file through a fixed 64 KiB buffer, so memory stays flat however much
/// is exported.
///
/// Files created by the sink get mode 0600: exports hold patient data and must not be
/// readable by other users. Call ``close()`` when done: it is where late write errors (a full
/// disk) surface. If the sink is dropped without `close()`, it still flushes and closes, but
/// any error is lost.
public final class FileSink: TextSink {
  private static let bufferSize = 1 << 16

  /// The path given at creation, or a name like `<stdout>` for a borrowed descriptor.
  public let path: String
  private var fd: Int32
  private let ownsDescriptor: Bool
  private var buffer: [UInt8] = []

  /// Creates (or, when `replacing` is true, truncates) the file at `path` with mode 0600.
  ///
  /// - Throws: ``FileSinkError`` `.exists` when the file exists and `replacing` is false,
  ///   `.cannotCreate` when it cannot be opened for writing.
  public init(path: String, replacing: Bool = true) throws {
    self.path = path
    self.ownsDescriptor = true
    let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (replacing ? O_TRUNC : O_EXCL)
    let descriptor = open(path, flags, mode_t(0o600))
    if descriptor < 0 {
      let code = errno
      throw FileSinkError(
        kind: code == EEXIST && !replacing ? .exists : .cannotCreate,
        path: path,
        reason: String(cString: strerror(code))
      )
    }
    self.fd = descriptor
    buffer.reserveCapacity(Self.bufferSize)
    // open() keeps the mode of a file it truncates; tighten it, but only for regular files,
    // since a path like /dev/stdout must not have its permissions changed.
    var info = stat()
    if fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG {
      _ = fchmod(descriptor, 0o600)
    }
  }

  /// Writes to an already open descriptor, such as standard output, without closing it.
  public init(borrowing descriptor: Int32, name: String) {
    self.path = name
    self.fd = descriptor
    self.ownsDescriptor = false
    buffer.reserveCapacity(Self.bufferSize)
  }

  /// A sink on standard output, for `--output -`.
  public static func standardOutput() -> FileSink {
    FileSink(borrowing: STDOUT_FILENO, name: "<stdout>")
  }

  deinit {
    try? flush()
    if ownsDescriptor && fd >= 0 { _ = systemClose(fd) }
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

  /// Flushes and closes the file; a borrowed descriptor is only flushed. Safe to call twice.
  public func close() throws {
    guard fd >= 0 else { return }
    var failure: (any Error)?
    do {
      try flush()
    } catch {
      failure = error
    }
    let descriptor = fd
    fd = -1
    if ownsDescriptor && systemClose(descriptor) != 0 && failure == nil {
      failure = FileSinkError(kind: .writeFailed, path: path, reason: String(cString: strerror(errno)))
    }
    if let failure { throw failure }
  }
}

// FileSink's own write(_:) and close() shadow the C functions inside the class.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, bytes, count)
}

private func systemClose(_ fd: Int32) -> Int32 {
  close(fd)
}
