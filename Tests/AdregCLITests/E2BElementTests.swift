import Foundation
import Testing

/// Every element adreg fills, read at its XPaths (`E2BElements`, checked against the FDA's data-element table by
/// `E2BReferenceTests`) in adreg's file: it must be there, in the element's shape, with the value worked out by hand
/// from the case in `E2BFixture.seriousCase`.
@Suite("E2B files element by element",
       .enabled(if: E2BFixture.pythonAvailable, "python3 is not installed: the XPath walk needs Python's ElementTree"))
struct E2BElementTests {
  /// (element, adreg's values by hand). `uuid`, `organisation` and the creation time are filled in by `expected`.
  static func expected(uuid: String) -> [(element: String, values: [String])] {
    let id = "DE-\(E2BFixture.organisation)-\(uuid)"
    let created = "20250630120000+0000"  // the harness clock, 2025-06-30T12:00:00Z
    return [
      ("N.1.1", ["1"]), ("N.1.2", ["\(uuid)-1"]), ("N.1.3", ["DE-SENDER-1"]), ("N.1.4", ["BFARM"]),
      ("N.1.5", [created]), ("N.2.r.1", ["\(uuid)-1"]), ("N.2.r.2", ["DE-SENDER-1"]),
      ("N.2.r.3", ["BFARM"]), ("N.2.r.4", [created]),
      ("C.1.1", [id]), ("C.1.2", [created]),
      ("C.1.3", ["2"]),  // report from study
      ("C.1.4", ["20250305"]),  // reported 2025-03-05
      ("C.1.5", ["20250630"]),  // the last follow-up, recorded on the harness's day
      ("C.1.6.1", ["false"]), ("C.1.7", ["NI"]),
      ("C.1.8.1", [id]), ("C.1.8.2", ["2"]),  // first sender: other
      ("C.1.9.1", ["NI"]),
      ("C.2.r.2.1", [E2BFixture.organisation]), ("C.2.r.3", ["DE"]),
      ("C.2.r.4", ["1"]),  // source clinician: physician
      ("C.2.r.5", ["1"]),
      ("C.3.1", ["3"]), ("C.3.2", [E2BFixture.organisation]), ("C.3.4.5", ["DE"]),
      ("D.1", ["", "MSK"]),  // the element's text (empty) and its nullFlavor
      ("D.2.2a", ["45"]),  // 2025 - 1980
      ("D.2.2b", ["a"]),
      ("D.5", ["2"]),  // F
      ("E.i.1.1a", ["facial-redness: " + E2BFixture.note]),
      ("E.i.2.1a", ["27.1"]), ("E.i.2.1b", ["10015150"]),
      ("E.i.3.2a", ["NI"]), ("E.i.3.2b", ["NI"]), ("E.i.3.2c", ["true"]), ("E.i.3.2d", ["NI"]),
      ("E.i.3.2e", ["NI"]), ("E.i.3.2f", ["true"]),
      ("E.i.4", ["20250303"]), ("E.i.5", ["20250320"]),
      ("E.i.7", ["1"]),  // resolved
      ("E.i.9", ["DE"]),
      ("G.k.1", ["1"]), ("G.k.2.2", ["Dupixent (dupilumab)"]),
      ("G.k.4.r.4", ["20250110"]), ("G.k.4.r.5", ["20250301"]),
      ("G.k.4.r.8", ["300 mg every 2 weeks"]),
      ("G.k.7.r.1", ["atopic dermatitis"]), ("G.k.7.r.2a", ["27.1"]), ("G.k.7.r.2b", ["10003639"]),
      ("G.k.8", ["1"]),  // paused, then restarted: withdrawn
      ("G.k.9.i.1", ["<element>", "<element>"]),  // the reaction and drug assessed, once per assessment below
      ("G.k.9.i.2.r.1", ["clinician", "clinician"]), ("G.k.9.i.2.r.2", ["Naranjo", "WHO-UMC"]),
      // Naranjo by hand: 1 documented reaction +1, 2 onset after the first dose +2, 3 improved on pausing +1,
      // 4 recurred on restarting +2, the rest "don't know" 0: total 6, probable (5-8).
      // WHO-UMC by hand (§7), no staff category: time met (onset 2025-03-03 after the start 2025-01-10), but
      // question 5 (alternative) not answered: possible, marked as adreg's suggestion.
      ("G.k.9.i.2.r.3", ["probable", "possible (suggested)"]),
      ("G.k.9.i.3.1a", ["52"]),  // 2025-01-10 to 2025-03-03: 21 + 28 + 3 days
      ("G.k.9.i.3.1b", ["d"]),
      ("G.k.9.i.3.2a", ["2"]),  // the dose of 2025-03-01 to 2025-03-03
      ("G.k.9.i.3.2b", ["d"]),
      ("G.k.9.i.4", ["1"]),  // recurred
    ]
  }

