import AdregArguments
import AdregCore

/// `adreg restore BACKUP [--force]`: the registry's contents replaced from a backup that passes `check`.
enum RestoreCommand: AdregCommand {
  static let force = Option<Bool>.flag("force", help: "Replace a registry that holds data.")
  static let backup = Argument<String>.required("backup", help: "The backup file, as 'adreg backup' wrote it.")

  static let spec = CommandSpec(
    "restore",
    abstract: "Replace the registry's contents with a backup's, after the backup passes check.",
    discussion: """
      The backup must pass 'adreg check' (integrity, foreign keys, every schema object) and have this adreg's \
      schema or an earlier one, which is upgraded as 'adreg init' does; one of a newer adreg is refused. It is \
      copied into the registry with SQLite's online backup, in one transaction, so a leftover write-ahead log \
      cannot mix in rows that were never in the backup, and others see the old registry or the restored one. \
      The restored registry's audit trail records the restore, the backup file and its row counts. A registry \
      that holds data is replaced only with --force: keep a copy of it first with 'adreg backup FILE'. \
      The backup file is only read.
      """,
    arguments: [backup.spec],
    options: [force.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let name = arguments[Self.backup]
    let backup = try context.inputFile(name)
    let path = try context.checkedDatabasePath(mustExist: false)
    let summary = try Registry.restore(
      from: backup, into: path, user: context.auditUser(), today: context.todayForWriting(),
      force: arguments[Self.force], busyTimeout: context.busyTimeout, clock: context.io.now)
    let counts = summary.counts.filter { ["patient", "case_report", "dose", "visit", "follow_up"].contains($0.table) }
      .map { "\($0.table) \($0.rows)" }.joined(separator: ", ")
    let upgrade = summary.upgraded.isEmpty ? "" : "; upgraded with \(summary.upgraded.joined(separator: ", "))"
    context.io.line("Restored \(path) from \(backup) (schema \(summary.backupSchema)\(upgrade)); rows: \(counts).")
  }
}
