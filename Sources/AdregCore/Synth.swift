import AdregFormats
import Foundation

/// What synthetic cohort to make.
public struct SynthOptions: Sendable {
  /// The seed `adreg synth` draws from when none is given.
  public static let defaultSeed: UInt64 = 1

  /// How many patients.
  public var patients: Int
  /// The same seed and as-of date give the same files, byte for byte, on every machine.
  public var seed: UInt64
  /// Treatment starts spread over the years up to this day; no date is later.
  public var asOf: Day
  /// The rates and patterns drawn from.
  public var clinic: SynthClinic

  public init(patients: Int, seed: UInt64, asOf: Day, clinic: SynthClinic = SynthClinic()) {
    self.patients = patients
    self.seed = seed
    self.asOf = asOf
    self.clinic = clinic
  }
}

/// What a synthetic cohort holds.
public struct SynthSummary: Sendable, Equatable {
  /// Rows written to patients.csv.
  public var patients = 0
  /// Rows written to doses.csv, visits.csv, cases.csv (withdrawn duplicates included) and followups.csv.
  public var doses = 0
  public var visits = 0
  public var cases = 0
  public var followUps = 0
  /// The earliest and latest treatment start.
  public var firstStart: Day?
  public var lastStart: Day?
}

/// The five files of a synthetic cohort, in the import format.
public struct SynthFiles<Sink: TextSink> {
  public var patients: Sink
  public var doses: Sink
  public var visits: Sink
  public var cases: Sink
  public var followUps: Sink

  public init(patients: Sink, doses: Sink, visits: Sink, cases: Sink, followUps: Sink) {
    self.patients = patients
    self.doses = doses
    self.visits = visits
    self.cases = cases
    self.followUps = followUps
  }

  /// The file names, in the order the fields are declared.
  public static var names: [String] { ["patients.csv", "doses.csv", "visits.csv", "cases.csv", "followups.csv"] }

  /// The package files a synthetic cohort has no rows for (staff answers, trial references), as headers alone:
  /// beside the five, they make the folder a package that `import DIR` loads in one transaction.
  public static var emptyPackageFiles: [(name: String, bytes: [UInt8])] {
    [ExchangeFile.assessments, .references].map {
      ($0.fileName, Array(($0.identifiedColumns.map(\.name).joined(separator: ",") + "\r\n").utf8))
    }
  }
}

/// Makes a synthetic cohort in the import format, for demonstrations, tests and benchmarks.
///
/// It runs a clinic (``SynthClinic``): treatment starts spread over four years; injections on each patient's
/// interval, a day or two early or late, a few missed; visits at week 4 and then every 12 weeks; about 15 % a year
/// stopping treatment, with a reason; some patients lost to follow-up, with no contact after a day and no stop
/// date. Reactions follow category-specific onset patterns (injection-site reactions 0–3 days after an
/// injection, conjunctivitis and facial redness in the first months, psoriasiform eruptions later), more often
/// with the matching risk factor; follow-ups record actions, dechallenge, rechallenge and outcomes with dates;
/// a few cases are entered twice and the copy withdrawn. The shares of patients with each category come out
/// near the trial percentages that adreg ships (PRODUCT.md §8).
///
/// Its own SplitMix64 generator, not the system's, makes the output reproducible; rows are assembled
/// as bytes, so a million patients take seconds.
public enum Synth {
  /// Writes the five files' content to their sinks.
  /// - Parameter progress: called with the patients written so far, of `options.patients`, every 256 patients.
  @discardableResult
  public static func generate<Sink: TextSink>(
    _ options: SynthOptions, into files: inout SynthFiles<Sink>, progress: (WorkProgress) -> Void = { _ in }
  ) throws -> SynthSummary {
    var generator = SynthGenerator(options: options)
    var out = SynthRows()
    var summary = SynthSummary()
    for number in 0..<max(0, options.patients) {
      let index = number + 1
      let start = generator.patient(index, into: &out, summary: &summary)
      summary.patients += 1
      if summary.firstStart.map({ start < $0 }) ?? true { summary.firstStart = start }
      if summary.lastStart.map({ start > $0 }) ?? true { summary.lastStart = start }
      try out.flushIfFull(to: &files)
      if index % 256 == 0 { progress(WorkProgress(rows: index, done: index, total: options.patients)) }
    }
    try out.flush(to: &files)
    return summary
  }
}

/// The rows of the five files being assembled, each with its header.
struct SynthRows {
  var patients = RowBytes()
  var doses = RowBytes()
  var visits = RowBytes()
  var cases = RowBytes()
  var followUps = RowBytes()

  init() {
    for (rows, kind) in [
      (\SynthRows.patients, RecordKind.patients), (\.doses, .doses), (\.visits, .visits), (\.cases, .cases),
      (\.followUps, .followups),
    ] {
      self[keyPath: rows].append(kind.columns.joined(separator: ","))
      self[keyPath: rows].newline()
    }
  }

  mutating func flushIfFull<Sink: TextSink>(to files: inout SynthFiles<Sink>) throws {
    try patients.flushIfFull(to: &files.patients)
    try doses.flushIfFull(to: &files.doses)
    try visits.flushIfFull(to: &files.visits)
    try cases.flushIfFull(to: &files.cases)
    try followUps.flushIfFull(to: &files.followUps)
  }

  mutating func flush<Sink: TextSink>(to files: inout SynthFiles<Sink>) throws {
    try patients.flush(to: &files.patients)
    try doses.flush(to: &files.doses)
    try visits.flush(to: &files.visits)
    try cases.flush(to: &files.cases)
    try followUps.flush(to: &files.followUps)
  }
}
