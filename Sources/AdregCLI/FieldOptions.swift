import AdregCore

/// How the CLI names what a registry error is about: each field by the option of the command that ran (`record`
/// says `onset: …`, `patient stop` says `give --date`), each task by the command line that does it.
struct FieldOptions: FieldNaming {
  /// The command that ran, by its path ("patient stop").
  let command: String
  /// The options the command takes, the global ones included.
  private let declared: Set<String>

  init(path: [String]) {
    command = path.joined(separator: " ")
    var names = Set(CommandContext.globalOptions.map(\.name))
    if let type = CLI.commandsByPath[command] { names.formUnion(type.spec.options.map(\.name)) }
    declared = names
  }

  /// The option through which this command takes `field`, without its dashes; nil when it takes none.
  func option(_ field: RecordField) -> String? {
    if let name = Self.byCommand[command]?[field] { return name }
    guard let name = Self.options[field], declared.contains(name) else { return nil }
    return name
  }

  func label(_ field: RecordField) -> String { option(field) ?? field.words }

  func reference(_ field: RecordField) -> String {
    guard let name = option(field) else { return field.words }
    return "--\(name)" + (Self.environment[field].map { " or $\($0)" } ?? "")
  }

  func task(_ task: RegistryTask) -> String {
    switch task {
    case .create: "'adreg init'"
    case .backup: "'adreg backup FILE'"
    case .listPatients: "'adreg patient list'"
    case .reviewDuplicates: "'adreg case duplicates'"
    case .withdraw(let caseID): "'adreg case withdraw \(caseID) --reason T'"
    case .nullify(let caseID): "'adreg e2b \(caseID) --nullify --reason T'"
    }
  }

  /// The option that gives each field in every command that declares it.
  static let options: [RecordField: String] = [
    .patientCode: "patient", .site: "site", .sex: "sex", .birthYear: "birth-year", .startDate: "start",
    .regimen: "regimen", .intervalDays: "interval-days", .riskFactors: "risk", .caseID: "case",
    .category: "category", .onsetDate: "onset", .reportedDate: "reported", .source: "source", .scaling: "scaling",
    .morphology: "morphology", .bodySites: "sites", .severity: "severity", .itch: "itch", .seriousness: "serious",
    .action: "action", .treatments: "treatment", .dechallenge: "dechallenge", .rechallenge: "rechallenge",
    .outcome: "outcome", .outcomeDate: "outcome-date", .biopsy: "biopsy", .duplicateOf: "duplicate-of",
    .duplicateWindow: "days", .windowStart: "from", .windowEnd: "to", .asOf: "as-of", .user: "user",
    .registryPath: "db", .replaceFile: "force", .approximatePooling: "allow-approximate", .minimumCell: "min-cell",
  ]

  /// The options of fields that commands name alike for different things (`--note` is a case's description in
  /// `record` and a follow-up's note in `case update`), and of another command's option that a command's errors
  /// name (`pool` asks for bundles that `share` wrote without `--min-cell`).
  static let byCommand: [String: [RecordField: String]] = [
    "record": [.description: "note"],
    "patient stop": [.stopDate: "date", .stopReason: "reason"],
    "dose add": [.doseDate: "date"],
    "visit add": [.visitDate: "date", .note: "note"],
    "case update": [.note: "note"],
    "case withdraw": [.withdrawalReason: "reason"],
    "pool": [.minimumCell: "min-cell"],
  ]

  /// The environment variable that gives a field when its option is left out, named beside the option.
  static let environment: [RecordField: String] = [.user: "ADREG_USER"]
}
