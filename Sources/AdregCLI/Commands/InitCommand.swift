import AdregArguments
import AdregCore

/// `adreg init`: create or upgrade the registry.
enum InitCommand: AdregCommand {
  static let site = Option<String?>.value(
    "site", "site", help: "Make this the default site for patient codes (default: \(Registry.initialSite)).")

  static let spec = CommandSpec(
    "init",
    abstract: "Create or upgrade the registry; seed vocabularies and trial references.",
    discussion: """
      Running it again is harmless: it applies only what is missing. The file is readable by its owner only. \
      A SQLite database of another program (tables but no adreg schema) is refused and left as it is.
      """,
    options: [site.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let path = try context.checkedDatabasePath(mustExist: false)
    let user = try context.auditUser()
    let (registry, applied) = try Registry.initialize(
      at: path, user: user, today: context.todayForWriting(), defaultSite: arguments[Self.site], clock: context.io.now)
    let site = try registry.defaultSite()
    if applied.isEmpty {
      context.io.line("Registry \(path) is up to date (default site: \(site)).")
    } else {
      context.io.line(
        "Registry \(path) ready: applied \(applied.joined(separator: ", ")); default site: \(site).")
    }
  }
}
