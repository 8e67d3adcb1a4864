import AdregArguments
import AdregCore
import AdregFormats

/// `adreg check`: integrity, foreign keys, schema version and row counts.
enum CheckCommand: AdregCommand {
  static let spec = CommandSpec(
    "check",
    abstract: "Check the registry: integrity, foreign keys, schema version and objects, row counts.",
    discussion: """
      Every table, index, trigger and view is compared with what adreg's migrations create: one missing, extra or \
      changed is named. Says what is wrong when anything is, and exits 65 for damage (integrity, foreign keys, \
      schema objects) or 1 for a file of another adreg version or program. It changes nothing.
      """)

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    let path = try context.checkedDatabasePath(mustExist: true)
    let report = try Registry.check(at: path)
    switch format {
    case .json:
      context.io.line(
        JSONValue.object([
          ("healthy", .bool(report.isHealthy)), ("integrity", .array(report.integrity.map { .string($0) })),
          ("foreign_key_violations", .int(Int64(report.foreignKeyViolations))),
          ("migrations", .array(report.appliedMigrations.map { .string($0) })),
          ("counts", .object(report.counts.map { ($0.table, .int(Int64($0.rows))) })),
          ("problems", .array(report.problems.map { .string($0) })),
        ]).serialized())
    case .table, .csv:
      context.io.line("Registry: \(path)")
      context.io.line("Integrity: \(report.integrity == ["ok"] ? "ok" : "FAILED")")
      context.io.line("Foreign keys: \(report.foreignKeyViolations == 0 ? "ok" : "\(report.foreignKeyViolations) violation(s)")")
      context.io.line("Schema: \(report.appliedMigrations.last ?? "none") (this adreg knows \(report.knownMigrations.last ?? "none"))")
      if !report.counts.isEmpty {
        context.io.out(TextTable(header: ["table", "rows"], rows: report.counts.map { [$0.table, String($0.rows)] }, numeric: [false, true]).render())
      }
    }
    guard report.isHealthy else {
      // Damage found inside a readable registry is invalid data; a file of another version or program is not.
      throw CommandFailure(
        code: report.damage.isEmpty ? ExitCode.failure : ExitCode.dataError,
        message: "the registry has problems: " + report.problems.joined(separator: "; "))
    }
  }
}
