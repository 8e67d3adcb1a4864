import AdregArguments
import AdregCore
import AdregFormats

/// `adreg case duplicates [--days 14]`: likely duplicate pairs for review; nothing is merged.
enum CaseDuplicatesCommand: AdregCommand {
  static let days = Option<String?>.value(
    "days", "n",
    help: "Most days between the onsets of a pair "
      + "(default \(Registry.defaultDuplicateWindow); 0 to \(Registry.duplicateWindowLimit)).")

  static let spec = CommandSpec(
    "case duplicates",
    abstract: "List likely duplicate pairs of cases within each patient, with a score; nothing is merged.",
    discussion: """
      A pair is two non-withdrawn cases of one patient and category whose onsets are at most --days apart (the \
      same onset reported by the patient and by a clinician among them). Cases of different patients are never \
      paired. score (0-100) = 50 x (1 - d / (W + 1)) + 10 x (scaling + severity + itch + morphology + sites), d the \
      days between the onsets and W the window: each appearance field gives 1 when both cases record it and agree, \
      0 when they differ, 0.5 when either leaves it unrecorded; morphology and sites give the share of codes in \
      common (in both / in either). agree and differ list the fields both cases give (onset, reported, source and \
      the appearance fields); reported date and source are not scored. Review a pair with 'adreg case show ID', \
      then withdraw the duplicate with 'adreg case withdraw ID --duplicate-of OTHER'.
      """,
    options: [days.spec, SharedOptions.raw.spec])

  static let columns = [
    "case_a", "case_b", "site", "patient", "category", "onset_a", "onset_b", "days_apart", "score", "why", "agree",
    "differ",
  ]

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    let days = try window(arguments[Self.days])
    let pairs = try context.registry(readOnly: true).duplicatePairs(days: days)
    if format == .table && pairs.isEmpty {
      context.io.line("No likely duplicates: no two cases of one patient and category have onsets within \(days) day(s).")
      return
    }
    let rows: [[JSONValue]] = pairs.map { p in
      [.int(p.first.id), .int(p.second.id), .string(p.first.site), .string(p.first.patientCode),
       .string(p.first.category.rawValue), .string(p.first.onset.iso), .string(p.second.onset.iso),
       .int(Int64(p.daysApart)),
       .double(p.score), .array(p.rules.map { .string($0) }), .array(p.agree.map { .string($0) }),
       .array(p.differ.map { .string($0) })]
    }
    context.emit(Listing(columns: columns, rows: rows), format: format)
    if format == .table {
      context.io.line("")
      context.io.out(wrapped(
        "\(pairs.count) pair(s) to review with 'adreg case show ID'; withdraw a duplicate with "
          + "'adreg case withdraw ID --duplicate-of OTHER'. Nothing is merged automatically."))
    }
  }

  /// `--days N`: a whole number of days, `Registry.defaultDuplicateWindow` when not given.
  static func window(_ text: String?) throws -> Int {
    guard let text else { return Registry.defaultDuplicateWindow }
    guard let days = Int(text) else {
      throw RegistryError.invalid(
        "--days '\(shortened(text, limit: 40))' is not a whole number of days; e.g. --days \(Registry.defaultDuplicateWindow)")
    }
    return days
  }
}
