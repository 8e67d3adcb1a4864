import AdregDatabase
import AdregFormats

/// Why the registry refused or failed a request, in words for the person at the terminal.
public struct RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// A value is wrong or breaks a rule; nothing was written.
    case invalidData
    /// An input file does not exist or cannot be read.
    case inputMissing
    /// Another user held the registry past the busy timeout; nothing was written.
    case busy
    /// Anything else: the file is not a registry, the disk is full, a newer schema.
    case failure
  }

  public var kind: Kind
  /// What is wrong and how to fix it.
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public static func invalid(_ message: String) -> RegistryError { RegistryError(.invalidData, message) }

  public var description: String { message }
}

extension RegistryError {
  /// Translates a database error into words; constraint failures mean data the schema refused.
  static func from(_ error: DatabaseError) -> RegistryError {
    switch error.extendedResultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      RegistryError(.busy, "the registry is busy: another user has been writing to it for too long; try again")
    case .SQLITE_CONSTRAINT:
      RegistryError(.invalidData, "the registry refused the change (\(error.message)); nothing was written")
    case .SQLITE_NOTADB:
      RegistryError(.failure, "the file is not an adreg registry (not a SQLite database); check --db")
    case .SQLITE_READONLY:
      RegistryError(.failure, "the registry is read-only here; check the file's permissions or use a copy")
    case .SQLITE_CANTOPEN:
      RegistryError(
        .failure, "the registry file cannot be opened (\(error.message)); check the path given with --db")
    default:
      RegistryError(.failure, "the registry could not complete the request: \(error)")
    }
  }
}

extension RegistryError {
  /// A CSV input that cannot be read, as every command that reads one reports it (one problem, one exit code):
  /// nothing at the path, or a path that cannot be read as a file (a folder, no permission, an I/O error), is a
  /// missing input; a file in UTF-16 or UTF-32 is invalid data.
  public init(_ error: CSVFileError) {
    switch error.kind {
    case .missing: self.init(.inputMissing, "\(error); check the path")
    case .unreadable: self.init(.inputMissing, "\(error); check that it is a file you may read")
    case .notText: self.init(.invalidData, "\(error)")
    }
  }

  /// Text that is not CSV, as every command that reads a file reports it: `FILE:LINE: problem`, invalid data.
  public init(_ error: CSVError, file: String) {
    self.init(
      .invalidData,
      "\(file):\(error.line): \(error.message); the file is not valid CSV there, so nothing was imported")
  }

  /// An output file that could not be created or written: the user's to fix, an "other failure".
  /// The same exit code and advice as the CLI gives a failed output file: a refusal that protects a file is invalid
  /// data, a system that cannot write there a failure.
  public init(_ error: FileSinkError) {
    switch error.kind {
    case .exists: self.init(.invalidData, "\(error); give --force to replace it, or choose another name")
    case .sameFile: self.init(.invalidData, "\(error); choose another file")
    case .symbolicLink: self.init(.invalidData, "\(error)")
    case .cannotCreate: self.init(.failure, "\(error); check the folder and its permissions")
    case .notRegularFile, .writeFailed: self.init(.failure, "\(error)")
    }
  }
}

/// Runs `body`, turning database and migration errors into `RegistryError`s.
func translatingErrors<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as DatabaseError {
    throw RegistryError.from(error)
  } catch let error as MigrationError {
    switch error {
    case .unknownMigrations:
      throw RegistryError(.failure, "\(error); use a newer adreg with this registry")
    case .notAPrefix:
      throw RegistryError(.failure, "\(error); open it with the build that wrote it, or restore a backup")
    case .foreignKeyViolations, .foreignKeysStayedOff:
      throw RegistryError(.failure, "\(error)")
    }
  }
}
