import AdregArguments
import AdregCore
import AdregFormats
import Foundation

/// `adreg backup DEST`: an online copy while others may keep writing.
enum BackupCommand: AdregCommand {
  static let dest = Argument<String>.required("dest", help: "The new file to write.")

  static let spec = CommandSpec(
    "backup",
    abstract: "Copy the registry to a new file with SQLite's online backup.",
    discussion: """
      Safe while others keep writing. The copy is written to a temporary file beside DEST and renamed into place \
      only when complete, readable by its owner only; check it with 'adreg check --db DEST'. An existing DEST is \
      replaced only with --force, and never while a -wal file of an earlier database with changes in it lies beside it.
      """,
    arguments: [dest.spec],
    options: [SharedOptions.force.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let destination = context.resolve(arguments[Self.dest])
    let staged = try StagedFile(
      destination, replacing: context.force, protecting: context.protectedFiles(), companions: ["-wal", "-shm", "-journal"])
    // SQLite would read a leftover -wal beside DEST together with the new copy, mixing in rows never backed up.
    // An empty one, as a reader of an earlier copy leaves, holds nothing to mix in.
    let wal = destination + "-wal"
    if let size = try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int, size > 0 {
      throw CommandFailure(
        code: ExitCode.dataError, message: "\(wal) lies beside \(destination); remove it or choose another file for the backup")
    }
    try context.registry().backup(to: staged)
    context.io.line("Backed up \(context.databasePath) to \(destination).")
  }
}
