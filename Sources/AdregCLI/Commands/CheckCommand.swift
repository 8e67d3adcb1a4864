import AdregArguments
import AdregCore
import AdregFormats

/// `adreg check`: integrity, foreign keys, schema version and row counts.
enum CheckCommand: AdregCommand {
  static let spec = CommandSpec(
    "check",
    abstract: "Check the registry: integrity, foreign keys, schema version, row counts.",
    discussion: "Exits 1 and says what is wrong when anything is. It changes nothing.")

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    let report = try Registry.check(at: context.databasePath)
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
      context.io.line("Registry: \(context.databasePath)")
      context.io.line("Integrity: \(report.integrity == ["ok"] ? "ok" : "FAILED")")
      context.io.line("Foreign keys: \(report.foreignKeyViolations == 0 ? "ok" : "\(report.foreignKeyViolations) violation(s)")")
      context.io.line("Schema: \(report.appliedMigrations.last ?? "none") (this adreg knows \(report.knownMigrations.last ?? "none"))")
      if !report.counts.isEmpty {
        context.io.out(TextTable(header: ["table", "rows"], rows: report.counts.map { [$0.table, String($0.rows)] }, numeric: [false, true]).render())
      }
    }
    guard report.isHealthy else {
      throw CommandFailure(code: ExitCode.failure, message: "the registry has problems: " + report.problems.joined(separator: "; "))
    }
  }
}
