import AdregArguments
import AdregCore
import AdregFormats

/// `adreg patient add`: enrol a patient.
enum PatientAddCommand: AdregCommand {
  static let spec = CommandSpec(
    "patient add",
    abstract: "Enrol a patient who starts dupilumab.",
    discussion: "Every enrolled patient counts in the cohort, with or without a reaction. Use a pseudonymous code, never a name or record number.",
    arguments: [SharedOptions.code],
    options: [
      .value("start", "date", help: "First dose, YYYY-MM-DD.", required: true),
      SharedOptions.site,
      .value("sex", "sex", help: "Sex (default: unknown).", allowedValues: Vocabulary.sex.codes),
      .value("birth-year", "year", help: "Year of birth."),
      .value("regimen", "text", help: "Regimen (default: 300 mg every 2 weeks)."),
      .value("interval-days", "days", help: "Dosing interval in days (default: 14)."),
      .value("risk", "codes", help: "Baseline risk factors, comma-separated.", allowedValues: Vocabulary.riskFactor.codes),
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    var draft = PatientDraft(code: arguments.positional("code") ?? "", start: arguments.value("start") ?? "")
    draft.site = arguments.value("site")
    draft.sex = arguments.value("sex") ?? "unknown"
    draft.birthYear = arguments.value("birth-year")
    draft.regimen = arguments.value("regimen")
    draft.intervalDays = arguments.value("interval-days")
    draft.riskFactors = arguments.list("risk")
    let patient = try context.registry().addPatient(draft)
    context.io.line(
      "Enrolled \(patient.code) in site \(patient.site): treatment started \(patient.start.iso), \(patient.regimen)"
        + (patient.riskFactors.isEmpty ? "." : "; risk factors: \(patient.riskFactors.joined(separator: ", ")).")
    )
  }
}

/// `adreg patient stop`: record that treatment stopped.
enum PatientStopCommand: AdregCommand {
  static let spec = CommandSpec(
    "patient stop",
    abstract: "Record that a patient's treatment stopped.",
    arguments: [SharedOptions.code],
    options: [
      .value("date", "date", help: "Last day of treatment, YYYY-MM-DD.", required: true),
      .value("reason", "text", help: "Why treatment stopped."),
      SharedOptions.site,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let patient = try context.registry().stopPatient(
      code: arguments.positional("code") ?? "", site: arguments.value("site"), date: arguments.value("date") ?? "",
      reason: arguments.value("reason"))
    context.io.line("Treatment of \(patient.code) stopped on \(patient.stop?.iso ?? "?").")
  }
}

/// `adreg patient show`: treatment, risk factors, doses, cases, and the course on one time line.
enum PatientShowCommand: AdregCommand {
  static let spec = CommandSpec(
    "patient show",
    abstract: "Show a patient: treatment, risk factors, doses, visits, cases, and the course on one time line.",
    discussion: """
      The course lists the start, each dose, visit and case (withdrawn ones marked), each follow-up and the stop \
      in date order, with the day of treatment (the first day is day 1). A follow-up stands on its outcome date, \
      else on the day it was recorded.
      """,
    arguments: [SharedOptions.code],
    options: [SharedOptions.site, SharedOptions.wide])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format(allowed: [.table, .json])
    let registry = try context.registry(readOnly: true)
    let patient = try registry.patient(code: arguments.positional("code") ?? "", site: arguments.value("site"))
    let doses = try registry.doses(patientID: patient.id)
    let visits = try registry.visits(patientID: patient.id)
    var filter = CaseFilter()
    filter.patientCode = patient.code
    filter.site = patient.site
    let cases = try registry.cases(filter)
    let course = try registry.course(of: patient)
    if format == .json {
      var object = Present.patient(patient)
      object.append(("doses", .array(doses.map { .string($0.date.iso) })))
      object.append(("visits", .array(visits.map {
        .object([("date", .string($0.date.iso)), ("note", $0.note.map { .string($0) } ?? .null)])
      })))
      object.append(("cases", .array(cases.map { .object(Present.caseRecord($0)) })))
      object.append(("timeline", .array(course.events.map { .object(json($0)) })))
      context.io.line(JSONValue.object(object).serialized())
      return
    }
    let io = context.io
    let layout = TextLayout(arguments)
    io.line(escaping: "Patient \(patient.code) (site \(patient.site))")
    io.line(escaping: "  sex: \(patient.sex)   birth year: \(patient.birthYear.map(String.init) ?? "–")")
    io.line(
      escaping: "  treatment: \(patient.regimen), every \(patient.intervalDays) days, started \(patient.start.iso)",
      layout: layout, indent: "      ")
    if let stop = patient.stop {
      io.line(escaping: "  stopped: \(stop.iso)\(patient.stopReason.map { " (\($0))" } ?? "")", layout: layout, indent: "      ")
    }
    io.line(escaping: "  risk factors: \(patient.riskFactors.isEmpty ? "none" : patient.riskFactors.joined(separator: ", "))")
    io.line(
      escaping: "  doses logged: \(doses.count)\(doses.isEmpty ? "" : " (" + doses.map(\.date.iso).joined(separator: ", ") + ")")",
      layout: layout, indent: "      ")
    io.line(
      escaping: "  visits logged: \(visits.count)\(visits.isEmpty ? "" : " (" + visits.map(\.date.iso).joined(separator: ", ") + ")")",
      layout: layout, indent: "      ")
    io.line(escaping: "  cases: \(cases.isEmpty ? "none" : "")")
    for record in cases {
      io.line(
        escaping: "    #\(record.id) \(record.category), onset \(record.onset.iso) (\(Present.timing(record.timing)))"
          + (record.current.outcome.map { "; outcome \($0)" } ?? ""),
        layout: layout, indent: "        ")
    }
    io.line("  course:")
    // "    2025-01-20  day   15  " — the event's text, folded, continues under itself.
    let indent = String(repeating: " ", count: 26)
    for event in course.events {
      io.line(
        escaping: "    \(event.date.iso)  day \(String(event.dayOfTreatment).leftPadding(4))  \(text(event.kind))",
        layout: layout, indent: indent)
    }
  }

