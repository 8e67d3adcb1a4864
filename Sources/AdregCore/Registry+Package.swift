import AdregDatabase
import AdregFormats

/// What an export or import of a whole package did, file by file.
public struct PackageSummary: Sendable, Equatable {
  /// Rows written (export) or read (import) per file, in package order.
  public var rows: [(file: ExchangeFile, count: Int)] = []
  /// Per imported bulk file: rows added and rows already in the registry.
  public var imported: [ImportSummary] = []
  /// Staff answers added, and already in the registry.
  public var answersWritten = 0
  public var answersAlreadyPresent = 0
  public var dryRun = false

  public static func == (lhs: PackageSummary, rhs: PackageSummary) -> Bool {
    lhs.rows.map(\.file) == rhs.rows.map(\.file) && lhs.rows.map(\.count) == rhs.rows.map(\.count)
      && lhs.imported == rhs.imported && lhs.dryRun == rhs.dryRun && lhs.answersWritten == rhs.answersWritten
      && lhs.answersAlreadyPresent == rhs.answersAlreadyPresent
  }
}

extension Registry {
  /// The name of a package's descriptor.
  public static let packageDescriptor = "datapackage.json"

  /// Writes every file of an export package (PRODUCT.md §10) from one read snapshot, so the `R-`/`C-` numbers
  /// of the de-identified files agree, then `datapackage.json`.
  /// - Parameters:
  ///   - open: gives the sink of a file of the package by name; the caller commits or discards them all.
  ///   - progress: called with each file and its progress.
  public func exportPackage(
    identified: Bool, raw: Bool = false, open: (String) throws -> FileSink,
    progress: (ExchangeFile, WorkProgress) -> Void = { _, _ in }
  ) throws -> PackageSummary {
    try read {
      var summary = PackageSummary()
      var options = ExportOptions(identified: identified, format: .csv, raw: raw)
      options.inPackage = true
      for file in ExchangeFile.allCases {
        var sink = try open(file.fileName)
        let count = try exportFile(file, options: options, to: &sink) { progress(file, $0) }
        summary.rows.append((file, count))
      }
      let descriptor = try open(Registry.packageDescriptor)
      try descriptor.write(DataPackage.descriptor(identified: identified))
      return summary
    }
  }

  /// Loads an identified export package in one transaction, all or nothing: patients, cases (their follow-ups
  /// from followups.csv alone), follow-ups, doses, visits, staff answers and references. A row already in the
  /// registry with the same values is skipped, so loading a package twice adds nothing. One audit entry records it.
  /// - Parameter open: the reader and the size of a file of the package, by name.
  /// - Throws: `RegistryError.invalidData` listing the problems of the first file with invalid rows; a
  ///   de-identified package is refused, since it holds no codes or dates to load.
  public func importPackage(
    named name: String, options: ImportOptions = ImportOptions(),
    open: (String) throws -> (reader: CSVReader, bytes: Int),
    progress: (ExchangeFile, WorkProgress) -> Void = { _, _ in }
  ) throws -> PackageSummary {
    let order: [RecordKind] = [.patients, .cases, .followups, .doses, .visits]
    let fileOptions = ImportOptions(problemLimit: options.problemLimit)
    var summary = PackageSummary(dryRun: options.dryRun)
    try withBulkLoadSettings { try inTransaction {
      var part = PackagePart(lookups: ImportLookups())
      for kind in order {
        let file = try open(kind.file.fileName)
        let source = ImportSource(name: name + "/" + kind.file.fileName, bytes: file.bytes)
        let imported = try importRecords(
          kind, from: file.reader, source: source, options: fileOptions, rejects: nil, package: part
        ) { progress(kind.file, $0) }
        summary.imported.append(imported)
        summary.rows.append((kind.file, imported.rowsRead))
        if kind == .patients { part.lookups.patients = try patientKeys() }
        if kind == .cases { part.lookups.cases = try caseKeys() }
      }
      let answers = try open(ExchangeFile.assessments.fileName)
      let answerSummary = try importAnswers(
        answers.reader, source: ImportSource(name: name + "/" + ExchangeFile.assessments.fileName, bytes: answers.bytes),
        cases: part.lookups.cases, limit: options.problemLimit)
      summary.answersWritten = answerSummary.written
      summary.answersAlreadyPresent = answerSummary.alreadyPresent
      summary.rows.append((.assessments, answerSummary.rowsRead))
      let referencesName = name + "/" + ExchangeFile.references.fileName
      let references = try TrialReference.parse(open(ExchangeFile.references.fileName).reader, fileName: referencesName)
      var referenceChanges: [String] = []
      for reference in references { referenceChanges += try upsert(reference) }
      summary.rows.append((.references, references.count))
      if options.dryRun { return .rollback }
      try audit(
        action: "package.import",
        changes: ["folder: \(name)"]
          + summary.imported.map {
            "\($0.kind.rawValue): \($0.rowsRead) read, \($0.written) written, \($0.alreadyPresent) already in the registry"
          } + ["assessments: \(answerSummary.rowsRead) read, \(answerSummary.written) written (Naranjo answers and WHO-UMC categories)",
               "references: \(references.count) read"] + referenceChanges)
      return .commit
    } }
    return summary
  }

  /// Every patient's key, by site and code, for the checks of the package's later files.
  private func patientKeys() throws -> [String: PatientKey] {
    var keys: [String: PatientKey] = [:]
    try db.cachedStatement("SELECT id, site, code, start_date, stop_date FROM patient").forEachRow { row in
      guard let start = Day(iso: try row.text(at: 3)) else { return }
      keys[ImportLookups.key(try row.text(at: 1), try row.text(at: 2))] = PatientKey(
        id: try row.integer(at: 0), start: start, stop: try row.optionalText(at: 4).flatMap(Day.init(iso:)))
    }
    return keys
  }

  /// Every case's key, by uuid.
  private func caseKeys() throws -> [String: CaseKey] {
    var keys: [String: CaseKey] = [:]
    try db.cachedStatement("SELECT id, uuid, onset_date FROM case_report").forEachRow { row in
      let uuid = try row.text(at: 1)
      guard let onset = Day(iso: try row.text(at: 2)) else { return }
      keys[uuid] = CaseKey(id: try row.integer(at: 0), uuid: uuid, onset: onset)
    }
    return keys
  }
}
