import AdregCore
import AdregFormats
import Foundation

/// Progress of long work on standard error, only when standard error is a terminal: one line redrawn in place
/// with the percent done, rows per second and time left, then a summary line.
final class ProgressLine {
  /// Redraws come at most this often, so a fast loop does not spend its time writing to the terminal.
  static let interval = 0.1

  private let io: CLIIO
  private let label: String
  private let noun: String
  private let verb: String
  private let clock: () -> Double
  private let started: Double
  private var lastDrawn: Double?

  /// - Parameters:
  ///   - label: what the work is about, e.g. the file's name; shown escaped.
  ///   - noun: what is counted, singular: "row", "patient".
  ///   - verb: what happens to one: "read", "written".
  ///   - clock: seconds on a clock that only moves forwards; tests give their own.
  init(_ context: CommandContext, label: String, noun: String = "row", verb: String,
    clock: @escaping () -> Double = ProgressLine.monotonic
  ) {
    self.io = context.io
    self.label = DisplayText.escaped(label)
    self.noun = noun
    self.verb = verb
    self.clock = clock
    started = clock()
  }

  static func monotonic() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

  func update(_ progress: WorkProgress) {
    guard io.showsProgress else { return }
    let now = clock()
    if let lastDrawn, now - lastDrawn < Self.interval { return }
    lastDrawn = now
    io.writeError("\r" + Self.line(label: label, noun: noun, verb: verb, progress, elapsed: now - started) + "\u{1B}[K")
  }

  /// Replaces the progress line by a summary of the work, so that what follows starts on its own line.
  /// Nothing is written when no progress line was drawn.
  func finish(_ rows: Int) {
    guard lastDrawn != nil else { return }
    let elapsed = clock() - started
    io.writeError("\r" + Self.summary(label: label, noun: noun, verb: verb, rows: rows, elapsed: elapsed) + "\u{1B}[K\n")
    lastDrawn = nil
  }

  /// Clears the progress line when the work failed, so that the error reads on a clean line.
  func abandon() {
    guard lastDrawn != nil else { return }
    io.writeError("\r\u{1B}[K")
    lastDrawn = nil
  }

  /// `patients.csv: 42% · 12,500 rows read · 8,200 rows/s · 0:07 left`.
  static func line(label: String, noun: String = "row", verb: String, _ progress: WorkProgress, elapsed: Double) -> String {
    var parts = ["\(label):"]
    if let fraction = progress.fraction { parts.append("\(Int(fraction * 100))%") }
    var text = parts.joined(separator: " ") + " · \(grouped(progress.rows)) \(plural(noun, progress.rows)) \(verb)"
    guard elapsed > 0 else { return text }
    text += " · \(grouped(Int((Double(progress.rows) / elapsed).rounded()))) \(noun)s/s"
    if let fraction = progress.fraction, fraction > 0 {
      text += " · \(clockTime(elapsed / fraction - elapsed)) left"
    }
    return text
  }

  /// `patients.csv: 20,000 rows read in 2.4 s (8,300 rows/s)`.
  static func summary(label: String, noun: String = "row", verb: String, rows count: Int, elapsed: Double) -> String {
    let seconds = max(elapsed, 0)
    var text = "\(label): \(grouped(count)) \(plural(noun, count)) \(verb) in \(String(format: "%.1f", seconds)) s"
    if seconds > 0 { text += " (\(grouped(Int((Double(count) / seconds).rounded()))) \(noun)s/s)" }
    return text
  }

  private static func plural(_ noun: String, _ count: Int) -> String { count == 1 ? noun : noun + "s" }

  /// `12,500`: thousands grouped with commas, whatever the locale, like the rest of adreg's output.
  static func grouped(_ number: Int) -> String {
    let digits = String(number.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return (number < 0 ? "-" : "") + result
  }

  /// `0:07`, `12:30`, `1:02:03`: minutes and seconds, with hours when there are any.
  static func clockTime(_ seconds: Double) -> String {
    let total = Int(max(0, seconds).rounded(.up))
    let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
    return hours > 0
      ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
  }
}