  /// What an event of the course says in the table.
  static func text(_ kind: PatientCourse.Kind) -> String {
    switch kind {
    case .start(let regimen, let interval): "treatment start: \(regimen), every \(interval) days"
    case .dose: "dose"
    case .visit(let note): "visit" + (note.map { ": \($0)" } ?? "")
    case .reaction(let record):
      "case #\(record.id) \(record.category), " + Present.sinceLastDose(record.timing)
        + (record.withdrawal.map { " — withdrawn (\($0.reason))" } ?? "")
    case .followUp(let caseID, let number, let followUp):
      "follow-up \(number) of case #\(caseID): " + Present.followUpParts(followUp).joined(separator: "; ")
    case .stop(let reason): "treatment stop" + (reason.map { ": \($0)" } ?? "")
    }
  }

  /// `{date, day, kind, …}`: the fields of one event of the course.
  static func json(_ event: PatientCourse.Event) -> [(String, JSONValue)] {
    func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    var fields: [(String, JSONValue)] = [
      ("date", .string(event.date.iso)), ("day", .int(Int64(event.dayOfTreatment))), ("kind", .string(event.kind.name)),
    ]
    switch event.kind {
    case .start(let regimen, let interval):
      fields += [("regimen", .string(regimen)), ("interval_days", .int(Int64(interval)))]
    case .dose: break
    case .visit(let note): fields.append(("note", text(note)))
    case .reaction(let record):
      fields += [
        ("case_id", .int(record.id)), ("category", .string(record.category)),
        ("days_since_last_dose", record.timing.daysSinceLastDose.map { .int(Int64($0)) } ?? .null),
        ("withdrawn", .bool(record.withdrawal != nil)), ("withdrawal_reason", text(record.withdrawal?.reason)),
      ]
    case .followUp(let caseID, let number, let followUp):
      fields += [("case_id", .int(caseID)), ("follow_up", .int(Int64(number)))] + Present.followUp(followUp)
    case .stop(let reason): fields.append(("reason", text(reason)))
    }
    return fields
  }
}

/// `adreg patient list`.
enum PatientListCommand: AdregCommand {
  static let spec = CommandSpec(
    "patient list",
    abstract: "List enrolled patients.",
    options: [.value("site", "site", help: "Only this site (default: every site)."), SharedOptions.raw])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    let registry = try context.registry(readOnly: true)
    var listing = context.listing(
      ["site", "code", "sex", "birth_year", "start", "stop", "regimen", "interval_days", "risk_factors"], format: format)
    try registry.forEachPatient(site: arguments.value("site")) { p in
      listing.append(
        [.string(p.site), .string(p.code), .string(p.sex), p.birthYear.map { .int(Int64($0)) } ?? .null,
         .string(p.start.iso), p.stop.map { .string($0.iso) } ?? .null, .string(p.regimen), .int(Int64(p.intervalDays)),
         .array(p.riskFactors.map { .string($0) })])
    }
    listing.finish()
  }
}

/// `adreg dose add`: log an injection.
enum DoseAddCommand: AdregCommand {
  static let spec = CommandSpec(
    "dose add",
    abstract: "Log an injection given on a date.",
    discussion: "Doses give 'days since the last injection' for each case.",
    arguments: [SharedOptions.code],
    options: [.value("date", "date", help: "Day of the injection, YYYY-MM-DD.", required: true), SharedOptions.site])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let code = arguments.positional("code") ?? ""
    let dose = try context.registry().addDose(code: code, site: arguments.value("site"), date: arguments.value("date") ?? "")
    context.io.line("Dose logged for \(code) on \(dose.date.iso).")
  }
}

/// `adreg visit add`: log a contact without a new reaction.
enum VisitAddCommand: AdregCommand {
  static let spec = CommandSpec(
    "visit add",
    abstract: "Log a visit: a day the patient was seen, with or without a new reaction.",
    discussion: "Visits tell the last contact, where 'report incidence --censor last-contact' ends a patient's follow-up.",
    arguments: [SharedOptions.code],
    options: [
      .value("date", "date", help: "Day of the visit, YYYY-MM-DD.", required: true),
      .value("note", "text", help: "What was seen or said."),
      SharedOptions.site,
    ])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let code = arguments.positional("code") ?? ""
    let visit = try context.registry().addVisit(
      code: code, site: arguments.value("site"), date: arguments.value("date") ?? "", note: arguments.value("note"))
    context.io.line("Visit logged for \(code) on \(visit.date.iso).")
  }
}
