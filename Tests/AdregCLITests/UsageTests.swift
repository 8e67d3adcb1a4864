import Testing

@Suite("Usage errors, help and version")
struct UsageTests {
  @Test("an unknown option is exit 64 with a suggestion, the usage line and where to find help")
  func unknownOption() throws {
    let h = try Harness()
    let result = h.run("record", "P1", "--onsett", "2025-01-01")
    #expect(result.status == 64)
    #expect(result.error.contains("Error: Unknown option '--onsett'. Did you mean '--onset'?"))
    #expect(result.error.contains("Usage: adreg record <code>"))
    #expect(result.error.contains("See 'adreg record --help' for more information."))
    #expect(result.output.isEmpty)
  }

  @Test("an unknown command is exit 64 with a suggestion")
  func unknownCommand() throws {
    let h = try Harness()
    let result = h.run("recrod")
    #expect(result.status == 64)
    #expect(result.error.contains("Did you mean 'record'?"))
  }

  @Test("global options are accepted before and after the command")
  func globalPlacement() throws {
    let h = try Harness()
    let db = h.path("other.sqlite")
    #expect(h.run(["--db", db, "init"]).status == 0)
    #expect(h.run(["patient", "add", "P1", "--start", "2025-01-01", "--db", db]).status == 0)
    #expect(h.run(["--db", db, "--format", "csv", "patient", "list"]).output.contains("main,P1,"))
  }

  @Test("help <command> says the same as <command> --help, in the argument-parser layout")
  func help() throws {
    let h = try Harness()
    let a = h.run(["help", "patient", "add"], global: false)
    let b = h.run(["patient", "add", "--help"], global: false)
    #expect(a.status == 0)
    #expect(a.output == b.output)
    for heading in ["OVERVIEW:", "USAGE: adreg patient add", "ARGUMENTS:", "OPTIONS:", "--start <date>", "-h, --help"] {
      #expect(a.output.contains(heading), "\(heading)")
    }
    #expect(h.run(["--help"], global: false).output.contains("SUBCOMMANDS:"))
  }

  @Test("--version prints the version")
  func version() throws {
    let h = try Harness()
    let result = h.run(["--version"], global: false)
    #expect(result.status == 0)
    #expect(result.output.contains("0.1.0"))
  }

  @Test("record without a terminal fails at once with a usage error for the missing option")
  func recordWithoutTerminal() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    let result = h.run("record", "P1", "--category", "facial-redness")
    #expect(result.status == 64)
    #expect(result.error.contains("Missing expected argument '--onset <date>'"))
  }

  @Test("an invalid --format is a usage error")
  func badFormat() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let result = h.run("patient", "list", "--format", "xml")
    #expect(result.status == 64)
    #expect(result.error.contains("table, csv, json"))
  }
}