  @Test("every element adreg fills: present in adreg's file, in the element's shape, with the right value")
  func elements() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h)
    #expect(h.run("e2b", "1", "--out", h.path("out")).status == 0)
    let json = h.run("case", "show", "1", "--format", "json").output
    let uuid = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["uuid"] as? String)
    let expected = Self.expected(uuid: uuid)
    let ours = try E2BFixture.values(of: h.path("out/\(uuid)-1.xml"), expected.map(\.element) + ["C.5.4", "H.1"])
    for (element, values) in expected {
      #expect(ours[element] == values, "\(element)")
      let shape = E2BElements.named(element).shape
      for value in ours[element] ?? [] {
        #expect(value.range(of: shape, options: .regularExpression) != nil, "adreg \(element): \(value)")
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
    #expect(values[paths[3]] == [reaction, reaction], "the Naranjo and WHO-UMC assessments")
  }

  /// G.k.9.i.2.r: each assessment's method and result, in order.
  func assessments(_ h: Harness, file: String) throws -> [String] {
    let values = try E2BFixture.values(of: h.path("out/" + file), ["G.k.9.i.2.r.2", "G.k.9.i.2.r.3"])
    return zip(values["G.k.9.i.2.r.2"] ?? [], values["G.k.9.i.2.r.3"] ?? []).map { "\($0): \($1)" }
  }

  @Test("WHO-UMC in G.k.9.i.2.r: the suggestion marked (suggested), from staff answers too; a staff category, the latest")
  func whoUMCAssessment() throws {
    let h = try Harness()
    try E2BFixture.seriousCase(h)
    // Staff answer question 5 "no" (no alternative cause): Naranjo 6 + 2 = 8, still probable (5-8); WHO-UMC by hand
    // (§7): time, no alternative, improved on pausing, recurred on restarting: certain, still only a suggestion.
    #expect(h.run("assess", "1", "--answer", "5=no").status == 0)
    #expect(h.run("e2b", "1", "--out", h.path("out")).status == 0)
    let first = E2BFixture.files(in: h.path("out"))
    #expect(try assessments(h, file: first[0]) == ["Naranjo: probable", "WHO-UMC: certain (suggested)"])
    // Staff set a category twice: the latest stands, with no "(suggested)"; the change is a new version.
    #expect(h.run("assess", "1", "--who-umc", "possible", "--reason", "first look").status == 0)
    #expect(h.run("assess", "1", "--who-umc", "unlikely", "--reason", "biopsy points elsewhere").status == 0)
    #expect(h.run("e2b", "--serious", "--out", h.path("out")).status == 0)
    let files = E2BFixture.files(in: h.path("out"))
    #expect(files.count == 2, "the staff category changes the case: \(files)")
    let second = try #require(files.first { !first.contains($0) })
    #expect(try assessments(h, file: second) == ["Naranjo: probable", "WHO-UMC: unlikely"])
  }
}
