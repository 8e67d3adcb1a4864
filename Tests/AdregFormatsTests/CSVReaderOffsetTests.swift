import Testing
@testable import AdregFormats

@Suite("CSV reader: bytes consumed, for progress")
struct CSVReaderOffsetTests {
  @Test("after each record the offset is where the next one starts, whatever the chunk size", arguments: [1, 2, 3, 7, 64, 1 << 20])
  func offsets(chunkSize: Int) throws {
    let text = "\u{FEFF}a,b\r\n\n\"x\r\ny\",2\nlast,é"
    let bytes = Array(text.utf8)
    let reader = CSVReader(bytes: bytes, chunkSize: chunkSize)
    #expect(reader.bytesConsumed == 0)
    var offsets: [Int] = []
    while try reader.next() != nil { offsets.append(reader.bytesConsumed) }
    // BOM (3) + "a,b\r\n" (5) = 8; the empty line (1) and "\"x\r\ny\",2\n" (9) = 18; then "last,é" (7) to the end.
    #expect(offsets == [8, 18, bytes.count])
  }
}
