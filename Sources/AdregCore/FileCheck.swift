import Foundation

/// What a path names, checked before adreg opens it: a FIFO would block the open forever, and SQLite answers a
/// folder or a device with "disk I/O error".
public enum FileCheck {
  /// The kinds of file adreg tells apart.
  public enum Kind: Sendable, Equatable {
    case regular, folder, fifo, device, socket, other

    /// The kind in words, for an error.
    var words: String {
      switch self {
      case .regular: "a file"
      case .folder: "a folder"
      case .fifo: "a named pipe (FIFO)"
      case .device: "a device"
      case .socket: "a socket"
      case .other: "not a regular file"
      }
    }
  }

  /// What `path` names, following symbolic links; nil when nothing is there.
  public static func kind(of path: String) -> Kind? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    switch info.st_mode & mode_t(S_IFMT) {
    case mode_t(S_IFREG): return .regular
    case mode_t(S_IFDIR): return .folder
    case mode_t(S_IFIFO): return .fifo
    case mode_t(S_IFCHR), mode_t(S_IFBLK): return .device
    case mode_t(S_IFSOCK): return .socket
    default: return .other
    }
  }

  /// Refuses an input that is missing or not a regular file, before anything opens it.
  /// - Parameter name: the path as the user gave it, for the message.
  /// - Throws: `RegistryError` of kind `.inputMissing` (exit 66).
  public static func requireInput(_ path: String, shownAs name: String) throws {
    guard !name.isEmpty else { throw RegistryError(.inputMissing, "no input file given; name the file to read") }
    switch kind(of: path) {
    case nil: throw RegistryError(.inputMissing, "no such file: \(name); check the path")
    case .regular: return
    case let other?:
      throw RegistryError(
        .inputMissing, "\(name) is \(other.words), not a file adreg can read; give the path of a regular file")
    }
  }

  /// Refuses a registry path that names anything but a regular file (or nothing, unless `mustExist`).
  /// - Throws: `RegistryError` of kind `.invalidData` (exit 65) for a folder, FIFO or device; `.inputMissing` when
  ///   `mustExist` and nothing is there.
  public static func requireRegistry(_ path: String, mustExist: Bool) throws {
    switch kind(of: path) {
    case nil:
      if mustExist {
        throw RegistryError(
          .inputMissing, field: .registryPath, "no registry at \(path)",
          fix: "run \(task: .create) to create one, or pass \(option: .registryPath) PATH")
      }
    case .regular: return
    case let other?:
      throw RegistryError(
        .invalidData, field: .registryPath, "the registry \(path) is \(other.words), not a registry file",
        fix: "give a file's path with \(option: .registryPath)")
    }
  }
}
