import Foundation
import Testing

/// Every element adreg fills, read at the XPaths of the FDA's icsr_data_elements.csv in the FDA's "mega" instance and
/// in adreg's file: the instance shows the element is there and its shape; adreg's file must hold it, in that shape,
/// with the value worked out by hand from the case in `E2BFixture.seriousCase`.
@Suite("E2B files element by element, beside the FDA instance",
       .enabled(if: E2BFixture.pythonAvailable, "python3 is not installed: the XPath walk needs Python's ElementTree"))
struct E2BElementTests {
  static let date = #"^\d{8}$"#
  static let time = #"^\d{14}[+-]\d{4}$"#
  static let dateOrTime = #"^\d{8}(\d{6}([+-]\d{4})?)?$"#
  static let meddra = #"^\d{8}$"#
  static let version = #"^\d+\.\d+$"#
  static let bool = "^(true|false|NI)$"

  // Elements whose row says "See X-Path Reference", or whose row the instances do not follow: the instances' path.
  static let dosage = "/MCCI_IN200100UV01/PORR_IN049016UV/controlActProcess/subject/investigationEvent/component/"
    + "adverseEventAssessment/subject1/primaryRole/subjectOf2/organizer[code[@code='4']]/component[substanceAdministration/id]"
    + "/substanceAdministration/outboundRelationship2[@typeCode='COMP']/substanceAdministration/effectiveTime[@xsi:type='SXPR_TS']"
    + "/comp[@xsi:type='IVL_TS']"
  static let treatmentStart = dosage + "/low/@value"  // G.k.4.r.4
  static let lastAdministration = dosage + "/high/@value"  // G.k.4.r.5
  /// E.i.5: the table's row puts the end in an SXPR_TS; both instances give start and end in one IVL_TS.
  static let reactionEnd = "/MCCI_IN200100UV01/PORR_IN049016UV/controlActProcess/subject/investigationEvent/component/"
    + "adverseEventAssessment/subject1/primaryRole/subjectOf2/observation[code[@code='29']]/effectiveTime[@xsi:type='IVL_TS']/high/@value"

