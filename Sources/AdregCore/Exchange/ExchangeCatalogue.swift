/// The column lists of the exchange files, identified (as stored; also what `import` reads) and
/// de-identified (PRODUCT.md §5: no code, uuid, calendar date, user or free text). Multi-valued columns hold
/// codes separated by `;`; dates are `YYYY-MM-DD`, times UTC `YYYY-MM-DDThh:mm:ss.sssZ`.
enum ExchangeCatalogue {
  typealias Column = ExchangeColumn

  // MARK: - Shared columns

  static let site = Column(
    "site", .string, fills: .site, required: true, "the site (clinic) the patient is enrolled at")
  static let patientCode = Column(
    "patient_code", .string, fills: .patientCode, required: true, "the patient's pseudonymous code within the site")
  static let caseUUID = Column("case_uuid", .string, required: true, "the case's uuid, as in cases.csv")
  static let patientRef = Column(
    "patient_ref", .string, required: true, "the patient's number within this export (R-0001, …)",
    derived: "numbered in the order of the patient's random internal uuid; the same in every file of one export")
  static let caseRef = Column(
    "case_ref", .string, required: true, "the case's number within this export (C-000001, …)",
    derived: "numbered in the order of the cases export (patient_ref, onset, entry); the same in every file of one export")
  static let sequence = Column(
    "sequence", .integer, required: true, "the row's position within its case, from 1, in the order recorded")
  static let intervalDays = Column(
    "interval_days", .integer, fills: .intervalDays, required: true, unit: "days", "the planned dosing interval")
  static let riskFactors = Column.coded(
    "risk_factors", .riskFactor, fills: .riskFactors, multiple: true, "baseline risk factors")
  static let actions = Column.coded(
    "actions", .action, fills: .action, multiple: true, "every action taken with dupilumab, in the order taken")
  static let action = Column.coded("action", .action, fills: .action, "the action taken with dupilumab")
  static let treatments = Column.coded(
    "treatments", .treatment, fills: .treatments, multiple: true,
    "add-on treatments (of the latest follow-up that names any)")
  static let treatmentsGiven = Column.coded(
    "treatments", .treatment, fills: .treatments, multiple: true, "add-on treatments given")
  static let dechallenge = Column.coded("dechallenge", .dechallenge, fills: .dechallenge, "dechallenge result")
  static let rechallenge = Column.coded("rechallenge", .rechallenge, fills: .rechallenge, "rechallenge result")
  static let outcome = Column.coded("outcome", .outcome, fills: .outcome, "outcome")
  static let outcomeDate = Column("outcome_date", .date, fills: .outcomeDate, "the day the outcome was reached")
  static let biopsy = Column("biopsy", .string, fills: .biopsy, "biopsy result (free text)")
  static let method = Column(
    "method", .string, required: true,
    codes: .listed([
      .init(code: "naranjo", meaning: "a staff answer to one Naranjo question"),
      .init(code: "who-umc", meaning: "a WHO-UMC causality category staff set"),
    ]), "the kind of staff assessment")
  static let methodSequence = Column(
    "sequence", .integer, required: true,
    "the row's position among its case's assessments of the same method, from 1, in the order given")
  static let question = Column(
    "question", .integer, "the Naranjo question, 1 to 10; filled on naranjo rows only")
  static let answer = Column(
    "answer", .string,
    codes: .listed([
      .init(code: "yes", meaning: "yes"), .init(code: "no", meaning: "no"),
      .init(code: "unknown", meaning: "don't know"),
    ]), "the staff answer, on naranjo rows only; the latest answer of a question counts")
  static let whoUMC = Column.coded(
    "who_umc", .whoUMC, "the WHO-UMC category staff set, on who-umc rows only; the latest of a case stands")

  static let category = Column.coded("category", .category, fills: .category, required: true, "the kind of reaction")
  static let source = Column.coded("source", .source, fills: .source, required: true, "who reported it")
  static let scaling = Column.coded("scaling", .scaling, fills: .scaling, required: true, "scaling")
  static let morphology = Column.coded("morphology", .morphology, fills: .morphology, multiple: true, "morphology")
  static let bodySites = Column.coded("body_sites", .bodySite, fills: .bodySites, multiple: true, "body sites")
  static let severity = Column.coded("severity", .severity, fills: .severity, "severity")
  static let seriousness = Column.coded(
    "seriousness", .seriousness, fills: .seriousness, multiple: true,
    "the ICH E2B(R3) seriousness criteria (E.i.3.2) the case meets")
  static let itch = Column("itch", .integer, fills: .itch, unit: "points (0-10)", "itch score, 0 to 10")
  static let latestOutcome = Column.coded("outcome", .outcome, fills: .outcome, "the latest outcome")
  static let sex = Column.coded("sex", .sex, fills: .sex, required: true, "sex")

  // MARK: - Identified

  static let patients: [Column] = [
    site,
    Column("code", .string, fills: .patientCode, required: true, "the patient's pseudonymous code within the site"),
    Column("uuid", .string, fills: .uuid, required: true, "the patient's uuid, kept across registries"),
    sex,
    Column("birth_year", .integer, fills: .birthYear, "year of birth"),
    Column("start_date", .date, fills: .startDate, required: true, "the day of the first dupilumab dose"),
    Column("stop_date", .date, fills: .stopDate, "the day treatment stopped"),
    Column("stop_reason", .string, fills: .stopReason, "why treatment stopped (free text)"),
    Column("regimen", .string, fills: .regimen, required: true, "the regimen as written (free text)"),
    intervalDays,
    riskFactors,
  ]

  static let doses: [Column] = [
    site, patientCode, Column("dose_date", .date, required: true, "the day the injection was given"),
  ]

