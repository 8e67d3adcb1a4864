@testable import AdregCore
@testable import AdregFormats
import FuzzSupport

/// The MedDRA mapping file parser (`meddra import`: `MedDRAMapping.parse` over `NamedColumnsCSV.rows`) on any
/// bytes: mappings that keep every rule of the file (a known category, once; a release `NN.N`; 8-digit codes;
/// one-line terms of 1 to 100 characters), or a `RegistryError` of kind invalid data that is safe to print.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMedDRA(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  let reader = CSVReader(bytes: bytes, chunkSize: bytes.count + 1)
  do {
    let mappings = try MedDRAMapping.parse(reader, fileName: "meddra.csv")
    fuzzCheck(!mappings.isEmpty, "a file with no mapping accepted")
    fuzzCheck(Set(mappings.map(\.category)).count == mappings.count, "a category mapped twice accepted")
    for m in mappings {
      fuzzCheck(MedDRAMapping.categories.contains(m.category), "unknown category \(m.category.debugDescription)")
      for code in [m.lltCode, m.ptCode] {
        fuzzCheck(code.utf8.count == 8 && code.utf8.allSatisfy { (0x30...0x39).contains($0) }, "code \(code.debugDescription)")
      }
      let release = m.version.split(separator: ".", omittingEmptySubsequences: false)
      fuzzCheck(release.count == 2 && release.allSatisfy { (1...3).contains($0.utf8.count) }, "release \(m.version.debugDescription)")
      for name in [m.lltName, m.ptName] {
        let controls = name.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
        fuzzCheck((1...100).contains(name.count) && controls.isEmpty, "term \(name.debugDescription) accepted")
      }
    }
  } catch let error as RegistryError {
    fuzzCheck(error.kind == .invalidData, "refused with kind \(error.kind), not invalid data")
    fuzzCheck(!error.message.isEmpty, "an empty refusal")
    fuzzCheck(DisplayTextCheck.isSafe(DisplayText.escapedMessage(error.message), allowingLineFeeds: true),
      "unsafe refusal \(error.message.debugDescription)")
  } catch {
    fuzzCheck(false, "the MedDRA parser threw \(error), not a RegistryError")
  }
  return 0
}
