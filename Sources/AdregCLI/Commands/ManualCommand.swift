import AdregArguments

/// `adreg manual`: the man page, in roff, generated from the command declarations.
enum ManualCommand: AdregCommand {
  static let spec = CommandSpec(
    "manual",
    abstract: "Write adreg's man page (roff, section 1) to standard output.",
    discussion: "Install it with 'adreg manual > /usr/local/share/man/man1/adreg.1', or read it with 'adreg manual | man -l -'.")

  /// What the declarations do not say: exit codes, environment and files, as PRODUCT.md §5 gives them.
  static let sections: [ManualSection] = [
    ManualSection(
      "EXIT STATUS",
      entries: [
        .init("0", "Success."),
        .init("1", "Any other failure."),
        .init("64", "Usage error: an unknown command or option, or a missing argument."),
        .init("65", "Invalid data: a value, a file's content or the registry failed a check."),
        .init("66", "An input file is missing."),
        .init("75", "The registry stayed busy past the timeout; try again."),
      ]),
    ManualSection(
      "ENVIRONMENT",
      entries: [
        .init("ADREG_DB", "The registry file when --db is not given (default: adreg.sqlite in the working directory)."),
        .init("ADREG_USER", "The user recorded in the audit trail when --user is not given (default: the login name)."),
      ]),
    ManualSection(
      "FILES",
      entries: [
        .init("adreg.sqlite", "The registry in the working directory, unless --db or ADREG_DB names another."),
        .init("adreg.sqlite-wal, adreg.sqlite-shm", "SQLite's write-ahead log and shared memory beside the registry."),
      ]),
  ]

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    context.io.out(context.parser.manualPage(sections: sections))
  }
}
