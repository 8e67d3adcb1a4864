import AdregDatabase
import AdregFormats
import Foundation

/// How an import treats bad rows.
public struct ImportOptions: Sendable {
  /// Check every row and report, then write nothing.
  public var dryRun: Bool
  /// Write the valid rows and hand the others to the rejects file, instead of writing nothing.
  public var skipInvalid: Bool
  /// How many problems are listed word for word; the rest are counted.
  public var problemLimit: Int

  public init(dryRun: Bool = false, skipInvalid: Bool = false, problemLimit: Int = 50) {
    self.dryRun = dryRun
    self.skipInvalid = skipInvalid
    self.problemLimit = problemLimit
  }
}

/// Where imported rows come from, for messages and the audit entry.
public struct ImportSource: Sendable {
  /// The file as the user named it: problems read `NAME:LINE: column: problem`.
  public var name: String
  /// The file's size, recorded in the audit entry.
  public var bytes: Int

  public init(name: String, bytes: Int) {
    self.name = name
    self.bytes = bytes
  }
}

/// What an import did, or on a dry run would do.
public struct ImportSummary: Sendable, Equatable {
  /// Patients or cases.
  public var kind: RecordKind
  /// Data rows read, the header not counted.
  public var rowsRead = 0
  /// Rows added to the registry.
  public var written = 0
  /// Rows already in the registry with the same values: importing a file twice adds nothing.
  public var alreadyPresent = 0
  /// Invalid rows, left out with `skipInvalid`.
  public var rejected = 0
  /// `FILE:LINE: column: problem`, at most `ImportOptions.problemLimit` of them.
  public var problems: [String] = []
  /// Every problem, listed or not.
  public var problemCount = 0
  /// True when nothing was written because it was a dry run.
  public var dryRun: Bool

  /// The listed problems, then how many more there are.
  public var problemReport: String {
    var lines = problems
    if problemCount > problems.count { lines.append("… and \(problemCount - problems.count) more") }
    return lines.joined(separator: "\n")
  }
}

extension Registry {
  /// Imports patients or cases from CSV, with the columns of `export --identified` in any order.
  ///
  /// Every row is checked by the same validation as `patient add` and `record`. By default the import
  /// is all or nothing: one IMMEDIATE transaction that writes nothing when any row is invalid. A row
  /// whose key is already in the registry (a patient's site and code; a case's uuid, or without one its
  /// patient, category and onset) is skipped when its values are the same and refused when they differ,
  /// so importing a file twice adds nothing. One audit entry records the whole import.
  /// - Parameters:
  ///   - rejects: with `skipInvalid`, receives the header plus a `reason` column, then each invalid row
  ///     with its reason.
  ///   - progress: called after every few hundred rows with the rows read so far and the bytes of the file they
  ///     took, of `source.bytes`.
  /// - Throws: `RegistryError.invalidData` listing every problem as `FILE:LINE: column: problem` (up to the
  ///   limit) when a row is invalid and `skipInvalid` is off, or when the file itself is unusable: not CSV,
  ///   empty, or missing a required column — which is found before any row is read.
  @discardableResult
  public func importRecords(
    _ kind: RecordKind, from reader: CSVReader, source: ImportSource, options: ImportOptions = ImportOptions(),
    rejects: FileSink? = nil, progress: (WorkProgress) -> Void = { _ in }
  ) throws -> ImportSummary {
    try importRecords(
      kind, from: reader, source: source, options: options, rejects: rejects, package: nil, progress: progress)
  }

  /// What a file of a package import does differently: patients and cases come from the package's own
  /// transaction, follow-ups only from followups.csv, and the package records one audit entry for all its files.
  struct PackagePart {
    var lookups: ImportLookups
  }

