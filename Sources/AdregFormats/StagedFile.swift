#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file adreg must never write over, such as the registry or an input of the same command.
public struct ProtectedFile: Sendable, Equatable {
  public var path: String
  /// What the file is, for the error message: "the registry", "the imported file new.csv".
  public var role: String

  public init(_ path: String, role: String) {
    self.path = path
    self.role = role
  }
}

/// A destination file written the safe way (PRODUCT.md §4b): every check up front, then a
/// temporary file in the same folder that only ``commit()`` renames into place.
///
/// Creating one refuses, by device and inode, a destination that is one of the protected files
/// (so a symlink or hard link to the registry is caught); refuses a symbolic link at the
/// destination even when replacing, since replacing the link would surprise whoever made it, and
/// following it would write somewhere the user did not name; refuses anything but a regular file;
/// and refuses an existing file unless `replacing`. The temporary file has mode 0600 and is removed
/// on ``discard()``, when the value is dropped uncommitted, and on SIGINT, SIGTERM and SIGHUP.
public final class StagedFile {
  /// The file to create or replace, as given.
  public let destination: String
  /// The temporary file being written, in the destination's folder.
  public let temporaryPath: String
  /// The temporary's open descriptor, `-1` once committed or discarded.
  public private(set) var descriptor: Int32
  private let replacing: Bool
  private let companions: [String]
  private var slots: [Int] = []

  /// Checks the destination and creates the temporary file.
  ///
  /// - Parameters:
  ///   - replacing: true when the user gave `--force`: an existing regular file is replaced.
  ///   - protecting: files the destination must not be.
  ///   - companions: suffixes of files a writer creates beside the temporary (SQLite's `-wal`,
  ///     `-shm`, `-journal`), removed with it.
  /// - Throws: ``FileSinkError``.
  public init(
    _ destination: String, replacing: Bool, protecting: [ProtectedFile] = [], companions: [String] = []
  ) throws {
    self.destination = destination
    self.replacing = replacing
    self.companions = companions
    var target = stat()
    if stat(destination, &target) == 0 {
      for file in protecting {
        var other = stat()
        if stat(file.path, &other) == 0 && other.st_dev == target.st_dev && other.st_ino == target.st_ino {
          throw FileSinkError(kind: .sameFile, path: destination, reason: file.role)
        }
      }
    }
    var link = stat()
    if lstat(destination, &link) == 0 {
      switch link.st_mode & S_IFMT {
      case S_IFLNK: throw FileSinkError(kind: .symbolicLink, path: destination, reason: "")
      case S_IFDIR: throw FileSinkError(kind: .notRegularFile, path: destination, reason: "it is a folder")
      case S_IFREG:
        if !replacing { throw FileSinkError(kind: .exists, path: destination, reason: "") }
      default: throw FileSinkError(kind: .notRegularFile, path: destination, reason: "it is a device, FIFO or socket")
      }
    }
    let slash = destination.lastIndex(of: "/")
    let folder = slash.map { $0 == destination.startIndex ? "/" : String(destination[..<$0]) } ?? "."
    let base = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
    var folderInfo = stat()
    guard stat(folder, &folderInfo) == 0, (folderInfo.st_mode & S_IFMT) == S_IFDIR else {
      throw FileSinkError(kind: .cannotCreate, path: destination, reason: "the folder \(folder) does not exist")
    }
    // A leading dot keeps the temporary out of plain listings. Its name is registered for removal before the file
    // exists, so a signal at any moment (on any thread) leaves nothing behind; O_EXCL makes the name unique.
    let prefix = "\(folder == "/" ? "" : folder)/.\(base).adreg-"
    var fd: Int32 = -1
    var path = ""
    while fd < 0 {
      path = prefix + Self.randomSuffix()
      slots = ([path] + companions.map { path + $0 }).map(TemporaryFiles.register)
      fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      if fd < 0 {
        let error = errno
        slots.forEach(TemporaryFiles.unregister)
        slots = []
        if error != EEXIST {
          throw FileSinkError(kind: .cannotCreate, path: destination, reason: String(cString: strerror(error)))
        }
      }
    }
    temporaryPath = path
    descriptor = fd
    _ = fchmod(fd, 0o600)
  }

