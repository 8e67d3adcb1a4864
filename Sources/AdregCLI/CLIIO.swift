import AdregFormats
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a run of adreg reads and writes: the process's streams, or buffers in tests.
public final class CLIIO {
  /// Environment variables (`ADREG_DB`, `ADREG_USER`, `USER`, …).
  public var environment: [String: String]
  /// The folder relative paths start from.
  public var currentDirectory: String
  /// True when a person types at standard input and reads standard error: prompts then.
  public var isInteractive: Bool
  /// True when standard error is a terminal: long work then redraws a progress line there.
  public var showsProgress: Bool
  /// The wall clock, for "today" and audit times.
  public var now: @Sendable () -> Date
  let writeOutput: (String) -> Void
  let writeError: (String) -> Void
  let readInputLine: () -> String?
  /// Why writing standard output failed (a full disk, a closed pipe), or nil while it works.
  let outputError: () -> String?
  /// Ends standard output and returns why it failed, if it did: the last write or the close.
  let closeOutput: () -> String?

  public init(
    environment: [String: String], currentDirectory: String, isInteractive: Bool, showsProgress: Bool? = nil,
    now: @escaping @Sendable () -> Date = Date.init,
    output: @escaping (String) -> Void, error: @escaping (String) -> Void, input: @escaping () -> String?,
    outputError: @escaping () -> String? = { nil }, closeOutput: @escaping () -> String? = { nil }
  ) {
    self.environment = environment
    self.currentDirectory = currentDirectory
    self.isInteractive = isInteractive
    self.showsProgress = showsProgress ?? isInteractive
    self.now = now
    self.writeOutput = output
    self.writeError = error
    self.readInputLine = input
    self.outputError = outputError
    self.closeOutput = closeOutput
  }

  /// The process's own streams and environment.
  public static var standard: CLIIO {
    let output = StandardOutput()
    return CLIIO(
      environment: ProcessInfo.processInfo.environment,
      currentDirectory: FileManager.default.currentDirectoryPath,
      isInteractive: isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1,
      showsProgress: isatty(STDERR_FILENO) == 1,
      output: output.write,
      error: { _ = writeAll(STDERR_FILENO, $0) },
      input: { TerminalInput.readAnswer() },
      outputError: output.error,
      closeOutput: output.close)
  }

  /// Writes to standard output.
  public func out(_ text: String) { writeOutput(text) }
  /// Writes a line to standard output.
  public func line(_ text: String = "") { writeOutput(text + "\n") }
  /// Writes a line that shows stored text to standard output, escaped (`DisplayText.escaped`): a line break or an
  /// escape sequence in a note cannot forge a line or reach the terminal.
  func line(escaping text: String) { writeOutput(DisplayText.escaped(text) + "\n") }
  /// Writes a line to standard error.
  public func err(_ text: String) { writeError(text.hasSuffix("\n") ? text : text + "\n") }
  /// Asks a question on standard error and reads the answer.
  func ask(_ prompt: String) -> String? {
    writeError(prompt)
    return readInputLine()
  }
}

/// Standard output, every write checked: after the first failure nothing more is written, and the
/// failure is what `CLI.run` reports.
final class StandardOutput {
  private var failure: Int32?

  func write(_ text: String) {
    guard failure == nil else { return }
    failure = writeAll(STDOUT_FILENO, text)
  }

  func error() -> String? { failure.map { String(cString: strerror($0)) } }

  /// Closes the descriptor, where a file system that defers errors (NFS) reports them.
  func close() -> String? {
    if failure == nil && Glibc.close(STDOUT_FILENO) != 0 && errno != EBADF && errno != EINTR { failure = errno }
    return error()
  }
}

/// Writes all of `text` to a file descriptor, retrying short writes; unbuffered, so output and errors keep their order.
/// - Returns: the `errno` of a failed write, or nil.
func writeAll(_ fd: Int32, _ text: String) -> Int32? {
  var text = text
  return text.withUTF8 { buffer -> Int32? in
    guard let base = buffer.baseAddress else { return nil }
    var offset = 0
    while offset < buffer.count {
      let written = write(fd, base + offset, buffer.count - offset)
      if written <= 0 {
        if written < 0 && errno == EINTR { continue }
        return written < 0 ? errno : EIO
      }
      offset += written
    }
    return nil
  }
}
