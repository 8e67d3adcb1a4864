@testable import AdregCore
@testable import AdregFormats
import FuzzSupport

/// The trial-reference file parser (`reference import`) on any bytes: references that keep every rule of the
/// reference table, or a `RegistryError` that is safe to print; never a crash. Each accepted reference's own
/// interval is computed too, since `reference list` and the reports show it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReference(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  let reader = CSVReader(bytes: bytes, chunkSize: bytes.count + 1)
  do {
    for reference in try TrialReference.parse(reader, fileName: "references.csv") {
      fuzzCheck((0...100).contains(reference.percentHigh), "percent_high \(reference.percentHigh) accepted")
      if let low = reference.percentLow { fuzzCheck(low <= reference.percentHigh, "percent_low \(low) above high") }
      if let events = reference.events, let patients = reference.patients {
        fuzzCheck(events <= patients, "\(events) events of \(patients) patients accepted")
      }
      for text in [reference.source, reference.arm.rawValue, reference.category.rawValue, reference.provenance] {
        // One line of text: no C0 or C1 control (bidirectional controls may be stored; DisplayText escapes them).
        let controls = text.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
        fuzzCheck(!text.isEmpty && controls.isEmpty, "required text \(text.debugDescription) accepted")
      }
      if let interval = reference.interval(level: 0.95) {
        fuzzCheck(interval.lower <= interval.upper && interval.lower >= 0 && interval.upper <= 1,
          "interval \(interval) for \(reference)")
      }
    }
  } catch let error as RegistryError {
    fuzzCheck(!error.message.isEmpty, "an empty refusal")
    fuzzCheck(DisplayTextCheck.isSafe(DisplayText.escapedMessage(error.message), allowingLineFeeds: true),
      "unsafe refusal \(error.message.debugDescription)")
  } catch {
    fuzzCheck(false, "reference parse threw \(error), not a RegistryError")
  }
  return 0
}