  static let visits: [Column] = [
    site, patientCode, Column("visit_date", .date, required: true, "the day the patient was seen"),
    Column("note", .string, fills: .note, "note (free text)"),
  ]

  /// The follow-up columns hold the case's current state, derived from followups.csv (`actions` is every
  /// action taken, in order); `withdrawn_reason` marks a withdrawn case.
  static let cases: [Column] = [
    Column("uuid", .string, fills: .uuid, required: true, "the case's uuid, kept across registries"),
    site, patientCode,
    category,
    Column("onset_date", .date, fills: .onsetDate, required: true, "the day the reaction began"),
    Column("reported_date", .date, fills: .reportedDate, required: true, "the day the reaction was reported"),
    source, scaling, morphology, bodySites, severity, itch,
    Column("description", .string, fills: .description, "description (free text)"),
    actions, treatments, dechallenge, rechallenge,
    latestOutcome,
    Column("outcome_date", .date, fills: .outcomeDate, "the day the latest outcome was reached"),
    Column("biopsy", .string, fills: .biopsy, "the latest biopsy result (free text)"),
    Column(
      "withdrawn_reason", .string, fills: .withdrawalReason,
      "why the case was withdrawn as entered in error (free text); empty when it stands"),
    seriousness,
  ]

  static let followUps: [Column] = [
    caseUUID, sequence,
    Column("recorded_at", .datetime, required: true, "when the follow-up was recorded (UTC)"),
    Column("recorded_by", .string, required: true, "who recorded it"),
    action, treatmentsGiven, dechallenge, rechallenge, outcome, outcomeDate, biopsy,
    Column("note", .string, fills: .note, "note (free text)"),
  ]

  static let assessments: [Column] = [
    caseUUID, method, methodSequence,
    Column("answered_at", .datetime, required: true, "when the answer or category was given (UTC)"),
    Column("answered_by", .string, required: true, "who gave it"),
    question, answer, whoUMC,
    Column(
      "who_umc_reason", .string, "why staff chose the WHO-UMC category (free text), on who-umc rows only"),
  ]

  static let references: [Column] = [
    Column("source", .string, required: true, "the trial or study"),
    Column("population", .string, "who was studied"),
    Column(
      "arm", .string, required: true,
      codes: .listed([
        .init(code: "dupilumab", meaning: "the dupilumab arm"), .init(code: "placebo", meaning: "the placebo arm"),
      ]), "the arm of the trial"),
    category,
    Column("percent_low", .number, unit: "percent", "lower bound of the published range; empty for 'up to'"),
    Column("percent_high", .number, required: true, unit: "percent", "the published percentage, or its upper bound"),
    Column("patients", .integer, unit: "patients", "the arm's size, where published"),
    Column("events", .integer, unit: "patients", "patients of the arm with the event, where published"),
    Column("weeks", .integer, unit: "weeks", "fixed follow-up from the first dose, where the figure has one"),
    Column(
      "design", .string,
      codes: .listed([
        .init(code: "rct", meaning: "randomised controlled trial"), .init(code: "ole", meaning: "open-label extension"),
        .init(code: "cohort", meaning: "observational cohort"),
        .init(code: "source-article", meaning: "as stated in the source article only"),
      ]), "how the figure was obtained"),
    Column("verified", .boolean, required: true, "true only when the figure was read in the label or the primary publication"),
    Column("citation", .string, "where the figure was published"),
    Column("provenance", .string, required: true, "where the figure comes from and how far it was checked"),
  ]

  // MARK: - De-identified

  static let deidentifiedPatients: [Column] = [
    patientRef, site, sex,
    Column(
      "age_at_start", .integer, unit: "years", "age at treatment start",
      derived: "the year of start_date minus birth_year"),
    .days("days_to_stop", "days from treatment start to stop", from: "stop_date"),
    Column(
      "observed_days", .integer, required: true, unit: "days", "days on treatment observed, the start day included",
      derived: "the earlier of stop_date and the export's as-of day, minus start_date, plus 1"),
    intervalDays, riskFactors,
  ]

  static let deidentifiedDoses: [Column] = [
    patientRef, .days("days_to_dose", required: true, "days from treatment start to the injection", from: "dose_date"),
  ]

  static let deidentifiedVisits: [Column] = [
    patientRef, .days("days_to_visit", required: true, "days from treatment start to the visit", from: "visit_date"),
  ]

  static let deidentifiedCases: [Column] = [
    patientRef, caseRef,
    category,
    .days("days_to_onset", required: true, "days from treatment start to onset", from: "onset_date"),
    .days("days_to_report", required: true, "days from treatment start to the report", from: "reported_date"),
    Column(
      "days_since_last_dose", .integer, unit: "days", "days from the last logged dose on or before onset to onset",
      derived: "onset_date minus the latest dose_date on or before it; empty when no dose is logged"),
    source, scaling, morphology, bodySites, severity, itch,
    actions, treatments, dechallenge, rechallenge,
    latestOutcome,
    .days("days_to_outcome", "days from treatment start to the latest outcome", from: "outcome_date"),
    seriousness,
  ]

  static let deidentifiedFollowUps: [Column] = [
    caseRef, sequence,
    .days("days_to_record", required: true, "days from treatment start to the day the follow-up was recorded", from: "the UTC day of recorded_at"),
    action, treatmentsGiven, dechallenge, rechallenge, outcome,
    .days("days_to_outcome", "days from treatment start to the outcome", from: "outcome_date"),
  ]

  static let deidentifiedAssessments: [Column] = [
    caseRef, method, methodSequence,
    .days("days_to_answer", required: true, "days from treatment start to the day of the answer or category", from: "the UTC day of answered_at"),
    question, answer, whoUMC,
  ]
}
