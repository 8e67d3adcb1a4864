/// A patient's course on one time line: treatment start, doses, visits, cases, follow-ups and stop, in date order.
public struct PatientCourse: Sendable, Equatable {
  /// One dated thing that happened to the patient.
  public struct Event: Sendable, Equatable {
    public var date: Day
    /// "Day N of treatment", counting the first day as day 1.
    public var dayOfTreatment: Int
    public var kind: Kind
  }

  /// What happened, with what the time line shows of it.
  public enum Kind: Sendable, Equatable {
    case start(regimen: String, intervalDays: Int)
    case dose
    case visit(note: String?)
    /// A case on its onset date, withdrawn ones included and marked (`CaseRecord.withdrawal`).
    case reaction(CaseRecord)
    /// The `number`-th follow-up of a case (1-based), on its outcome date, else the day it was recorded.
    case followUp(caseID: Int64, number: Int, FollowUp)
    case stop(reason: String?)

    /// The word for the kind in JSON and tables.
    public var name: String {
      switch self {
      case .start: "start"
      case .dose: "dose"
      case .visit: "visit"
      case .reaction: "case"
      case .followUp: "follow-up"
      case .stop: "stop"
      }
    }

    /// Order of things on the same day: the start first and the stop last, a follow-up after its case.
    var rank: Int {
      switch self {
      case .start: 0
      case .dose: 1
      case .visit: 2
      case .reaction: 3
      case .followUp: 4
      case .stop: 5
      }
    }
  }

  public var events: [Event]

  /// The course of `patient` from what the registry holds of it; `cases` may include withdrawn ones.
  public init(patient: Patient, doses: [Dose], visits: [Visit], cases: [CaseRecord]) {
    var kinds: [(Day, Kind)] = [(patient.start, .start(regimen: patient.regimen, intervalDays: patient.intervalDays))]
    kinds += doses.map { ($0.date, .dose) }
    kinds += visits.map { ($0.date, .visit(note: $0.note)) }
    for record in cases {
      kinds.append((record.onset, .reaction(record)))
      for (index, followUp) in record.followUps.enumerated() {
        let date = followUp.outcomeDate ?? Day(iso: String(followUp.recordedAt.prefix(10))) ?? record.onset
        kinds.append((date, .followUp(caseID: record.id, number: index + 1, followUp)))
      }
    }
    if let stop = patient.stop { kinds.append((stop, .stop(reason: patient.stopReason))) }
    // Sorting the positions keeps the order things were given in among equals: doses by date, cases by onset and id.
    let order = kinds.indices.sorted { a, b in
      let (dayA, kindA) = kinds[a]
      let (dayB, kindB) = kinds[b]
      if dayA != dayB { return dayA < dayB }
      if kindA.rank != kindB.rank { return kindA.rank < kindB.rank }
      return a < b
    }
    events = order.map { index in
      let (date, kind) = kinds[index]
      return Event(date: date, dayOfTreatment: date.days(since: patient.start) + 1, kind: kind)
    }
  }
}
