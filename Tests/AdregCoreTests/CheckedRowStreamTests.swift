import AdregFormats
import Foundation
import Testing
@testable import AdregCore

/// The checking thread of an import: rows come out in file order, a writer that stops early is never left
/// waiting, and a record that cannot be read stops the stream after the rows before it.
@Suite("Checked rows from a second thread")
struct CheckedRowStreamTests {
  static func patients(_ count: Int, brokenAt: Int? = nil) -> [UInt8] {
    var text = "code,start_date\r\n"
    for index in 1...count {
      // Line numbers: the header is line 1, patient `index` is line index + 1.
      text += index == brokenAt ? "P\(index),\"2024-01-01\r\n" : "P\(index),2024-01-01\r\n"
    }
    return Array(text.utf8)
  }

  static func stream(_ bytes: [UInt8], registry: Registry) throws -> CheckedRowStream {
    let reader = CSVReader(bytes: bytes)
    guard let headerRecord = try reader.next() else { throw RegistryError.invalid("no header") }
    let header = ImportHeader(
      fields: headerRecord.fields, index: Dictionary(uniqueKeysWithValues: headerRecord.fields.enumerated().map { ($1, $0) }),
      reasonIndex: nil)
    return CheckedRowStream(
      reader: reader, source: ImportSource(name: "p.csv", bytes: bytes.count),
      configuration: ImportChecker.Configuration(
        registryPath: registry.path, kind: .patients, header: header, defaultSite: "main",
        checks: RowChecks(today: registry.today), createdAt: "2025-06-30T00:00:00Z", user: "tester"))
  }

  static func lines(_ batch: [CheckedRow]) -> [Int] {
    batch.map { row in
      switch row {
      case .patient(let checked): checked.line
      case .reaction(let checked): checked.line
      case .contact(let checked): checked.line
      case .followUp(let checked): checked.line
      case .invalid(let line, _, _): line
      }
    }
  }

  @Test("every row comes out once, in file order, checked")
  func order() throws {
    let f = try ReportFixture()
    let rows = try Self.stream(Self.patients(5_000), registry: f.registry)
    defer { rows.close() }
    var lines: [Int] = []
    var codes: [String] = []
    while let batch = try rows.next() {
      lines += Self.lines(batch)
      for case .patient(let checked) in batch { codes.append(checked.patient.code) }
    }
    #expect(lines.count == 5_000 && lines == Array(2...5_001))
    #expect(codes.count == 5_000 && codes.first == "P1" && codes.last == "P5000")
  }

  @Test("a writer that stops after one batch closes the stream at once, many batches before the end")
  func earlyClose() throws {
    let f = try ReportFixture()
    let rows = try Self.stream(Self.patients(50_000), registry: f.registry)
    let first = try #require(try rows.next())
    #expect(Self.lines(first) == Array(2...(1 + CheckedRowStream.batchSize)))
    let started = Date()
    rows.close()
    #expect(Date().timeIntervalSince(started) < 5, "close waits for the checking thread, which must stop at once")
  }

  @Test("a record that is not CSV stops the stream after every row before it")
  func brokenRecord() throws {
    let f = try ReportFixture()
    let rows = try Self.stream(Self.patients(3_000, brokenAt: 2_000), registry: f.registry)
    defer { rows.close() }
    var lines: [Int] = []
    let error = try #require(throws: RegistryError.self) {
      while let batch = try rows.next() { lines += Self.lines(batch) }
    }
    #expect(lines.count == 1_999 && lines.first == 2 && lines.last == 2_000, "patients 1…1999, lines 2…2000, none lost")
    #expect(lines == Array(2...2_000))
    #expect(error.kind == .invalidData && error.message.hasPrefix("p.csv:2001:"), "\(error.message)")
  }
}
