import AdregArguments
import AdregCore
import AdregFormats
import Foundation

/// adreg's command line: parses the words, runs the command, and returns the exit code.
///
/// Output goes to `io`'s standard output, errors to its standard error as `Error: …`.
public enum CLI {
  public static let version = "0.1.0"

  static let commands: [any AdregCommand.Type] = [
    InitCommand.self, CheckCommand.self, PatientAddCommand.self, PatientStopCommand.self, PatientShowCommand.self,
    PatientListCommand.self, DoseAddCommand.self, VisitAddCommand.self, RecordCommand.self, CaseShowCommand.self, CaseListCommand.self,
    CaseUpdateCommand.self, CaseWithdrawCommand.self, CaseDuplicatesCommand.self, AuditCommand.self, BackupCommand.self, RestoreCommand.self,
    ReferenceListCommand.self, ReferenceImportCommand.self, VocabularyCommand.self, ReportFrequencyCommand.self,
    ReportIncidenceCommand.self, ReportOnsetCommand.self, ReportRiskCommand.self, AssessCommand.self, ReportHTMLCommand.self,
    ImportCommand.self, ExportCommand.self, ShareCommand.self, PoolCommand.self, SynthCommand.self, DemoCommand.self,
    CompletionsCommand.self, ManualCommand.self, SettingsSetCommand.self, SettingsListCommand.self,
    MeddraImportCommand.self, MeddraListCommand.self, E2BCommand.self,
  ]

  /// Commands by their full path ("patient add").
  static let commandsByPath: [String: any AdregCommand.Type] = {
    var table: [String: any AdregCommand.Type] = [:]
    for command in commands { table[command.path.joined(separator: " ")] = command }
    return table
  }()

  static let root = CommandSpec(
    "adreg",
    abstract: "A local registry of skin reactions reported during dupilumab treatment.",
    discussion: """
      Clinic staff enrol patients, log injections and record reactions; researchers report how often each \
      reaction occurs, with confidence intervals, beside the percentages published from trials.
      """,
    subcommands: groupedSpecs())

  static let parser = CommandLineParser(
    toolName: "adreg", version: version, root: root, globalOptions: CommandContext.globalOptions)

  /// Runs adreg with `arguments` (without the program name).
  /// - Returns: the exit code: 0 success, 1 failure, 64 usage, 65 invalid data, 66 missing input, 75 busy.
  public static func run(_ arguments: [String], io: CLIIO) -> Int32 {
    let status = execute(arguments, io: io)
    // Output that did not reach its file or pipe is a failure, never a silent success.
    if let failure = io.closeOutput(), status == ExitCode.success {
      io.err("Error: cannot write to standard output: \(failure)")
      return ExitCode.failure
    }
    return status
  }

  /// Runs a command line without ending standard output: `demo` runs the frequency report inside its own run.
  static func execute(_ arguments: [String], io: CLIIO) -> Int32 {
    let invocation: Invocation
    do {
      invocation = try parser.parse(arguments)
    } catch {
      io.err(DisplayText.escapedMessage(error.description))
      return ExitCode.usage
    }
    switch invocation {
    case .help(let text):
      io.line(text)
      return ExitCode.success
    case .version(let text):
      io.line(text)
      return ExitCode.success
    case .run(let path, let parsed):
      guard let command = commandsByPath[path.joined(separator: " ")] else {
        io.err(parser.usageError("Missing expected subcommand", path: path).description)
        return ExitCode.usage
      }
      let context = CommandContext(io: io, arguments: parsed, path: path, parser: parser)
      do {
        try command.run(parsed, context)
        NameWarnings.check(path, parsed, context)
        return ExitCode.success
      } catch {
        let (code, message) = failure(error, path: path)
        // Messages quote values from files and options; none may forge a line or reach the terminal raw.
        io.err(DisplayText.escapedMessage(message))
        return code
      }
    }
  }

  /// The exit code and the standard-error text of a failed command: every error is mapped here, once, so one
  /// problem gives one exit code whichever command meets it, and names its fields by that command's options.
  static func failure(_ error: any Error, path: [String]) -> (code: Int32, message: String) {
    switch error {
    case let error as UsageError:
      return (ExitCode.usage, error.description)
    case let error as RegistryError:
      let code = switch error.kind {
      case .invalidData: ExitCode.dataError
      case .inputMissing: ExitCode.noInput
      case .busy: ExitCode.busy
      case .failure: ExitCode.failure
      }
      return (code, "Error: \(error.message(naming: FieldOptions(path: path)))")
    case let error as CommandFailure:
      return (error.code, "Error: \(error.message)")
    case let error as CSVFileError:
      return failure(RegistryError(error), path: path)
    case let error as CSVError:
      return failure(RegistryError(error, file: "the file"), path: path)
    case let error as FileSinkError:
      return failure(RegistryError(error), path: path)
    default:
      return (ExitCode.failure, "Error: \(error)")
    }
  }

  /// Nests "patient add" under a "patient" group, and so on.
  static func groupedSpecs() -> [CommandSpec] {
    let groupAbstracts = [
      "patient": "Enrol patients, stop treatment, show and list patients.",
      "dose": "Log injections.",
      "visit": "Log visits, so that the last contact is known.",
      "case": "Show, list, follow up, withdraw cases and review duplicates.",
      "reference": "List and import trial references.",
      "report": "Frequency, incidence on treatment, onset and risk reports.",
      "settings": "The organisation's identity for E2B files.",
      "meddra": "The site's MedDRA mapping of categories.",
    ]
    var result: [CommandSpec] = []
    for command in commands {
      let path = command.path
      if path.count == 1 {
        result.append(command.spec)
        continue
      }
      var spec = command.spec
      spec.name = path[path.count - 1]
      if let index = result.firstIndex(where: { $0.name == path[0] }) {
        result[index].subcommands.append(spec)
      } else {
        result.append(CommandSpec(path[0], abstract: groupAbstracts[path[0]] ?? "", subcommands: [spec]))
      }
    }
    return result
  }
}

extension AdregCommand {
  /// The command's path from the spec's name: "patient add" declares ["patient", "add"].
  static var path: [String] { spec.name.split(separator: " ").map(String.init) }
}