  func importRecords(
    _ kind: RecordKind, from reader: CSVReader, source: ImportSource, options: ImportOptions, rejects: FileSink?,
    package: PackagePart?, progress: (WorkProgress) -> Void
  ) throws -> ImportSummary {
    let header = try readHeader(reader, kind: kind, source: source)
    var rejectWriter = rejects.map { CSVWriter(sink: $0) }
    let reasonIndex = header.reasonIndex ?? header.fields.count
    if var writer = rejectWriter {
      try writer.write(header.reasonIndex == nil ? header.fields + [ExchangeColumns.rejectReason] : header.fields)
      rejectWriter = writer
    }
    let site = try defaultSite()
    var summary = ImportSummary(kind: kind, dryRun: options.dryRun)
    // A package's files share its transaction, and its settings, applied once around it.
    try withBulkLoadSettings(package == nil) {
      try inTransaction {
        // Foreign keys checked once, at commit, instead of row by row; every row's patient is checked as it is read.
        try db.execute(script: "PRAGMA defer_foreign_keys = ON")
        var deferredIndexes = try dropSecondaryIndexesWhenEmpty(kind)
        let uuidIndex = deferredIndexes.firstIndex { $0.name == "patient_by_uuid" || $0.name == "case_by_uuid" }
          .map { deferredIndexes.remove(at: $0).sql }
        var problemLines: [(line: Int, text: String)] = []
        let createdAt = timestamp()
        let onProblem: BulkImporter.ProblemHandler = { line, fields, error in
          let problem = ExchangeColumns.problem(error, kind: kind)
          summary.problemCount += 1
          if problemLines.count < options.problemLimit { problemLines.append((line, "\(source.name):\(line): \(problem)")) }
          if options.skipInvalid {
            summary.rejected += 1
            // Every field is text, escaped as an export escapes it: importing the rejects file reads what this file did.
            var fields = fields.map { CSVFormat.escapingFormula(CSVFormat.unescapingFormula($0)) }
            while fields.count <= reasonIndex { fields.append("") }
            fields[reasonIndex] = CSVFormat.escapingFormula(problem)
            try rejectWriter?.write(fields)
          }
        }
        let rows = CheckedRowStream(
          reader: reader, source: source,
          configuration: ImportChecker.Configuration(
            registryPath: path, kind: kind, header: header, defaultSite: site, checks: RowChecks(today: today),
            createdAt: createdAt, user: user, lookups: package?.lookups, followUpsFromState: package == nil))
        defer { rows.close() }
        let importer: any ImportWriter =
          switch kind {
          case .patients, .cases:
            try BulkImporter(
              registry: self, kind: kind, createdAt: createdAt, deferredUUIDIndex: uuidIndex, spent: rows.spent,
              onProblem: onProblem)
          case .doses, .visits, .followups:
            try ContactImporter(
              registry: self, kind: kind, createdAt: createdAt, spent: rows.spent, onProblem: onProblem)
          }
        while let batch = try rows.next() {
          for row in batch {
            summary.rowsRead += 1
            try importer.add(row)
          }
          progress(WorkProgress(rows: summary.rowsRead, done: rows.bytesRead, total: source.bytes))
          rows.spent.discard(consume batch)
        }
        try importer.finish()
        for index in deferredIndexes { try db.execute(script: index.sql) }
        summary.written = importer.written
        summary.alreadyPresent = importer.alreadyPresent
        // Rows are checked when read but compared with the registry a batch later: list problems in file order.
        summary.problems = problemLines.sorted { $0.line < $1.line }.map(\.text)
        if summary.problemCount > 0 && !options.skipInvalid {
          let rows = summary.problemCount == 1 ? "1 invalid row" : "\(summary.problemCount) invalid rows"
          let outcome = options.dryRun ? "the import would write nothing (dry run)" : "nothing was imported"
          throw RegistryError.invalid(
            "\(rows) in \(source.name); \(outcome). Fix the rows, or import the valid ones with --skip-invalid --rejects FILE:\n"
              + summary.problemReport)
        }
        if options.dryRun { return .rollback }
        if package != nil { return .commit }
        try audit(
          action: "\(kind.singular).import",
          changes: [
            "file: \(source.name)", "size: \(source.bytes) bytes", "rows read: \(summary.rowsRead)",
            "written: \(summary.written)", "already in the registry: \(summary.alreadyPresent)",
            "rejected: \(summary.rejected)",
          ])
        return .commit
      }
    }
    return summary
  }

  /// Runs `body` with the page cache of a bulk load, restored afterwards; outside a transaction.
  ///
  /// An exported or synthetic file lists its rows in key order, and the indexes that would take them in random order
  /// are built at the end, so inserts touch the right edge of each b-tree and 16 MB of cache serves them as well as
  /// 128 MB did (measured at 100,000 and 200,000 patients), while the import's memory stays flat however large the
  /// registry: the cache is the most a load keeps. It also bounds the sorter that builds an index: past it, sorted
  /// runs go to temporary files, which SQLite keeps on disk unless `temp_store` says memory, so a deferred index over
  /// millions of rows costs no more memory than one over thousands.
  /// - Parameter apply: false when the caller already applied them.
  func withBulkLoadSettings<T>(_ apply: Bool = true, _ body: () throws -> T) throws -> T {
    guard apply else { return try body() }
    let previous = try translatingErrors { try db.scalar(Int.self, "PRAGMA cache_size") }
    try translatingErrors { try db.execute(script: "PRAGMA cache_size = -16384") }
    defer {
      if let previous { try? db.execute(script: "PRAGMA cache_size = \(previous)") }
    }
    return try body()
  }

