import AdregDatabase
import AdregFormats

/// Why the registry refused or failed a request, in words for the person at the terminal.
///
/// An error about one value says which `field` it is about, what is wrong (`problem`) and how to fix it (`fix`), in
/// the registry's words; the fields they name are named by whoever shows the error (`message(naming:)`): the CLI by
/// its options, an import by its columns.
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
  /// The field whose value was refused, when the error is about one.
  public var field: RecordField?
  /// What is wrong: the value and the rule it breaks.
  public var problem: Phrase
  /// How to fix it, when the problem does not say.
  public var fix: Phrase?

  public init(_ kind: Kind, _ message: String) {
    self.init(kind, field: nil, Phrase(message))
  }

  public init(_ kind: Kind, field: RecordField?, _ problem: Phrase, fix: Phrase? = nil) {
    self.kind = kind
    self.field = field
    self.problem = problem
    self.fix = fix
  }

  public static func invalid(_ message: String) -> RegistryError { RegistryError(.invalidData, message) }

  /// A value of `field` refused: nothing was written.
  public static func invalid(_ field: RecordField, _ problem: Phrase, fix: Phrase? = nil) -> RegistryError {
    RegistryError(.invalidData, field: field, problem, fix: fix)
  }

  /// The same error, about `field` unless it already names one.
  public func about(_ field: RecordField) -> RegistryError {
    var error = self
    error.field = error.field ?? field
    return error
  }

  /// What is wrong and how to fix it, the fields named in the registry's words.
  public var message: String { message(naming: RegistryNaming()) }

  /// What is wrong and how to fix it, the fields named as `naming` names them.
  public func message(naming: some FieldNaming) -> String {
    let problem = problem.rendered(naming)
    guard let fix else { return problem }
    return problem + "; " + fix.rendered(naming)
  }

  public var description: String { message }
}

/// How a message names the fields it is about: the CLI by the options of the command that ran, an import by the
/// columns of its file, the registry by the fields' own words (`RecordField.label` and `words`).
public protocol FieldNaming {
  /// The field's name where a message starts with it or speaks of it: `birth-year: …`, `site is empty`.
  func label(_ field: RecordField) -> String
  /// The field's name where a message tells where a value goes: `give --date`, `e.g. --days 14`.
  func reference(_ field: RecordField) -> String
  /// The advice to supply a value of `field`: "give --date", "fill stop_date".
  func give(_ field: RecordField) -> String
  /// How the reader does `task`: `'adreg init'`.
  func task(_ task: RegistryTask) -> String
}

extension FieldNaming {
  public func give(_ field: RecordField) -> String { "give \(reference(field))" }
  public func task(_ task: RegistryTask) -> String { task.words }
}

/// The registry's own words for fields, for a message shown without a command or a file.
public struct RegistryNaming: FieldNaming {
  public init() {}
  public func label(_ field: RecordField) -> String { field.label }
  public func reference(_ field: RecordField) -> String { field.words }
}

extension RegistryError {
  /// Words of a message, with the fields they name left to be named by whoever shows it.
  ///
  /// Written as an interpolated string: `"\(label: .onsetDate): \(day.iso) is in the future"`,
  /// `"give \(option: .duplicateOf) \(id)"`, `"\(give: .stopDate)"`, `"run \(task: .create)"`.
  public struct Phrase: Sendable, Equatable, ExpressibleByStringInterpolation {
    public enum Part: Sendable, Equatable {
      case text(String)
      /// A field named as a message's subject (`FieldNaming.label`).
      case label(RecordField)
      /// A field named where a value goes (`FieldNaming.reference`).
      case reference(RecordField)
      /// The advice to supply a field's value (`FieldNaming.give`).
      case give(RecordField)
      /// Something to do with the registry (`FieldNaming.task`).
      case task(RegistryTask)
    }

    public var parts: [Part]

    public init(_ text: String) { parts = [.text(text)] }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    /// The two phrases one after the other.
    public static func + (lhs: Phrase, rhs: Phrase) -> Phrase {
      var interpolation = StringInterpolation(literalCapacity: 0, interpolationCount: 0)
      interpolation.appendInterpolation(lhs)
      interpolation.appendInterpolation(rhs)
      return Phrase(stringInterpolation: interpolation)
    }

    /// Whether the phrase starts by naming a field, as `label: problem` or `label is …` do.
    public var startsWithLabel: Bool {
      if case .label = parts.first { return true }
      return false
    }

    /// The text, each field named as `naming` names it.
    public func rendered(_ naming: some FieldNaming) -> String {
      var text = ""
      for part in parts {
        switch part {
        case .text(let words): text += words
        case .label(let field): text += naming.label(field)
        case .reference(let field): text += naming.reference(field)
        case .give(let field): text += naming.give(field)
        case .task(let task): text += naming.task(task)
        }
      }
      return text
    }

    public struct StringInterpolation: StringInterpolationProtocol {
      var parts: [Part] = []

      public init(literalCapacity: Int, interpolationCount: Int) {
        parts.reserveCapacity(2 * interpolationCount + 1)
      }

      public mutating func appendLiteral(_ literal: String) {
        guard !literal.isEmpty else { return }
        if case .text(let before) = parts.last {
          parts[parts.count - 1] = .text(before + literal)
        } else {
          parts.append(.text(literal))
        }
      }

      public mutating func appendInterpolation(_ value: some Any) { appendLiteral("\(value)") }

      /// Another phrase, its fields left to be named.
      public mutating func appendInterpolation(_ phrase: Phrase) {
        for part in phrase.parts {
          if case .text(let text) = part { appendLiteral(text) } else { parts.append(part) }
        }
      }

      /// The field as the subject of the message: `onset: …`.
      public mutating func appendInterpolation(label field: RecordField) { parts.append(.label(field)) }

      /// The field where a value goes: `give --duplicate-of 3`.
      public mutating func appendInterpolation(option field: RecordField) { parts.append(.reference(field)) }

      /// The advice to supply the field's value: "give --date".
      public mutating func appendInterpolation(give field: RecordField) { parts.append(.give(field)) }

      /// Something to do with the registry: "run 'adreg init'".
      public mutating func appendInterpolation(task: RegistryTask) { parts.append(.task(task)) }
    }
  }
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
    case .exists:
      self.init(
        .invalidData, field: .replaceFile, "\(error)",
        fix: "\(give: .replaceFile) to replace it, or choose another name")
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
