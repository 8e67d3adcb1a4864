import Foundation
import Testing
@testable import AdregFormats

@Suite("File sink")
struct FileSinkTests {
  private func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return try #require(attributes[.posixPermissions] as? Int)
  }

  @Test("a new file is created readable by its owner only")
  func newFileMode() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("export.csv")
    let sink = try FileSink(path: path)
    try sink.write("a\r\n")
    try sink.close()
    #expect(try mode(path) == 0o600)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\r\n")
  }

  @Test("replacing a world-readable file truncates it and tightens its mode")
  func replaceTightensMode() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("export.csv")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("old contents, longer\n".utf8), attributes: [.posixPermissions: 0o644]))
    let sink = try FileSink(path: path)
    try sink.write("new\n")
    try sink.close()
    #expect(try mode(path) == 0o600)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
  }

  @Test("replacing: false refuses an existing file and leaves it alone")
  func noReplace() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("export.csv")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("keep\n".utf8)))
    #expect(throws: FileSinkError.self) { try FileSink(path: path, replacing: false) }
    do {
      _ = try FileSink(path: path, replacing: false)
    } catch let error as FileSinkError {
      #expect(error.kind == .exists)
      #expect(error.description == "\(path) already exists")
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep\n")
  }

  @Test("a file in a missing directory cannot be created")
  func cannotCreate() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("no/such/dir.csv")
    do {
      _ = try FileSink(path: path)
      Issue.record("expected an error")
    } catch let error as FileSinkError {
      #expect(error.kind == .cannotCreate)
      #expect(error.description.hasPrefix("cannot create \(path): "))
    }
  }

  @Test("writing after close fails, closing twice does not")
  func afterClose() throws {
    let directory = try TemporaryDirectory()
    let sink = try FileSink(path: directory.file("x.csv"))
    try sink.close()
    try sink.close()
    #expect(throws: FileSinkError.self) { try sink.write("late") }
  }

  @Test("a sink dropped without close still flushes")
  func flushOnDeinit() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("x.csv")
    do {
      var writer = CSVWriter(sink: try FileSink(path: path))
      try writer.write(["a", "b"])
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\r\n")
  }

  @Test("many rows stream through the fixed buffer and read back intact")
  func streaming() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("many.csv")
    var writer = CSVWriter(sink: try FileSink(path: path))
    let rows = 50_000
    for index in 0..<rows {
      try writer.write(["P-\(index)", index % 7 == 0 ? "note, with \"quotes\"\nand a line" : "eyelid", nil])
    }
    try writer.sink.close()
    let reader = try CSVReader(path: path, chunkSize: 4096)
    var count = 0
    while let record = try reader.next() {
      let index = count
      #expect(record.fields[0] == "P-\(index)")
      count += 1
    }
    #expect(count == rows)
  }
}
