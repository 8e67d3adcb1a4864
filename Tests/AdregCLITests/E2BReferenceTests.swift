import AdregTestSupport
import Foundation
import Testing

/// The FDA's published E2B(R3) material, which adreg uses as a model and an oracle and never ships: found at
/// `$ADREG_E2B_REFERENCE`, else at `../shared/reference/e2b` beside the package.
enum E2BReference {
  static let fileNames = ["icsr_data_elements.csv", "FAERS2022Scenario6.xml"]

  /// The folder holding the FDA's data-element table and its "mega" instance, or nil when it is not on this machine.
  static let directory: String? = {
    let candidates: [String?] = [ProcessInfo.processInfo.environment["ADREG_E2B_REFERENCE"],
                                 E2BFixture.packageRoot.appendingPathComponent("../shared/reference/e2b").standardized.path]
    return candidates.compactMap { $0 }.first { (folder: String) in
      fileNames.allSatisfy { FileManager.default.fileExists(atPath: folder + "/" + $0) }
    }
  }()

  static let available = directory != nil && E2BFixture.pythonAvailable
  static let skipped: Comment = """
    the FDA's E2B(R3) reference material (icsr_data_elements.csv, FAERS2022Scenario6.xml) is not at \
    $ADREG_E2B_REFERENCE or ../shared/reference/e2b, or python3 is missing: set ADREG_E2B_REFERENCE to the folder \
    to compare adreg's element table and files with the FDA's
    """

  static var table: String { directory! + "/icsr_data_elements.csv" }
  static var instance: String { directory! + "/FAERS2022Scenario6.xml" }

  /// The XPaths the FDA's table gives for each element number.
  static func tableXPaths(_ numbers: [String]) throws -> [String: [String]] {
    guard let python = Python.path else { throw SubprocessError.missingTool("python3") }
    let result = try Subprocess.run(python, [E2BFixture.walker, "--table", table] + numbers)
    guard result.status == 0 else { throw E2BFixtureError(words: ["--table"], error: result.error) }
    return try JSONDecoder().decode([String: [String]].self, from: Data(result.output.utf8))
  }
}

@Suite("E2B elements beside the FDA's data-element table and instance", .enabled(if: E2BReference.available, E2BReference.skipped))
struct E2BReferenceTests {
  /// Elements the FDA instance does not give: Scenario 6 is not a nullification, and it codes C.5.4 by display name only.
  static let absentFromInstance: Set<String> = ["C.1.11.1", "C.1.11.2", "C.5.4"]

  @Test("adreg's element table gives, for every element, exactly the XPaths of the FDA's table (or says why not)")
  func sameXPathsAsTheFDATable() throws {
    let theirs = try E2BReference.tableXPaths(E2BElements.all.map(\.number))
    for element in E2BElements.all {
      let fda = theirs[element.number] ?? []
      if let why = element.instancePath {
        #expect(fda != element.xpaths, "\(element.number) is said to differ from the table (\(why)) but does not")
      } else {
        #expect(!fda.isEmpty, "\(element.number) has no XPath in the FDA's table")
        #expect(element.xpaths == fda, "\(element.number): adreg's XPaths differ from the FDA's table")
      }
    }
  }

  @Test("every element adreg fills is in the FDA instance at those XPaths, in the shape adreg's files are checked for")
  func presentInTheFDAInstance() throws {
    let numbers = E2BElements.all.map(\.number).filter { !Self.absentFromInstance.contains($0) }
    let fda = try E2BFixture.values(of: E2BReference.instance, numbers)
    for number in numbers {
      let theirs = fda[number] ?? []
      #expect(!theirs.isEmpty, "\(number) is not in the FDA instance at its XPath")
      let shape = E2BElements.named(number).shape
      for value in theirs { #expect(value.range(of: shape, options: .regularExpression) != nil, "FDA \(number): \(value)") }
    }
  }
}