  private func readHeader(_ reader: CSVReader, kind: RecordKind, source: ImportSource) throws -> ImportHeader {
    try readHeader(reader, file: kind.file, noun: kind.singular, source: source)
  }

  /// The header of an import file: every column known to `file`, the required ones present, none twice.
  func readHeader(_ reader: CSVReader, file: ExchangeFile, noun: String, source: ImportSource) throws -> ImportHeader {
    let columns = file.identifiedColumns.map(\.name)
    let required = file.requiredImportColumns
    guard let record = try Registry.nextRecord(reader, source: source) else {
      throw RegistryError.invalid(
        "\(source.name) is empty; its first row must name the columns, e.g. \(columns.joined(separator: ","))")
    }
    var index: [String: Int] = [:]
    var unknown: [String] = []
    var reasonIndex: Int?
    for (position, field) in record.fields.enumerated() {
      let name = field.trimmedSpaces().lowercased()
      if name == ExchangeColumns.rejectReason {
        reasonIndex = position
        continue
      }
      guard columns.contains(name) else {
        let suggestion = Vocabulary.closest(to: name, among: columns).map { " (did you mean '\($0)'?)" } ?? ""
        unknown.append("'\(Validate.shortened(field))'\(suggestion)")
        continue
      }
      if index[name] != nil {
        throw RegistryError.invalid("\(source.name):\(record.line): column '\(name)' appears twice; keep one")
      }
      index[name] = position
    }
    let missing = required.filter { index[$0] == nil }
    if !missing.isEmpty {
      throw RegistryError.invalid(
        "\(source.name):\(record.line): missing required column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); nothing was imported. A \(noun) file has the columns \(columns.joined(separator: ",")) (\(required.joined(separator: ", ")) required)")
    }
    if !unknown.isEmpty {
      throw RegistryError.invalid(
        "\(source.name):\(record.line): unknown column\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); nothing was imported. A \(noun) file has the columns \(columns.joined(separator: ","))")
    }
    return ImportHeader(fields: record.fields, index: index, reasonIndex: reasonIndex)
  }

  /// The next record; a file that is not CSV stops the import, since no later line can be trusted.
  static func nextRecord(_ reader: CSVReader, source: ImportSource) throws -> CSVRecord? {
    do {
      return try reader.next()
    } catch let error as CSVError {
      throw RegistryError(error, file: source.name)
    } catch let error as CSVFileError {
      throw RegistryError(error)
    }
  }
}

/// The header of an import file: where each known column is.
struct ImportHeader: Sendable {
  var fields: [String]
  var index: [String: Int]
  /// A `reason` column, as a rejects file has; ignored on import.
  var reasonIndex: Int?
}


extension Registry {
  /// Tables an import of `kind` fills, the first being the one whose emptiness decides.
  private static func importedTables(_ kind: RecordKind) -> [String] {
    switch kind {
    case .patients: ["patient", "patient_risk_factor"]
    case .cases: ["case_report", "case_morphology", "case_body_site", "follow_up", "follow_up_treatment"]
    case .doses: ["dose"]
    case .visits: ["visit"]
    case .followups: ["follow_up", "follow_up_treatment"]
    }
  }

  /// Drops the secondary indexes of the tables an import fills when they are empty, returning the SQL that
  /// builds them again; inside the import's transaction, so a failed import gets them back by rolling back.
  ///
  /// One sort at the end is several times cheaper than keeping an index in order row by row. UNIQUE
  /// constraints stay: they are SQLite's own indexes (no SQL), and they catch duplicate keys as rows arrive.
  /// The uuid's unique index goes too: the `BulkImporter` builds it at the end, or at once when a uuid may
  /// repeat (it watches them). The indexes the import itself searches stay (a case's patient, category and
  /// onset, through `case_by_patient`): without them every row would scan the table.
  fileprivate func dropSecondaryIndexesWhenEmpty(_ kind: RecordKind) throws -> [(name: String, sql: String)] {
    let tables = Registry.importedTables(kind)
    guard try db.scalar(Int.self, "SELECT EXISTS (SELECT 1 FROM \(tables[0]))") == 0 else { return [] }
    var rebuild: [(name: String, sql: String)] = []
    for table in tables {
      for row in try db.rows(
        """
        SELECT name, sql FROM sqlite_master
        WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND name IN ('patient_by_start', 'patient_by_stop', 'risk_factor_by_code', 'case_by_category',
          'patient_by_uuid', 'case_by_uuid')
        """, [.text(table)])
      {
        let name = try row.decode(String.self, column: "name")
        try db.execute(script: "DROP INDEX \"\(name)\"")
        rebuild.append((name, try row.decode(String.self, column: "sql")))
      }
    }
    return rebuild
  }
}
