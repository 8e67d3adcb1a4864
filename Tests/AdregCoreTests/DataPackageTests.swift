import AdregFormats
import Foundation
import Testing
@testable import AdregCore

@Suite("datapackage.json and the column lists")
struct DataPackageTests {
  /// The descriptor as Foundation's JSON parser reads it, independently of adreg's writer.
  func resources(identified: Bool) throws -> [String: [String: Any]] {
    let data = Data(DataPackage.descriptor(identified: identified).utf8)
    let package = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let list = try #require(package["resources"] as? [[String: Any]])
    return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as? String ?? "", $0) })
  }

  func keys(_ resource: [String: Any]?) -> (primary: [String], foreign: [String]) {
    let schema = resource?["schema"] as? [String: Any]
    let foreign = (schema?["foreignKeys"] as? [[String: Any]] ?? []).map { key in
      let reference = key["reference"] as? [String: Any]
      return "\((key["fields"] as? [String] ?? []).joined(separator: "+")) → \(reference?["resource"] as? String ?? "").\((reference?["fields"] as? [String] ?? []).joined(separator: "+"))"
    }
    return (schema?["primaryKey"] as? [String] ?? [], foreign)
  }

  @Test("keys as PRODUCT.md §10 lays them out: uuids, (patient, date), (case, sequence); R-/C- numbers de-identified")
  func keysAsSpecified() throws {
    let identified = try resources(identified: true)
    #expect(identified.keys.sorted() == ["assessments", "cases", "doses", "followups", "patients", "references", "visits"])
    #expect(keys(identified["patients"]).primary == ["uuid"])
    #expect(keys(identified["cases"]).primary == ["uuid"])
    #expect(keys(identified["cases"]).foreign == ["site+patient_code → patients.site+code"])
    #expect(keys(identified["doses"]).primary == ["site", "patient_code", "dose_date"])
    #expect(keys(identified["doses"]).foreign == ["site+patient_code → patients.site+code"])
    #expect(keys(identified["visits"]).primary == ["site", "patient_code", "visit_date"])
    #expect(keys(identified["followups"]).primary == ["case_uuid", "sequence"])
    #expect(keys(identified["followups"]).foreign == ["case_uuid → cases.uuid"])
    #expect(keys(identified["assessments"]).foreign == ["case_uuid → cases.uuid"])
    let research = try resources(identified: false)
    #expect(keys(research["patients"]).primary == ["patient_ref"])
    #expect(keys(research["cases"]).primary == ["case_ref"])
    #expect(keys(research["cases"]).foreign == ["patient_ref → patients.patient_ref"])
    #expect(keys(research["doses"]).foreign == ["patient_ref → patients.patient_ref"])
    #expect(keys(research["followups"]).primary == ["case_ref", "sequence"])
    #expect(keys(research["followups"]).foreign == ["case_ref → cases.case_ref"])
  }

  @Test("every field has a Table Schema type; codes as enum, a ;-list of codes as a pattern; no date in the research schema")
  func fields() throws {
    let allowed: Set = ["string", "integer", "number", "date", "datetime", "boolean"]
    for identified in [true, false] {
      for (name, resource) in try resources(identified: identified) {
        let fields = ((resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]]) ?? []
        let file = try #require(ExchangeFile(rawValue: name))
        #expect(fields.compactMap { $0["name"] as? String } == file.columns(identified: identified).map(\.name))
        for field in fields {
          #expect(allowed.contains(field["type"] as? String ?? ""), "\(name).\(field["name"] ?? "")")
          if !identified && name != "references" {
            #expect(!["date", "datetime"].contains(field["type"] as? String ?? ""), "\(name).\(field["name"] ?? "")")
          }
        }
      }
    }
    let cases = try resources(identified: true)["cases"]
    let fields = ((cases?["schema"] as? [String: Any])?["fields"] as? [[String: Any]]) ?? []
    func constraints(_ column: String) -> [String: Any] {
      fields.first { $0["name"] as? String == column }?["constraints"] as? [String: Any] ?? [:]
    }
    #expect(constraints("category")["enum"] as? [String] == Vocabulary.category.codes)
    #expect(constraints("category")["required"] as? Bool == true)
    let pattern = try #require(constraints("body_sites")["pattern"] as? String)
    // The pattern accepts a ;-list of codes and refuses anything else (NSRegularExpression, anchored as Table Schema does).
    let regex = try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
    func matches(_ text: String) -> Bool {
      regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
    #expect(matches("face") && matches("face;injection-site;widespread"))
    #expect(!matches("face;") && !matches("faces") && !matches("face, neck") && !matches(";face"))
  }

  @Test("R- and C- numbers are as wide as the largest of the export")
  func references() {
    var small = ExportReferences(patients: 42)
    #expect(small.next() == "R-0001")
    var large = ExportReferences(patients: 123_456)
    #expect(large.next() == "R-000001")
    var cases = ExportReferences(cases: 7)
    #expect(cases.next() == "C-000001")
    #expect(cases.next() == "C-000002")
    var many = ExportReferences(cases: 1_234_567)
    #expect(many.next() == "C-0000001")
  }

  @Test("assessments: one row per staff assessment of either method; enums, required only where always filled, no reason de-identified")
  func assessmentsSchema() throws {
    for identified in [true, false] {
      let resource = try resources(identified: identified)["assessments"]
      #expect(keys(resource).primary == (identified ? ["case_uuid", "method", "sequence"] : ["case_ref", "method", "sequence"]))
      let fields = ((resource?["schema"] as? [String: Any])?["fields"] as? [[String: Any]]) ?? []
      func constraints(_ column: String) -> [String: Any] {
        fields.first { $0["name"] as? String == column }?["constraints"] as? [String: Any] ?? [:]
      }
      #expect(constraints("method")["enum"] as? [String] == ["naranjo", "who-umc"])
      #expect(constraints("method")["required"] as? Bool == true)
      #expect(constraints("who_umc")["enum"] as? [String] == ["certain", "probable", "possible", "unlikely", "conditional", "unassessable"])
      for column in ["question", "answer", "who_umc"] {
        #expect(constraints(column)["required"] as? Bool != true, "\(column) is empty on the other method's rows")
      }
      let names = fields.compactMap { $0["name"] as? String }
      #expect(names.contains("who_umc_reason") == identified)
      #expect(names.contains("answered_by") == identified)
    }
  }
}
