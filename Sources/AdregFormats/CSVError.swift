/// A problem with the content of CSV text, tied to the physical line where it was found.
///
/// Line numbers are 1-based and count line feeds, so they match what a text editor shows
/// for files with LF or CRLF endings, including lines inside quoted multi-line fields.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The 1-based physical line of the problem.
  public var line: Int
  /// What is wrong, in words meant for the person who supplied the file.
  public var message: String

  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }

  /// For example `line 12: unterminated quoted field`.
  public var description: String { "line \(line): \(message)" }
}

/// A problem with a CSV file as a whole, before or while its bytes are read.
public struct CSVFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// Nothing exists at the path (or a directory in it is missing).
    case missing
    /// The path exists but cannot be read: permissions, a directory, or an I/O error.
    case unreadable
    /// The file starts with a UTF-16 or UTF-32 byte-order mark, so it is text, but not UTF-8.
    case notText
  }

  public var kind: Kind
  public var path: String

  public init(kind: Kind, path: String) {
    self.kind = kind
    self.path = path
  }

  public var description: String {
    switch kind {
    case .missing: "no such file: \(path)"
    case .unreadable: "cannot read \(path)"
    case .notText: "\(path) is not UTF-8 text (it looks like UTF-16 or UTF-32; save it as UTF-8 CSV)"
    }
  }
}
