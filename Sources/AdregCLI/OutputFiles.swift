import AdregCore
import AdregFormats
import Foundation

/// The files a command writes, all through ``FileSink`` and ``StagedFile`` (PRODUCT.md §4b).
///
/// Exit codes: 65 when adreg refuses in order to protect a file — the destination is the
/// registry, its `-wal`/`-shm`/`-journal` or an input of the command (by device and inode), an
/// existing file without `--force`, or a symbolic link; 1 when the system cannot write there —
/// a folder or device at the destination, a missing or read-only folder, a full disk.
extension CommandContext {
  /// `--force`: an existing regular file may be replaced.
  var force: Bool { arguments[SharedOptions.force] }

  /// The registry's files and `inputs` (absolute path, name as the user gave it).
  func protectedFiles(inputs: [(path: String, name: String)] = []) -> [ProtectedFile] {
    let registry = databasePath
    return [ProtectedFile(registry, role: "the registry")]
      + ["-wal", "-shm", "-journal"].map { ProtectedFile(registry + $0, role: "the registry's \($0.dropFirst()) file") }
      + inputs.map { ProtectedFile($0.path, role: "the input file \($0.name)") }
  }

  /// A checked file sink at `path`, replacing an existing file only with `--force`.
  func outputFile(_ path: String, inputs: [(path: String, name: String)] = []) throws -> FileSink {
    try FileSink(path: path, replacing: force, protecting: protectedFiles(inputs: inputs))
  }
}

extension FileSinkError {
  /// The exit code and `Error:` message for this failure in `context`'s command, as every other command error is
  /// mapped (`CLI.failure`).
  func failure(_ context: CommandContext) -> CommandFailure {
    let error = RegistryError(self)
    return CommandFailure(
      code: error.kind == .invalidData ? ExitCode.dataError : ExitCode.failure,
      message: error.message(naming: FieldOptions(path: context.path)))
  }
}
