@testable import AdregFormats
import AdregTestSupport
import Foundation
import Testing

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

  @Test("a sink dropped without close writes nothing and leaves no temporary")
  func dropWithoutClose() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("x.csv")
    do {
      var writer = CSVWriter(sink: try FileSink(path: path))
      try writer.write(["a", "b"])
    }
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
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

  @Test("the destination is untouched until close renames the complete temporary into place")
  func renamedOnClose() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("export.csv")
    try "old\n".write(toFile: path, atomically: true, encoding: .utf8)
    let sink = try FileSink(path: path, replacing: true)
    try sink.write("new\n")
    try sink.flush()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)
    try sink.close()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["export.csv"])
  }

  @Test("without replacing, a file that appeared before close is kept and the temporary removed")
  func appearedMeanwhile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("export.csv")
    let sink = try FileSink(path: path, replacing: false)
    try sink.write("mine\n")
    try "theirs\n".write(toFile: path, atomically: false, encoding: .utf8)
    #expect(throws: FileSinkError(kind: .exists, path: path, reason: "")) { try sink.close() }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "theirs\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["export.csv"])
  }

  @Test("a protected file is refused through a hard link and a symbolic link, even when replacing")
  func protectedByIdentity() throws {
    let directory = try TemporaryDirectory()
    let registry = directory.file("registry.sqlite")
    try "data".write(toFile: registry, atomically: true, encoding: .utf8)
    try FileManager.default.linkItem(atPath: registry, toPath: directory.file("hard"))
    try FileManager.default.createSymbolicLink(atPath: directory.file("soft"), withDestinationPath: registry)
    for name in ["hard", "soft", "registry.sqlite"] {
      do {
        _ = try FileSink(path: directory.file(name), replacing: true, protecting: [ProtectedFile(registry, role: "the registry")])
        Issue.record("\(name) was accepted")
      } catch let error as FileSinkError {
        #expect(error.kind == .sameFile, "\(name)")
      }
    }
    #expect(try String(contentsOfFile: registry, encoding: .utf8) == "data")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["hard", "registry.sqlite", "soft"])
  }
}
