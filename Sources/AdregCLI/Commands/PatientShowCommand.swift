import AdregArguments
import AdregCore
import AdregFormats

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
    arguments: [SharedOptions.code.spec],
    options: [SharedOptions.site.spec, SharedOptions.wide.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format(allowed: [.table, .json])
    let registry = try context.registry(readOnly: true)
    let patient = try registry.patient(code: arguments[SharedOptions.code], site: arguments[SharedOptions.site])
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
        .object([("date", .string($0.date.iso)), ("note", JSONValue($0.note))])
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
    var fields: [(String, JSONValue)] = [
      ("date", .string(event.date.iso)), ("day", .int(Int64(event.dayOfTreatment))), ("kind", .string(event.kind.name)),
    ]
    switch event.kind {
    case .start(let regimen, let interval):
      fields += [("regimen", .string(regimen)), ("interval_days", .int(Int64(interval)))]
    case .dose: break
    case .visit(let note): fields.append(("note", JSONValue(note)))
    case .reaction(let record):
      fields += [
        ("case_id", .int(record.id)), ("category", .string(record.category.rawValue)),
        ("days_since_last_dose", JSONValue(record.timing.daysSinceLastDose)),
        ("withdrawn", .bool(record.withdrawal != nil)), ("withdrawal_reason", JSONValue(record.withdrawal?.reason)),
      ]
    case .followUp(let caseID, let number, let followUp):
      fields += [("case_id", .int(caseID)), ("follow_up", .int(Int64(number)))] + Present.followUp(followUp)
    case .stop(let reason): fields.append(("reason", JSONValue(reason)))
    }
    return fields
  }
}
