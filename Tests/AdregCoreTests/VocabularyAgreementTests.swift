import AdregCore
import AdregDatabase
import Foundation
import Testing

/// Each vocabulary lives in three places that nothing else ties together: the Swift list the commands and the
/// importers check against, the seeded `vocabulary` table that `adreg vocabulary` lists, and the schema's CHECK
/// constraints. Each list is declared by one enum (`Vocabulary.codeType`); a code or an enum added there and not in
/// the others must fail here, not in front of a user.
@Suite("Vocabularies: Swift, the seeded table and the schema's CHECKs agree")
struct VocabularyAgreementTests {
  /// Every column whose CHECK holds a vocabulary's codes, in the migrated schema.
  static let columns: [Vocabulary: [(table: String, column: String)]] = [
    .category: [("case_report", "category"), ("trial_reference", "category")],
    .riskFactor: [("patient_risk_factor", "code")],
    .scaling: [("case_report", "scaling")],
    .morphology: [("case_morphology", "code")],
    .bodySite: [("case_body_site", "code")],
    .severity: [("case_report", "severity")],
    .action: [("follow_up", "action")],
    .treatment: [("follow_up_treatment", "code")],
    .dechallenge: [("follow_up", "dechallenge")],
    .rechallenge: [("follow_up", "rechallenge")],
    .outcome: [("follow_up", "outcome")],
    .sex: [("patient", "sex")],
    .source: [("case_report", "source")],
    .seriousness: [("case_seriousness", "code")],
    .whoUMC: [("who_umc_assessment", "category")],
  ]

  let fixture: ReportFixture
  let db: Connection

  init() throws {
    fixture = try ReportFixture()
    db = try Connection(path: fixture.folder.path("r.sqlite"), mode: .readOnly)
  }

  /// The codes that `column = '…'` compares with anywhere in the table's CREATE statement.
  func checkedCodes(_ table: String, _ column: String) throws -> Set<String> {
    let sql = try #require(try db.scalar(String.self, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table)]))
    let pattern = try NSRegularExpression(pattern: "\\b\(column) = '([^']*)'")
    let range = NSRange(sql.startIndex..., in: sql)
    return Set(pattern.matches(in: sql, range: range).compactMap { match in
      Range(match.range(at: 1), in: sql).map { String(sql[$0]) }
    })
  }

  @Test("every vocabulary is declared by one enum, and each enum belongs to the list that names it")
  func enums() throws {
    for vocabulary in Vocabulary.allCases {
      let type = vocabulary.codeType
      // One enum per list: an enum named by two lists belongs to only one of them.
      #expect(type.vocabulary == vocabulary, "\(String(reflecting: type)) belongs to \(type.vocabulary.rawValue)")
      #expect(vocabulary.codes == type.codes)
      #expect(!vocabulary.codes.isEmpty && Set(vocabulary.codes).count == vocabulary.codes.count, "\(type)")
      #expect(vocabulary.entries.allSatisfy { !$0.meaning.isEmpty }, "\(type): every code has a meaning")
    }
  }

  @Test("every vocabulary has its columns listed here, and each column's CHECK allows exactly its enum's codes")
  func checks() throws {
    for vocabulary in Vocabulary.allCases {
      let columns = try #require(Self.columns[vocabulary], "\(vocabulary.rawValue): say which columns hold it")
      for (table, column) in columns {
        #expect(try checkedCodes(table, column) == Set(vocabulary.codeType.codes), "\(table).\(column)")
      }
    }
  }

  @Test("the seeded vocabulary table holds each enum's codes in the same order, each with its meaning")
  func seeded() throws {
    let rows = try db.rows("SELECT list, code, meaning FROM vocabulary ORDER BY list, position")
    var seeded: [String: [String]] = [:]
    var meanings: [String: [String]] = [:]
    for row in rows {
      let list = try row.decode(String.self, column: "list")
      seeded[list, default: []].append(try row.decode(String.self, column: "code"))
      let meaning = try row.decode(String.self, column: "meaning")
      #expect(!meaning.isEmpty)
      meanings[list, default: []].append(meaning)
    }
    #expect(Set(seeded.keys) == Set(Vocabulary.allCases.map(\.rawValue)))
    for vocabulary in Vocabulary.allCases {
      #expect(seeded[vocabulary.rawValue] == vocabulary.codeType.codes, "\(vocabulary.rawValue)")
      #expect(meanings[vocabulary.rawValue] == vocabulary.entries.map(\.meaning), "\(vocabulary.rawValue)")
    }
    #expect(try checkedCodes("vocabulary", "list") == Set(Vocabulary.allCases.map(\.rawValue)))
  }
}
