@testable import AdregFormats
import AdregTestSupport
import Foundation
import Testing

@Suite("CSV reader: opening files")
struct CSVReaderFileTests {
  @Test("a missing file is .missing, also when a directory on the way is missing")
  func missing() throws {
    let directory = try TemporaryDirectory()
    for path in [directory.file("absent.csv"), directory.file("absent/inner.csv")] {
      #expect(throws: CSVFileError(kind: .missing, path: path)) { try CSVReader(path: path) }
    }
  }

  @Test("a directory is .unreadable")
  func directoryIsUnreadable() throws {
    let directory = try TemporaryDirectory()
    #expect(throws: CSVFileError(kind: .unreadable, path: directory.path)) { try CSVReader(path: directory.path) }
  }

  @Test("a file without read permission is .unreadable", .enabled(if: getuid() != 0, "root can read anything"))
  func noPermission() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("locked.csv")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("a\n".utf8), attributes: [.posixPermissions: 0o000]))
    #expect(throws: CSVFileError(kind: .unreadable, path: path)) { try CSVReader(path: path) }
  }

  @Test("UTF-16 and UTF-32 files are .notText", arguments: [[0xFF, 0xFE], [0xFE, 0xFF], [0x00, 0x00, 0xFE, 0xFF]] as [[UInt8]])
  func wideEncodings(mark: [UInt8]) throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("wide.csv")
    #expect(FileManager.default.createFile(atPath: path, contents: Data(mark + [0x61, 0x00, 0x0A, 0x00])))
    #expect(throws: CSVFileError(kind: .notText, path: path)) { try CSVReader(path: path) }
  }

  @Test("an empty file has no records")
  func emptyFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("empty.csv")
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    #expect(try CSVReader(path: path).next() == nil)
  }

  @Test("a file reads the same as its bytes")
  func fileMatchesBytes() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("sample.csv")
    let bytes = CSVReaderChunkTests.tricky
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    #expect(try drain(CSVReader(path: path)) == readAll(bytes: bytes))
    #expect(try drain(CSVReader(path: path, chunkSize: 3)) == readAll(bytes: bytes))
  }

  @Test("file errors describe themselves with the path")
  func descriptions() {
    #expect(CSVFileError(kind: .missing, path: "/x.csv").description == "no such file: /x.csv")
    #expect(CSVFileError(kind: .unreadable, path: "/x.csv").description == "cannot read /x.csv")
    #expect(CSVFileError(kind: .notText, path: "/x.csv").description.hasPrefix("/x.csv is not UTF-8 text"))
  }
}
