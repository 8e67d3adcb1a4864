import AdregCore
import AdregDatabase
import AdregTestSupport
import Testing

/// Every vocabulary enum binds as its code and decodes from it; a stored text that is no code fails loudly.
@Suite("Vocabulary codes bind and decode themselves")
struct VocabularyCodeTests {
  let folder: TemporaryDirectory
  let db: Connection

  init() throws {
    folder = try TemporaryDirectory()
    db = try Connection(path: folder.path("codes.sqlite"), mode: .create)
    try db.execute(script: "CREATE TABLE t (position INTEGER PRIMARY KEY, code TEXT) STRICT")
  }

  /// Binds every code of `Code` as a statement argument, reads each back as `Code` and as text.
  func roundTrip<Code: VocabularyCode>(_ type: Code.Type) throws -> (decoded: [Code], stored: [String]) {
    try db.execute("DELETE FROM t")
    for (position, code) in Code.allCases.enumerated() {
      try db.execute("INSERT INTO t (position, code) VALUES (?, ?)", [position, code])
    }
    let rows = try db.rows("SELECT code FROM t ORDER BY position")
    return (
      try rows.map { try $0.decode(Code.self, column: "code") }, try rows.map { try $0.decode(String.self, column: "code") }
    )
  }

  func check<Code: VocabularyCode>(_ type: Code.Type) throws {
    let (decoded, stored) = try roundTrip(type)
    #expect(decoded == Code.allCases, "\(Code.self)")
    #expect(stored == Code.vocabulary.codes, "\(Code.self) binds as its code")
    #expect(try db.rows("SELECT code FROM t WHERE code IS NULL").isEmpty)
  }

  @Test("a patient's codes: sex and risk factors")
  func patientCodes() throws {
    try check(Sex.self)
    try check(RiskFactor.self)
  }

  @Test("a case's codes: category, source, scaling, morphology, body site, severity, seriousness")
  func caseCodes() throws {
    try check(Category.self)
    try check(CaseSource.self)
    try check(Scaling.self)
    try check(Morphology.self)
    try check(BodySite.self)
    try check(Severity.self)
    try check(SeriousnessCriterion.self)
  }

  @Test("a follow-up's codes: action, treatment, dechallenge, rechallenge, outcome")
  func followUpCodes() throws {
    try check(Action.self)
    try check(Treatment.self)
    try check(Dechallenge.self)
    try check(Rechallenge.self)
    try check(Outcome.self)
  }

  @Test("the WHO-UMC categories")
  func whoUMCCodes() throws {
    try check(WHOUMC.Category.self)
  }

  @Test("an optional code binds nil as NULL and decodes NULL as nil")
  func optionalCode() throws {
    let none: Severity? = nil
    try db.execute("INSERT INTO t (position, code) VALUES (?, ?)", [1, none])
    try db.execute("INSERT INTO t (position, code) VALUES (?, ?)", [2, Severity?.some(.moderate)])
    let rows = try db.rows("SELECT code FROM t ORDER BY position")
    #expect(try rows.map { try $0.decode(Severity?.self, column: "code") } == [nil, .moderate])
  }

  @Test("decoding a stored text that is no code of the list throws, naming the column and the type")
  func unknownStoredCode() throws {
    try db.execute("INSERT INTO t (position, code) VALUES (1, 'facial-rednes'), (2, 'Facial-Redness'), (3, 'F')")
    for row in try db.rows("SELECT code FROM t ORDER BY position") {
      let error = try #require(throws: DatabaseError.self) { try row.decode(Category.self, column: "code") }
      #expect(error.message.contains("Category") && error.message.contains("column code"), "\(error)")
    }
    let row = try #require(try db.row("SELECT 1 AS code"))
    #expect(throws: DatabaseError.self) { try row.decode(Sex.self, column: "code") }
  }

  @Test("reading a code from a stored list refuses a text that is no code, listing the valid ones")
  func unknownListedCode() throws {
    #expect(try Morphology(stored: "papules") == .papules)
    let error = try #require(throws: RegistryError.self) { try Morphology(stored: "papule") }
    #expect(error.kind == .failure)
    #expect(error.message.contains("'papule'"))
    #expect(error.message.contains(Vocabulary.morphology.codes.joined(separator: ", ")))
  }

  @Test("parsing a code refuses as Vocabulary.validate does, word for word")
  func parsingMessages() throws {
    for vocabulary in Vocabulary.allCases {
      for typed in ["", "x", "unknwn", vocabulary.codes[0].uppercased(), vocabulary.codes[0] + "s"] {
        let checked = Result { try vocabulary.validate(typed) }
        let parsed = Result { try vocabulary.codeType.init(parsing: typed).rawValue }
        switch (checked, parsed) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a as RegistryError), .failure(let b as RegistryError)): #expect(a == b, "\(vocabulary)")
        default: Issue.record("\(vocabulary) '\(typed)': \(checked) but \(parsed)")
        }
      }
    }
    #expect(try Category(parsing: "rosacea-like") == .rosaceaLike)
    #expect(throws: RegistryError.invalid(
      "unknown scaling 'presnt'; did you mean 'present'? Valid scaling codes: present, absent, unknown")
    ) { try Scaling(parsing: "presnt") }
  }

  @Test("a list of codes keeps the order given and refuses a repeat as Vocabulary.validate does")
  func parsingLists() throws {
    #expect(try [BodySite](parsing: ["hands", "face"]) == [.hands, .face])
    #expect(try [BodySite](parsing: []) == [])
    #expect(throws: RegistryError.invalid("body site 'face' is given twice")) {
      try [BodySite](parsing: ["face", "hands", "face"])
    }
    let unknown = try #require(throws: RegistryError.self) { try Vocabulary.bodySite.validate(["face", "hnds"]) }
    #expect(throws: unknown) { try [BodySite](parsing: ["face", "hnds"]) }
  }

  @Test("a code interpolates and joins as the code the registry stores")
  func printing() {
    #expect("\(Category.facialRedness)" == "facial-redness")
    #expect("\(Sex.female)" == "F")
    #expect([Treatment.topicalCorticosteroid, .antiviral].joined(separator: ",") == "topical-corticosteroid,antiviral")
  }
}
