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
    case .check: "'adreg check'"
    case .listPatients: "'adreg patient list'"
    case .listCases: "'adreg case list'"
    case .reviewDuplicates: "'adreg case duplicates'"
    case .withdraw(let caseID): "'adreg case withdraw \(caseID) --reason T'"
    case .nullify(let caseID): "'adreg e2b \(caseID) --nullify --reason T'"
    case .share: "'adreg share'"
    case .importReferences: "'adreg reference import'"
    case .importMedDRA: "'adreg meddra import FILE.csv'"
    }
  }

  /// The option that gives each field in every command that declares an option of that name, by the typed key of
  /// one command that declares it, so that renaming an option renames it here.
  static let options: [RecordField: String] = [
    .patientCode: CaseListCommand.patient.name, .site: SharedOptions.site.name, .sex: PatientAddCommand.sex.name,
    .birthYear: PatientAddCommand.birthYear.name, .startDate: PatientAddCommand.start.name,
    .regimen: PatientAddCommand.regimen.name, .intervalDays: PatientAddCommand.intervalDays.name,
    .riskFactors: PatientAddCommand.risk.name, .caseID: AuditCommand.caseID.name,
    .category: RecordCommand.category.name, .onsetDate: RecordCommand.onset.name,
    .reportedDate: RecordCommand.reported.name, .source: RecordCommand.source.name,
    .scaling: RecordCommand.scaling.name, .morphology: RecordCommand.morphology.name,
    .bodySites: RecordCommand.sites.name, .severity: RecordCommand.severity.name, .itch: RecordCommand.itch.name,
    .seriousness: SharedOptions.serious.name, .action: CaseUpdateCommand.action.name,
    .treatments: CaseUpdateCommand.treatment.name, .dechallenge: CaseUpdateCommand.dechallenge.name,
    .rechallenge: CaseUpdateCommand.rechallenge.name, .outcome: CaseUpdateCommand.outcome.name,
    .outcomeDate: CaseUpdateCommand.outcomeDate.name, .biopsy: CaseUpdateCommand.biopsy.name,
    .duplicateOf: CaseWithdrawCommand.duplicateOf.name, .duplicateWindow: CaseDuplicatesCommand.days.name,
    .windowStart: SharedOptions.from.name, .windowEnd: SharedOptions.to.name, .asOf: GlobalOptions.asOf.name,
    .user: GlobalOptions.user.name, .registryPath: GlobalOptions.db.name, .replaceFile: SharedOptions.force.name,
    .approximatePooling: PoolCommand.allowApproximate.name, .minimumCell: ShareCommand.minCell.name,
  ]

  /// The options of fields that commands name alike for different things (`--note` is a case's description in
  /// `record` and a follow-up's note in `case update`), and of another command's option that a command's errors
  /// name (`pool` asks for bundles that `share` wrote without `--min-cell`), by each command's path and keys.
  static let byCommand: [String: [RecordField: String]] = [
    RecordCommand.spec.name: [.description: RecordCommand.note.name],
    PatientStopCommand.spec.name: [
      .stopDate: PatientStopCommand.date.name, .stopReason: PatientStopCommand.reason.name,
    ],
    DoseAddCommand.spec.name: [.doseDate: DoseAddCommand.date.name],
    VisitAddCommand.spec.name: [.visitDate: VisitAddCommand.date.name, .note: VisitAddCommand.note.name],
    CaseUpdateCommand.spec.name: [.note: CaseUpdateCommand.note.name],
    CaseWithdrawCommand.spec.name: [.withdrawalReason: CaseWithdrawCommand.reason.name],
    PoolCommand.spec.name: [.minimumCell: ShareCommand.minCell.name],
  ]

  /// The environment variable that gives a field when its option is left out, named beside the option.
  static let environment: [RecordField: String] = [.user: "ADREG_USER"]
}
