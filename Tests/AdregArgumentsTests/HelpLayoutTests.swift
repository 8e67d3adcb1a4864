import AdregArguments
import Testing

@Suite("Help layout")
struct HelpLayoutTests {
  let parser = Fixture.parser

  @Test("the tool's help has overview, discussion, usage, options with --version, and subcommands")
  func rootHelp() {
    let expected = """
      OVERVIEW: A registry of skin reactions to dupilumab.

      Every reaction is recorded against a patient code; nothing that identifies a
      person is stored. Dates are written YYYY-MM-DD.

      USAGE: adreg <subcommand>

      OPTIONS:
        --db <path>             The registry database file.
        --user <name>           Who is making the change, for the audit trail.
        --as-of <date>          Treat this date as today (YYYY-MM-DD).
        --format <format>       Output format. (values: text, json, csv)
        --version               Show the version.
        -h, --help              Show help information.

      SUBCOMMANDS:
        record                  Record a skin reaction to dupilumab.
        patient                 Manage patients.

        See 'adreg help <subcommand>' for detailed help.
      """
    #expect(parser.help(for: []) == expected)
  }

  @Test("a command's help has arguments, its options then the globals, wrapped at 80 columns")
  func commandHelp() {
    let expected = """
      OVERVIEW: Record a skin reaction to dupilumab.

      USAGE: adreg record <code> --onset <date> --category <category> [--reported <date>] [--answer <answer> ...] [--note <note>] [--dry-run] [<options>]

      ARGUMENTS:
        <code>                  The patient code.

      OPTIONS:
        -o, --onset <date>      The day the reaction began (YYYY-MM-DD).
        --category <category>   The kind of reaction. (values: conjunctivitis,
                                facial-erythema, injection-site, other)
        --reported <date>       The day the reaction was reported; defaults to today.
        --answer <answer>       A questionnaire answer as item=value; may be repeated.
        --note <note>           Free text kept with the record.
        -n, --dry-run           Check the record without saving it.
        --db <path>             The registry database file.
        --user <name>           Who is making the change, for the audit trail.
        --as-of <date>          Treat this date as today (YYYY-MM-DD).
        --format <format>       Output format. (values: text, json, csv)
        -h, --help              Show help information.
      """
    #expect(parser.help(for: ["record"]) == expected)
  }

  @Test("a nested group's help points at 'help <group> <subcommand>'")
  func groupHelp() {
    let expected = """
      OVERVIEW: Manage patients.

      USAGE: adreg patient <subcommand>

      OPTIONS:
        --db <path>             The registry database file.
        --user <name>           Who is making the change, for the audit trail.
        --as-of <date>          Treat this date as today (YYYY-MM-DD).
        --format <format>       Output format. (values: text, json, csv)
        -h, --help              Show help information.

      SUBCOMMANDS:
        add                     Add a patient to the registry.
        list                    List patients.

        See 'adreg help patient <subcommand>' for detailed help.
      """
    #expect(parser.help(for: ["patient"]) == expected)
  }

  @Test("optional positionals are bracketed and a label too wide for the column puts help below")
  func nestedCommandHelp() {
    let expected = """
      OVERVIEW: Add a patient to the registry.

      USAGE: adreg patient add <code> [<sex>] --start <date> [--site <site>] [--referring-clinician <name>] [<options>]

      ARGUMENTS:
        <code>                  The new patient's code.
        <sex>                   Sex at birth. (values: f, m)

      OPTIONS:
        --start <date>          The day dupilumab was started.
        --site <site>           The treating site.
        --referring-clinician <name>
                                Who referred the patient.
        --db <path>             The registry database file.
        --user <name>           Who is making the change, for the audit trail.
        --as-of <date>          Treat this date as today (YYYY-MM-DD).
        --format <format>       Output format. (values: text, json, csv)
        -h, --help              Show help information.
      """
    #expect(parser.help(for: ["patient", "add"]) == expected)
  }

  @Test("no help line is wider than 80 columns except the usage line")
  func width() {
    for path in [[], ["record"], ["patient"], ["patient", "add"], ["patient", "list"]] {
      let lines = parser.help(for: path).split(separator: "\n").filter { !$0.hasPrefix("USAGE: ") }
      #expect(lines.allSatisfy { $0.count <= 80 }, "\(path)")
    }
  }

  @Test("required globals are spelled out in usage and a command without options has no [<options>]")
  func usageFolding() {
    let root = CommandSpec(
      "tool", abstract: "",
      subcommands: [CommandSpec("sync", abstract: "Sync.", arguments: [ArgumentSpec("source", help: "")])])
    let withRequired = CommandLineParser(
      toolName: "tool", version: "1", root: root,
      globalOptions: [.value("db", "path", help: "", required: true), .flag("quiet", help: "")])
    #expect(withRequired.help(for: ["sync"]).contains("\nUSAGE: tool sync <source> --db <path> [<options>]\n"))
    let bare = CommandLineParser(toolName: "tool", version: "1", root: root, globalOptions: [])
    #expect(bare.help(for: ["sync"]).hasPrefix("OVERVIEW: Sync.\n\nUSAGE: tool sync <source>\n\nARGUMENTS:\n  <source>\n\nOPTIONS:\n"))
  }
}
