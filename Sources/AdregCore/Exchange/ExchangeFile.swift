/// The files of an export package (PRODUCT.md §10), each with its one column list: the columns `import`
/// reads and `export --identified` writes, the columns of the de-identified export, and the keys
/// `datapackage.json` declares. Adding a column to a file is one line here.
public enum ExchangeFile: String, Sendable, CaseIterable {
  case patients, doses, visits, cases, followups, assessments, references

  /// The file name in a package.
  public var fileName: String { rawValue + ".csv" }

  /// The columns of `export --identified`, which are also the columns `import` reads, in file order.
  public var identifiedColumns: [ExchangeColumn] {
    switch self {
    case .patients: ExchangeCatalogue.patients
    case .doses: ExchangeCatalogue.doses
    case .visits: ExchangeCatalogue.visits
    case .cases: ExchangeCatalogue.cases
    case .followups: ExchangeCatalogue.followUps
    case .assessments: ExchangeCatalogue.assessments
    case .references: ExchangeCatalogue.references
    }
  }

  /// The columns of the de-identified export, in file order: no code, uuid, calendar date, user or free text.
  public var deidentifiedColumns: [ExchangeColumn] {
    switch self {
    case .patients: ExchangeCatalogue.deidentifiedPatients
    case .doses: ExchangeCatalogue.deidentifiedDoses
    case .visits: ExchangeCatalogue.deidentifiedVisits
    case .cases: ExchangeCatalogue.deidentifiedCases
    case .followups: ExchangeCatalogue.deidentifiedFollowUps
    case .assessments: ExchangeCatalogue.deidentifiedAssessments
    // Published figures, not patient data: the same in both packages.
    case .references: ExchangeCatalogue.references
    }
  }

  /// The columns of the file as `export` writes it alone (`inPackage` false) or in a package.
  ///
  /// Alone, the de-identified cases file keeps the columns it always had; in a package it also carries
  /// `case_ref`, which follow-ups and assessments refer to.
  public func columns(identified: Bool, inPackage: Bool = true) -> [ExchangeColumn] {
    if identified { return identifiedColumns }
    if self == .cases && !inPackage { return deidentifiedColumns.filter { $0.name != ExchangeCatalogue.caseRef.name } }
    return deidentifiedColumns
  }

  /// Columns an import file must have; the others may be left out or left empty.
  public var requiredImportColumns: [String] {
    switch self {
    case .patients: ["code", "start_date"]
    case .doses: ["patient_code", "dose_date"]
    case .visits: ["patient_code", "visit_date"]
    case .cases: ["patient_code", "category", "onset_date"]
    case .followups: ["case_uuid", "sequence"]
    case .assessments: ["case_uuid", "sequence"]
    case .references: ["source", "arm", "category", "percent_high", "provenance"]
    }
  }

  /// The columns whose values name one row of the file.
  public func primaryKey(identified: Bool) -> [String] {
    switch (self, identified) {
    case (.patients, true): ["uuid"]
    case (.patients, false): ["patient_ref"]
    case (.doses, true): ["site", "patient_code", "dose_date"]
    case (.doses, false): ["patient_ref", "days_to_dose"]
    case (.visits, true): ["site", "patient_code", "visit_date"]
    case (.visits, false): ["patient_ref", "days_to_visit"]
    case (.cases, true): ["uuid"]
    case (.cases, false): ["case_ref"]
    case (.followups, true): ["case_uuid", "sequence"]
    case (.followups, false): ["case_ref", "sequence"]
    case (.assessments, true): ["case_uuid", "method", "sequence"]
    case (.assessments, false): ["case_ref", "method", "sequence"]
    case (.references, _): ["source", "arm", "category"]
    }
  }

  /// A reference from columns of this file to the key of another.
  public struct ForeignKey: Sendable, Equatable {
    public var fields: [String]
    public var file: ExchangeFile
    public var referencedFields: [String]
  }

  /// Case → patient, follow-up and assessment → case, dose and visit → patient.
  public func foreignKeys(identified: Bool) -> [ForeignKey] {
    let patient =
      identified
      ? ForeignKey(fields: ["site", "patient_code"], file: .patients, referencedFields: ["site", "code"])
      : ForeignKey(fields: ["patient_ref"], file: .patients, referencedFields: ["patient_ref"])
    let reaction =
      identified
      ? ForeignKey(fields: ["case_uuid"], file: .cases, referencedFields: ["uuid"])
      : ForeignKey(fields: ["case_ref"], file: .cases, referencedFields: ["case_ref"])
    switch self {
    case .doses, .visits, .cases: return [patient]
    case .followups, .assessments: return [reaction]
    case .patients, .references: return []
    }
  }

  /// What the file holds, for the package and the codebook.
  public var title: String {
    switch self {
    case .patients: "The treated cohort: one row per enrolled patient"
    case .doses: "Injections given: one row per patient and day"
    case .visits: "Contacts at which the patient was seen: one row per patient and day"
    case .cases: "Reaction episodes, with the current state of their follow-ups"
    case .followups: "Follow-ups of each case, in the order they were recorded"
    case .assessments: "Staff causality assessments (Naranjo answers and WHO-UMC categories), in the order they were given"
    case .references: "Published trial percentages the reports compare with"
    }
  }
}

/// The bulk files `import` and `export` handle one at a time.
public enum RecordKind: String, Sendable, CaseIterable {
  case patients
  case cases
  case doses
  case visits
  case followups

  /// The package file of this kind.
  public var file: ExchangeFile {
    switch self {
    case .patients: .patients
    case .cases: .cases
    case .doses: .doses
    case .visits: .visits
    case .followups: .followups
    }
  }

  /// The column names of `export --identified`, which are also the columns `import` reads.
  public var columns: [String] { file.identifiedColumns.map(\.name) }

  /// Columns an import file must have; the others may be left out or left empty.
  public var requiredColumns: [String] { file.requiredImportColumns }

  /// The column names of the de-identified export.
  public var deidentifiedColumns: [String] { file.columns(identified: false, inPackage: false).map(\.name) }

  /// "patient", "case", "dose", "visit", "follow-up", for messages.
  public var singular: String {
    switch self {
    case .patients: "patient"
    case .cases: "case"
    case .doses: "dose"
    case .visits: "visit"
    case .followups: "follow-up"
    }
  }
}
