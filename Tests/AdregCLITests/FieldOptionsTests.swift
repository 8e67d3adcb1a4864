import AdregCore
import Testing
@testable import AdregCLI

/// The CLI names the field of a registry error by the option of the command that ran, and a task by its command line.
@Suite("errors name the options of the command that ran")
struct FieldOptionsTests {
  @Test("the same refusal of a future date names --date in dose add and --onset in record")
  func futureDateInTwoCommands() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    let dose = h.run("dose", "add", "P1", "--date", "2025-07-01")
    #expect(dose.status == 65)
    #expect(dose.errorLines == ["Error: date: 2025-07-01 is in the future (today is 2025-06-30); check the date"])
    let record = h.run("record", "P1", "--onset", "2025-07-01", "--category", "facial-redness")
    #expect(record.status == 65)
    #expect(record.errorLines == ["Error: onset: 2025-07-01 is in the future (today is 2025-06-30); check the date"])
  }

  @Test("one error about a field reads with the option of each command, or in words where the command has none")
  func oneErrorTwoCommands() {
    let error = RegistryError.invalid(
      .stopReason, "\(label: .stopReason): a stop reason needs a stop date", fix: "\(give: .stopDate)")
    #expect(
      CLI.failure(error, path: ["patient", "stop"]).message
        == "Error: reason: a stop reason needs a stop date; give --date")
    #expect(
      CLI.failure(error, path: ["record"]).message
        == "Error: stop reason: a stop reason needs a stop date; give stop date")
    #expect(CLI.failure(error, path: ["record"]).code == 65)
    let note = RegistryError.invalid(.note, "\(label: .note) is empty", fix: "\(give: .note)")
    #expect(CLI.failure(note, path: ["visit", "add"]).message == "Error: note is empty; give --note")
    let description = RegistryError.invalid(
      .description, "\(label: .description) is empty", fix: "\(give: .description)")
    #expect(CLI.failure(description, path: ["record"]).message == "Error: note is empty; give --note")
    #expect(
      CLI.failure(description, path: ["case", "update"]).message == "Error: description is empty; give description")
  }

  @Test("the duplicate window is --days in case duplicates, and a duplicate's original --duplicate-of in case withdraw")
  func requestOptions() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let window = h.run("case", "duplicates", "--days", "4000")
    #expect(window.status == 65)
    #expect(
      window.errorLines == ["Error: --days 4000 is not a window of 0 to 3650 days between onsets; e.g. --days 14"])
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    #expect(h.run("record", "P1", "--onset", "2025-02-01", "--category", "facial-redness").status == 0)
    let itself = h.run("case", "withdraw", "1", "--duplicate-of", "1")
    #expect(itself.status == 65)
    #expect(
      itself.errorLines == [
        "Error: case 1 cannot be a duplicate of itself; give --duplicate-of the id of the case that stays "
          + "(see 'adreg case duplicates')"
      ])
  }

  @Test("every option the table names is one that its command declares")
  func tableAgreesWithTheCommands() {
    var declared = Set(CommandContext.globalOptions.map(\.name))
    for command in CLI.commands { declared.formUnion(command.spec.options.map(\.name)) }
    for (field, name) in FieldOptions.options { #expect(declared.contains(name), "\(field) → --\(name)") }
    for (command, fields) in FieldOptions.byCommand {
      // pool names share's --min-cell; every other command names options of its own.
      let own = command == "pool" ? declared : Set(CLI.commandsByPath[command]?.spec.options.map(\.name) ?? [])
      for (field, name) in fields { #expect(own.contains(name), "\(command): \(field) → --\(name)") }
    }
    let record = FieldOptions(path: ["record"])
    #expect(record.option(.bodySites) == "sites")
    #expect(record.option(.stopDate) == nil)
    #expect(FieldOptions(path: ["patient", "stop"]).reference(.stopDate) == "--date")
    #expect(record.reference(.user) == "--user or $ADREG_USER")
  }

  @Test("every field's option is one that a command declares, so some command's errors name it by that option")
  func everyOptionIsDeclared() {
    let global = Set(CommandContext.globalOptions.map(\.name))
    for (field, name) in FieldOptions.options {
      let declaring = CLI.commands.filter { $0.spec.options.contains { $0.name == name } }
      #expect(global.contains(name) || !declaring.isEmpty, "\(field) → --\(name): no command declares it")
      for command in declaring where FieldOptions.byCommand[command.spec.name]?[field] == nil {
        #expect(FieldOptions(path: command.path).option(field) == name, "\(command.spec.name): \(field)")
      }
    }
    for (path, fields) in FieldOptions.byCommand {
      let command = CLI.commandsByPath[path]
      #expect(command != nil, "'\(path)' is no command")
      for (field, name) in fields {
        let declaring = path == PoolCommand.spec.name ? ShareCommand.spec : command?.spec
        #expect(declaring?.options.contains { $0.name == name } == true, "\(path): \(field) → --\(name)")
      }
    }
  }

  @Test("a task is named by its command line")
  func tasks() throws {
    let naming = FieldOptions(path: ["e2b"])
    #expect(naming.task(.create) == "'adreg init'")
    #expect(naming.task(.nullify(caseID: 4)) == "'adreg e2b 4 --nullify --reason T'")
    let h = try Harness()
    let missing = h.run("patient", "list")
    #expect(missing.status == 66)
    #expect(
      missing.errorLines == ["Error: no registry at \(h.database); run 'adreg init' to create one, or pass --db PATH"])
  }
}