  /// (element, the shape of its values, adreg's values by hand). `uuid`, `organisation` and the creation time are
  /// filled in by `expected`.
  static func expected(uuid: String) -> [(element: String, shape: String, values: [String])] {
    let id = "DE-\(E2BFixture.organisation)-\(uuid)"
    let created = "20250630120000+0000"  // the harness clock, 2025-06-30T12:00:00Z
    return [
      ("N.1.1", "^1$", ["1"]), ("N.1.2", ".", ["\(uuid)-1"]), ("N.1.3", ".", ["DE-SENDER-1"]), ("N.1.4", ".", ["BFARM"]),
      ("N.1.5", time, [created]), ("N.2.r.1", ".", ["\(uuid)-1"]), ("N.2.r.2", ".", ["DE-SENDER-1"]),
      ("N.2.r.3", ".", ["BFARM"]), ("N.2.r.4", time, [created]),
      ("C.1.1", ".", [id]), ("C.1.2", time, [created]),
      ("C.1.3", "^[1-4]$", ["2"]),  // report from study
      ("C.1.4", dateOrTime, ["20250305"]),  // reported 2025-03-05
      ("C.1.5", dateOrTime, ["20250630"]),  // the last follow-up, recorded on the harness's day
      ("C.1.6.1", bool, ["false"]), ("C.1.7", bool, ["NI"]),
      ("C.1.8.1", ".", [id]), ("C.1.8.2", "^[12]$", ["2"]),  // first sender: other
      ("C.1.9.1", bool, ["NI"]),
      ("C.2.r.2.1", ".", [E2BFixture.organisation]), ("C.2.r.3", "^[A-Za-z]{2}$", ["DE"]),
      ("C.2.r.4", "^[1-5]$", ["1"]),  // source clinician: physician
      ("C.2.r.5", "^1$", ["1"]),
      ("C.3.1", "^[1-7]$", ["3"]), ("C.3.2", ".", [E2BFixture.organisation]), ("C.3.4.5", "^[A-Z]{2}$", ["DE"]),
      ("D.1", "^(|MSK|[A-Z]+)$", ["", "MSK"]),  // the element's text (empty) and its nullFlavor
      ("D.2.2a", #"^\d+$"#, ["45"]),  // 2025 - 1980
      ("D.2.2b", "^a$", ["a"]),
      ("D.5", "^[12]$", ["2"]),  // F
      ("E.i.1.1a", ".", ["facial-redness: " + E2BFixture.note]),
      ("E.i.2.1a", version, ["27.1"]), ("E.i.2.1b", meddra, ["10015150"]),
      ("E.i.3.2a", bool, ["NI"]), ("E.i.3.2b", bool, ["NI"]), ("E.i.3.2c", bool, ["true"]), ("E.i.3.2d", bool, ["NI"]),
      ("E.i.3.2e", bool, ["NI"]), ("E.i.3.2f", bool, ["true"]),
      ("E.i.4", #"^(\d{8}|NASK)$"#, ["20250303"]), (reactionEnd, date, ["20250320"]),
      ("E.i.7", "^[0-5]$", ["1"]),  // resolved
      ("E.i.9", "^[A-Za-z]{2}$", ["DE"]),
      ("G.k.1", "^[1-4]$", ["1"]), ("G.k.2.2", ".", ["Dupixent (dupilumab)"]),
      (treatmentStart, date, ["20250110"]), (lastAdministration, date, ["20250301"]),
      ("G.k.4.r.8", ".", ["300 mg every 2 weeks"]),
      ("G.k.7.r.1", ".", ["atopic dermatitis"]), ("G.k.7.r.2a", version, ["27.1"]), ("G.k.7.r.2b", meddra, ["10003639"]),
      ("G.k.8", "^[0-49]$", ["1"]),  // paused, then restarted: withdrawn
      ("G.k.9.i.1", "^<element>$", ["<element>"]),
      ("G.k.9.i.2.r.1", ".", ["clinician"]), ("G.k.9.i.2.r.2", ".", ["Naranjo"]),
      // Naranjo by hand: 1 documented reaction +1, 2 onset after the first dose +2, 3 improved on pausing +1,
      // 4 recurred on restarting +2, the rest "don't know" 0: total 6, probable (5-8).
      ("G.k.9.i.2.r.3", ".", ["probable"]),
      ("G.k.9.i.3.1a", #"^\d+$"#, ["52"]),  // 2025-01-10 to 2025-03-03: 21 + 28 + 3 days
      ("G.k.9.i.3.1b", "^(s|min|h|d|wk|mo|a)$", ["d"]),
      ("G.k.9.i.3.2a", #"^\d+$"#, ["2"]),  // the dose of 2025-03-01 to 2025-03-03
      ("G.k.9.i.3.2b", "^(s|min|h|d|wk|mo|a)$", ["d"]),
      ("G.k.9.i.4", "^[1-4]$", ["1"]),  // recurred
    ]
  }

  /// Elements the FDA instance does not give at the table's XPath: Scenario 6 is not a nullification, and it codes
  /// C.5.4 by display name only.
  static let absentFromInstance: Set<String> = ["C.1.11.1", "C.1.11.2", "C.5.4", "E.i.5"]

  @Test("every element adreg fills: present in the FDA instance, present in adreg's file in the same shape, right value")
  func elements() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h)
    #expect(h.run("e2b", "1", "--out", h.path("out")).status == 0)
    let json = h.run("case", "show", "1", "--format", "json").output
    let uuid = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["uuid"] as? String)
    let expected = Self.expected(uuid: uuid)
    let names = expected.map(\.element) + ["C.5.4", "H.1"]
    let fda = try E2BFixture.values(of: E2BFixture.fdaInstance, names)
    let ours = try E2BFixture.values(of: h.path("out/\(uuid)-1.xml"), names)
    for (element, shape, values) in expected {
      let label = element.hasPrefix("/") ? String(element.suffix(60)) : element
      if !Self.absentFromInstance.contains(element) {
        let theirs = fda[element] ?? []
        #expect(!theirs.isEmpty, "\(label) is not in the FDA instance at the table's XPath")
        for value in theirs { #expect(value.range(of: shape, options: .regularExpression) != nil, "FDA \(label): \(value)") }
      }
      #expect(ours[element] == values, "\(label)")
      for value in ours[element] ?? [] {
        #expect(value.range(of: shape, options: .regularExpression) != nil, "adreg \(label): \(value)")
      }
    }
    #expect(ours["C.5.4"] == ["3"], "other studies")
    let narrative = try #require(ours["H.1"]?.first)
    for fact in ["facial-redness", "day 53 of treatment", "2 day(s) after the last logged injection on 2025-03-01",
                 "dechallenge improved", "rechallenge recurred", "outcome resolved on 2025-03-20",
                 "Seriousness: hospitalisation, medically-important"] {
      #expect(narrative.contains(fact), "H.1 lacks '\(fact)': \(narrative)")
    }
    let text = try String(contentsOfFile: h.path("out/\(uuid)-1.xml"), encoding: .utf8)
    #expect(!text.contains("P-7731"), "the patient code never appears in a file")
    #expect(!text.contains("1980"), "nor the birth year")
    #expect(!text.contains("FDA."), "no FDA regional element")
  }

  @Test("the reaction's id is the one the drug's intervals, rechallenge and assessments refer to")
  func reactionReferences() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h)
    #expect(h.run("e2b", "1", "--out", h.path("out")).status == 0)
    let file = h.path("out/" + E2BFixture.files(in: h.path("out"))[0])
    let base = "/MCCI_IN200100UV01/PORR_IN049016UV/controlActProcess/subject/investigationEvent/component/adverseEventAssessment"
    let role = base + "/subject1/primaryRole/subjectOf2"
    let paths = [
      role + "/observation[code[@code='29']]/id/@root",
      role + "/organizer/component/substanceAdministration/outboundRelationship1/actReference/id/@root",
      role + "/organizer/component/substanceAdministration/outboundRelationship2/observation/outboundRelationship1/actReference/id/@root",
      base + "/component/causalityAssessment[code[@code='39']]/subject1/adverseEffectReference/id/@root",
    ]
    let values = try E2BFixture.values(of: file, paths)
    let reaction = try #require(values[paths[0]]?.first)
    #expect(values[paths[1]] == [reaction, reaction], "start and last-dose intervals")
    #expect(values[paths[2]] == [reaction], "rechallenge")
    #expect(values[paths[3]] == [reaction], "the Naranjo assessment")
  }
}
