import AdregArguments
import AdregCore
import AdregFormats
import Foundation

/// What every command gets: the streams, the global options resolved, and a way to open the registry.
final class CommandContext {
  let io: CLIIO
  let arguments: ParsedArguments
  let path: [String]
  let parser: CommandLineParser

  init(io: CLIIO, arguments: ParsedArguments, path: [String], parser: CommandLineParser) {
    self.io = io
    self.arguments = arguments
    self.path = path
    self.parser = parser
  }

  static let globalOptions: [OptionSpec] =
    [GlobalOptions.db, GlobalOptions.user, GlobalOptions.asOf, GlobalOptions.format].map(\.spec)

  /// The registry file: `--db`, else `$ADREG_DB`, else `adreg.sqlite` in the working directory.
  var databasePath: String {
    resolve(arguments[GlobalOptions.db] ?? io.environment["ADREG_DB"] ?? "adreg.sqlite")
  }

  /// The registry file, refused up front when `--db` or `$ADREG_DB` is empty or names a folder, FIFO or device.
  /// - Throws: `RegistryError` of kind `.invalidData` (exit 65).
  func checkedDatabasePath(mustExist: Bool) throws -> String {
    if let given = arguments[GlobalOptions.db] ?? io.environment["ADREG_DB"], given.isEmpty {
      throw RegistryError.invalid(
        "\(arguments[GlobalOptions.db] != nil ? "--db" : "$ADREG_DB") is empty; give the registry file's path (default: adreg.sqlite here)")
    }
    let path = databasePath
    try FileCheck.requireRegistry(path, mustExist: mustExist)
    return path
  }

  /// An input file's path, resolved and checked: missing, a folder, a FIFO or a device is refused before anything
  /// opens it (a FIFO would block the read forever).
  /// - Throws: `RegistryError` of kind `.inputMissing` (exit 66).
  func inputFile(_ name: String) throws -> String {
    let path = resolve(name)
    try FileCheck.requireInput(path, shownAs: name)
    return path
  }

  /// A path relative to the working directory made absolute.
  func resolve(_ path: String) -> String {
    path.hasPrefix("/") ? path : (io.currentDirectory as NSString).appendingPathComponent(path)
  }

  /// How long a write waits for another writer: `$ADREG_BUSY_TIMEOUT` milliseconds, else 5 seconds.
  var busyTimeout: Int32 {
    io.environment["ADREG_BUSY_TIMEOUT"].flatMap { Int32($0) }.map { max(0, $0) } ?? 5_000
  }

  /// The user for the audit trail, checked: one line with a visible character.
  func auditUser() throws -> String { try Validate.user(user) }

  /// The user for the audit trail.
  var user: String {
    for candidate in [arguments[GlobalOptions.user], io.environment["ADREG_USER"], io.environment["USER"], io.environment["LOGNAME"]] {
      if let candidate, !candidate.isEmpty { return candidate }
    }
    if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
    return "unknown"
  }

  /// "Today": `--as-of`, else the local calendar date.
  func today() throws -> Day {
    if let text = arguments[GlobalOptions.asOf] { return try Validate.date(text, field: "as-of") }
    return try clockDay()
  }

  /// "Today" for a command that writes: `--as-of` may be earlier than the clock's date, never later, so nothing
  /// stored is dated in the future.
  /// - Throws: `RegistryError` of kind `.invalidData` (exit 65) for an `--as-of` after today.
  func todayForWriting() throws -> Day {
    let day = try today()
    let clock = try clockDay()
    guard day <= clock else {
      throw RegistryError.invalid(
        "--as-of \(day.iso) is after today (\(clock.iso)); a command that writes may not date anything in the future. "
          + "Leave --as-of out, or give a date up to \(clock.iso)")
    }
    return day
  }

  /// The local calendar date of the clock.
  private func clockDay() throws -> Day {
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: io.now())
    guard let year = parts.year, let month = parts.month, let day = parts.day, let today = Day(year: year, month: month, day: day)
    else { throw CommandFailure(code: ExitCode.failure, message: "the system clock gives no date") }
    return today
  }

  /// The output format; `fallback` when none was asked for.
  func format(default fallback: OutputFormat = .table, allowed: [OutputFormat] = OutputFormat.allCases) throws -> OutputFormat {
    guard let text = arguments[GlobalOptions.format] else { return fallback }
    guard let format = OutputFormat(rawValue: text), allowed.contains(format) else {
      throw parser.usageError(
        "The value '\(text)' is invalid for '--format <format>'; use one of \(allowed.map(\.rawValue).joined(separator: ", "))",
        path: path)
    }
    return format
  }

  /// Opens the existing registry; for writing, `--as-of` may not be after today.
  func registry(readOnly: Bool = false) throws -> Registry {
    let path = try checkedDatabasePath(mustExist: false)
    let user = try auditUser()
    let day = readOnly ? try today() : try todayForWriting()
    return try Registry.open(
      at: path, user: user, today: day, readOnly: readOnly, busyTimeout: busyTimeout, clock: io.now)
  }

  /// A required value the parser could not insist on (the command may prompt for it).
  func usage(_ message: String) -> UsageError { parser.usageError(message, path: path) }

  /// `--raw`: CSV text cells as stored, without the `'` that keeps a spreadsheet from reading them as formulas.
  var rawCSV: Bool { arguments[SharedOptions.raw] }

  /// Writes a listing in the chosen format.
  func emit(_ listing: Listing, format: OutputFormat) {
    var stream = self.listing(listing.columns, format: format, escapedColumns: listing.escapedColumns)
    for row in listing.rows { stream.append(row) }
    stream.finish()
  }

  /// A listing in the chosen format written while its rows are read (`ListingStream`); end it with `finish()`.
  func listing(_ columns: [String], format: OutputFormat, escapedColumns: Set<String> = []) -> ListingStream {
    ListingStream(columns: columns, format: format, raw: rawCSV, io: io, escapedColumns: escapedColumns)
  }
}

/// The options every command takes, before or after its name.
enum GlobalOptions {
  static let db = Option<String?>.value(
    "db", "path", help: "The registry file (default: $ADREG_DB, else adreg.sqlite here).")
  static let user = Option<String?>.value(
    "user", "name", help: "Who is recorded in the audit trail (default: $ADREG_USER, else the login name).")
  static let asOf = Option<String?>.value(
    "as-of", "date", help: "Fix 'today' (YYYY-MM-DD) so that results are reproducible.")
  static let format = Option<String?>.value(
    "format", "format", help: "Output of listings and reports.", allowedValues: OutputFormat.allCases.map(\.rawValue))
}
