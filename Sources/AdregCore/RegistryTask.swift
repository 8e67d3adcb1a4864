/// Something a message advises the reader to do with the registry; whoever shows the message names how it is done
/// (the CLI by its command line).
public enum RegistryTask: Sendable, Equatable {
  /// Creating a registry, or upgrading one.
  case create
  /// Writing a backup of the registry to a file.
  case backup
  /// Listing the enrolled patients.
  case listPatients
  /// Reviewing likely duplicate cases.
  case reviewDuplicates
  /// Withdrawing a case, with a reason.
  case withdraw(caseID: Int64)
  /// Sending a nullification of a case's E2B report, with a reason.
  case nullify(caseID: Int64)

  /// The task in the registry's words.
  public var words: String {
    switch self {
    case .create: "the registry's set-up"
    case .backup: "a backup"
    case .listPatients: "the patient list"
    case .reviewDuplicates: "the review of duplicates"
    case .withdraw(let caseID): "withdrawing case \(caseID) with a reason"
    case .nullify(let caseID): "a nullification of case \(caseID) with a reason"
    }
  }
}
