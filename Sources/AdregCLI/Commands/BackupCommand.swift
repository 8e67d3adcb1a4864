import AdregArguments
import AdregCore

/// `adreg backup DEST`: an online copy while others may keep writing.
enum BackupCommand: AdregCommand {
  static let spec = CommandSpec(
    "backup",
    abstract: "Copy the registry to a new file with SQLite's online backup.",
    discussion: "Safe while others keep writing. The copy is readable by its owner only; check it with 'adreg check --db DEST'.",
    arguments: [ArgumentSpec("dest", help: "The new file to write; it must not exist yet.")])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let destination = context.resolve(arguments.positional("dest") ?? "")
    try context.registry().backup(to: destination)
    context.io.line("Backed up \(context.databasePath) to \(destination).")
  }
}
