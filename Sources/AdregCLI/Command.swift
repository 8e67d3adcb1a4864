import AdregArguments
import AdregCore

/// One adreg command: its declaration and what it does.
protocol AdregCommand {
  /// The command's name, abstract, arguments and options; parsing and help come from it.
  static var spec: CommandSpec { get }
  /// Runs with parsed arguments. Throws `RegistryError`, `UsageError` or `CommandFailure`.
  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws
}

/// A failure with its own exit code and message.
struct CommandFailure: Error {
  var code: Int32
  var message: String
}

/// Exit codes, as sysexits.h names them.
enum ExitCode {
  static let success: Int32 = 0
  static let failure: Int32 = 1
  static let usage: Int32 = 64
  static let dataError: Int32 = 65
  static let noInput: Int32 = 66
  static let busy: Int32 = 75
}

/// Options several commands share, declared once.
enum SharedOptions {
  static let site = Option<String?>.value(
    "site", "site", help: "The site the patient code belongs to (default: the registry's default site).")
  static let from = Option<String?>.value("from", "date", help: "Start of the window, YYYY-MM-DD (inclusive).")
  static let to = Option<String?>.value("to", "date", help: "End of the window, YYYY-MM-DD (inclusive).")
  static let code = Argument<String>.required("code", help: "The patient's pseudonymous code.")
  static let caseID = Argument<String>.required("id", help: "The case id, as 'record' printed it.")
  /// Seriousness criteria of a case (ICH E2B(R3) E.i.3.2a–f), on `record` and `case update`.
  static let serious = Option<String?>.value(
    "serious", "codes", help: "Seriousness criteria, comma-separated (a follow-up can add more).",
    allowedValues: Vocabulary.seriousness.codes)
  /// CSV output of listings, reports and exports: text as stored, for programs that read CSV and want no escaping.
  static let raw = Option<Bool>.flag(
    "raw",
    help: "CSV: write text exactly as stored, without the ' put before a text starting with =, +, -, @, a tab, a carriage return or ' so that a spreadsheet does not run it as a formula.")
  static let force = Option<Bool>.flag(
    "force", help: "Replace an existing file (never the registry, an input of the command or a symbolic link).")
}

extension ParsedArguments {
  /// A comma-separated option as a list, each item trimmed; the values of every occurrence add up.
  func list(_ option: Option<String?>) -> [String] {
    everyValue(option).flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
      .filter { !$0.isEmpty }
  }
}