  /// Six letters or digits, as `mkstemp` would choose them.
  private static func randomSuffix() -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    return String((0..<6).map { _ in alphabet.randomElement()! })
  }

  deinit { discard() }

  /// Makes the temporary's contents durable and renames it to the destination.
  ///
  /// Without `replacing`, a file created at the destination since the checks is not replaced:
  /// the temporary is hard-linked into place, which fails when the name is taken.
  /// - Throws: ``FileSinkError`` `.writeFailed` or `.exists`; the temporary is then removed.
  public func commit() throws {
    guard descriptor >= 0 else {
      throw FileSinkError(kind: .writeFailed, path: destination, reason: "the file is already closed")
    }
    do {
      if fsync(descriptor) != 0 { throw failure(.writeFailed) }
      let fd = descriptor
      descriptor = -1
      if close(fd) != 0 { throw failure(.writeFailed) }
      if replacing {
        if rename(temporaryPath, destination) != 0 { throw failure(.writeFailed) }
      } else if link(temporaryPath, destination) == 0 {
        _ = unlink(temporaryPath)
      } else if errno == EEXIST {
        throw FileSinkError(kind: .exists, path: destination, reason: "")
      } else {
        // A file system without hard links (FAT, some network shares): check, then rename.
        var info = stat()
        if lstat(destination, &info) == 0 { throw FileSinkError(kind: .exists, path: destination, reason: "") }
        if rename(temporaryPath, destination) != 0 { throw failure(.writeFailed) }
      }
    } catch {
      discard()
      throw error
    }
    syncFolder()
    release()
  }

  /// Closes and removes the temporary and its companions; the destination is left as it was.
  public func discard() {
    if descriptor >= 0 {
      _ = close(descriptor)
      descriptor = -1
    }
    guard !slots.isEmpty else { return }
    for path in [temporaryPath] + companions.map({ temporaryPath + $0 }) { _ = unlink(path) }
    release()
  }

  private func release() {
    for slot in slots { TemporaryFiles.unregister(slot) }
    slots = []
  }

  private func failure(_ kind: FileSinkError.Kind) -> FileSinkError {
    FileSinkError(kind: kind, path: destination, reason: String(cString: strerror(errno)))
  }

  /// Makes the rename itself durable; a failure here loses nothing the user can act on.
  private func syncFolder() {
    let folder = temporaryPath[..<(temporaryPath.lastIndex(of: "/") ?? temporaryPath.endIndex)]
    let fd = open(folder.isEmpty ? "/" : String(folder), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 {
      _ = fsync(fd)
      _ = close(fd)
    }
  }
}

/// The temporary files being written, removed by a signal handler on SIGINT, SIGTERM and SIGHUP.
///
/// The handler may only call async-signal-safe functions, so the table is a fixed array of C
/// strings allocated before the handler is installed: a slot's string is complete before its
/// pointer is stored, and the pointer is cleared before the string is freed.
enum TemporaryFiles {
  static let capacity = 64
  nonisolated(unsafe) static let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    table.initialize(repeating: nil, count: capacity)
    return table
  }()
  nonisolated(unsafe) static var installed = false

  /// Records `path` for removal on a signal; returns its slot, or -1 when the table is full.
  static func register(_ path: String) -> Int {
    installHandlers()
    guard let slot = (0..<capacity).first(where: { table[$0] == nil }) else { return -1 }
    table[slot] = strdup(path)
    return slot
  }

  static func unregister(_ slot: Int) {
    guard slot >= 0, let path = table[slot] else { return }
    table[slot] = nil
    free(path)
  }

  private static func installHandlers() {
    guard !installed else { return }
    installed = true
    _ = table
    // A parent may hand down these signals blocked (Foundation's Process does): `kill` would then do
    // nothing until adreg ends. A signal the parent meant to keep away is ignored, not blocked.
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblocked, signal) }
    _ = pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { signal in
        for slot in 0..<TemporaryFiles.capacity {
          if let path = TemporaryFiles.table[slot] { _ = unlink(path) }
        }
        // SA_RESETHAND restored the default action; the signal raised again ends the process
        // as it would have, once this handler returns.
        _ = raise(signal)
      }
      action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
      sigemptyset(&action.sa_mask)
      var previous = sigaction()
      _ = sigaction(signal, &action, &previous)
      // A signal the shell ignored (a background job's SIGINT, nohup's SIGHUP) stays ignored.
      if unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { _ = sigaction(signal, &previous, nil) }
    }
  }
}
