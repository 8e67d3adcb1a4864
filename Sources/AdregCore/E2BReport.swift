import AdregFormats

/// One ICH E2B(R3) safety report of one case, with everything the file says, before it is laid out as XML.
///
/// Built by `Registry.e2bReport`; ``xml(creationTime:)`` lays it out element by element as the FDA's published
/// instances do (PRODUCT.md §10). Nothing here names the patient: D.1 is always masked.
public struct E2BReport: Sendable, Equatable {
  /// One causality assessment (G.k.9.i.2.r).
  public struct CausalityAssessment: Sendable, Equatable {
    public var source: String
    public var method: String
    public var result: String
  }

  public var caseUUID: String
  public var version: Int
  public var organisation: String
  public var country: String
  public var sender: String
  public var receiver: String
  /// C.5.2: the study the case comes from, the registry.
  public var studyName: String
  public var reported: Day
  public var latestInformation: Day
  /// C.2.r.4: 1 physician (a clinician reported it), 5 consumer (the patient did).
  public var qualification: Int
  /// D.5: 1 male, 2 female; nil with `sexNullFlavor`.
  public var sexCode: Int?
  public var sexNullFlavor: String?
  public var ageAtOnsetYears: Int?
  /// E.i.1.1a.
  public var reactionAsReported: String
  public var reaction: MedDRAMapping
  public var seriousness: [SeriousnessCriterion]
  public var onset: Day
  public var end: Day?
  /// E.i.7.
  public var outcomeCode: Int
  public var start: Day
  public var lastDose: Day?
  public var intervalDays: Int
  public var regimen: String
  public var indication: MedDRAMapping?
  /// G.k.8.
  public var actionCode: Int
  public var daysSinceStart: Int
  public var daysSinceLastDose: Int?
  /// G.k.9.i.4: 1 recurred, 2 did not; nil when no rechallenge is recorded.
  public var rechallengeCode: Int?
  public var assessments: [CausalityAssessment]
  /// H.1.
  public var narrative: String
  /// C.1.11.2 of a nullification; nil for a report.
  public var nullificationReason: String?

  /// C.1.1 and C.1.8.1: `COUNTRY-ORGANISATION-<case uuid>`, within the element's 100 characters.
  public var caseIdentifier: String {
    "\(country)-\(String(organisation.prefix(100 - 38 - country.count)))-\(caseUUID)"
  }

  /// The file's name: `<case uuid>-<version>.xml`.
  public var fileName: String { "\(caseUUID)-\(version).xml" }

  /// The reaction's id, which the drug's intervals, rechallenge and assessments refer to; the same in every version.
  var reactionID: String { caseUUID }
  /// The suspect drug's id, derived from the case so that it too stays the same across versions.
  var drugID: String { Self.derivedUUID("drug", caseUUID) }

  /// The E2B date of a day: `YYYYMMDD`.
  static func date(_ day: Day) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

  static func derivedUUID(_ purpose: String, _ base: String) -> String {
    let hex = Array(SHA256.hex(of: purpose + ":" + base).prefix(32))
    return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
  }

  // E2B(R3) code systems, from icsr_data_elements.csv.
  static let ich = "2.16.840.1.113883.3.989.2.1"
  static let observationCodes = "\(ich).1.19"
  static let meddra = "2.16.840.1.113883.6.163"
  static let iso3166 = "1.0.3166.1.2.2"

  /// E.i.3.2a–f in order: the observation code and display name of each seriousness criterion.
  static let criteria: [(code: String, name: String, criterion: SeriousnessCriterion)] = [
    ("34", "resultsInDeath", .death), ("21", "isLifeThreatening", .lifeThreatening),
    ("33", "requiresInpatientHospitalization", .hospitalisation),
    ("35", "resultsInPersistentOrSignificantDisability", .disability),
    ("12", "congenitalAnomalyBirthDefect", .congenitalAnomaly),
    ("26", "otherMedicallyImportantCondition", .medicallyImportant),
  ]

  /// The whole file: an `MCCI_IN200100UV01` batch holding one `PORR_IN049016UV` message.
  /// - Parameter creationTime: N.1.5, N.2.r.4 and C.1.2, as `YYYYMMDDhhmmss+0000`.
  public func xml(creationTime: String) -> String {
    var x = XMLWriter()
    x.element("MCCI_IN200100UV01", [
      "xmlns": "urn:hl7-org:v3", "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance", "ITSVersion": "XML_1.0",
      "xsi:schemaLocation": "urn:hl7-org:v3 MCCI_IN200100UV01.xsd",
    ]) { x in
      x.empty("id", ["extension": "\(caseUUID)-\(version)", "root": "\(Self.ich).3.22"])
      x.empty("creationTime", ["value": creationTime])
      x.empty("responseModeCode", ["code": "D"])
      x.empty("interactionId", ["extension": "MCCI_IN200100UV01", "root": "2.16.840.1.113883.1.6"])
      x.empty("name", ["code": "1", "displayName": "ichicsr", "codeSystem": "\(Self.ich).1.1"])
      x.element("PORR_IN049016UV") { x in
        x.empty("id", ["extension": "\(caseUUID)-\(version)", "root": "\(Self.ich).3.1"])
        x.empty("creationTime", ["value": creationTime])
        x.empty("interactionId", ["extension": "PORR_IN049016UV", "root": "2.16.840.1.113883.1.6"])
        x.empty("processingCode", ["code": "P"])
        x.empty("processingModeCode", ["code": "I"])
        x.empty("acceptAckCode", ["code": "AL"])
        device(&x, "receiver", "RCV", receiver, "\(Self.ich).3.12")
        device(&x, "sender", "SND", sender, "\(Self.ich).3.11")
        x.element("controlActProcess", ["classCode": "CACT", "moodCode": "EVN"]) { x in
          x.empty("code", ["code": "PORR_TE049016UV", "codeSystem": "2.16.840.1.113883.1.18"])
          x.empty("effectiveTime", ["value": creationTime])
          x.element("subject", ["typeCode": "SUBJ"]) { x in investigationEvent(&x) }
        }
      }
      device(&x, "receiver", "RCV", receiver, "\(Self.ich).3.14")
      device(&x, "sender", "SND", sender, "\(Self.ich).3.13")
    }
    return x.document
  }

  private func device(_ x: inout XMLWriter, _ name: String, _ type: String, _ id: String, _ root: String) {
    x.element(name, ["typeCode": type]) { x in
      x.element("device", ["classCode": "DEV", "determinerCode": "INSTANCE"]) { x in
        x.empty("id", ["extension": id, "root": root])
      }
    }
  }

  private func investigationEvent(_ x: inout XMLWriter) {
    x.element("investigationEvent", ["classCode": "INVSTG", "moodCode": "EVN"]) { x in
      x.empty("id", ["extension": caseIdentifier, "root": "\(Self.ich).3.1"])
      x.empty("id", ["extension": caseIdentifier, "root": "\(Self.ich).3.2"])
      x.empty("code", ["code": "PAT_ADV_EVNT", "codeSystem": "2.16.840.1.113883.5.4"])
      x.element("text", text: narrative)
      x.empty("statusCode", ["code": "active"])
      x.element("effectiveTime") { x in x.empty("low", ["value": Self.date(reported)]) }
      x.empty("availabilityTime", ["value": Self.date(latestInformation)])
      x.element("component", ["typeCode": "COMP"]) { x in adverseEventAssessment(&x) }
      observationEvent(&x, code: "1", name: "additionalDocumentsAvailable", ["value": "false"])
      observationEvent(&x, code: "23", name: "localCriteriaForExpedited", ["nullFlavor": "NI"])
      E2BSections.primarySource(self, &x)
      E2BSections.sender(self, &x)
      E2BSections.characteristic(&x, code: "1", name: "ICH ReportType") { x in
        x.empty("value", ["xsi:type": "CE", "code": "2", "displayName": "Report from study", "codeSystem": "\(Self.ich).1.2"])
      }
      E2BSections.characteristic(&x, code: "2", name: "otherCaseIds") { x in
        x.empty("value", ["xsi:type": "BL", "nullFlavor": "NI"])
      }
      if let reason = nullificationReason {
        E2BSections.characteristic(&x, code: "3", name: "nullificationAmendmentCode") { x in
          x.empty("value", ["xsi:type": "CE", "code": "1", "displayName": "Nullification", "codeSystem": "\(Self.ich).1.5"])
        }
        E2BSections.characteristic(&x, code: "4", name: "nullificationAmendmentReason") { x in
          x.element("value", ["xsi:type": "CE"]) { x in x.element("originalText", text: reason) }
        }
      }
    }
  }

  private func observationEvent(_ x: inout XMLWriter, code: String, name: String, _ value: KeyValuePairs<String, String>) {
    x.element("component", ["typeCode": "COMP"]) { x in
      x.element("observationEvent", ["classCode": "OBS", "moodCode": "EVN"]) { x in
        x.empty("code", ["code": code, "codeSystem": Self.observationCodes, "displayName": name])
        if let flavor = value.first(where: { $0.key == "nullFlavor" }) {
          x.empty("value", ["xsi:type": "BL", "nullFlavor": flavor.value])
        } else {
          x.empty("value", ["xsi:type": "BL", "value": value.first?.value ?? "false"])
        }
      }
    }
  }

  private func adverseEventAssessment(_ x: inout XMLWriter) {
    x.element("adverseEventAssessment", ["classCode": "INVSTG", "moodCode": "EVN"]) { x in
      x.element("subject1", ["typeCode": "SBJ"]) { x in
        x.element("primaryRole", ["classCode": "INVSBJ"]) { x in
          E2BSections.patient(self, &x)
          E2BSections.reaction(self, &x)
          E2BSections.drug(self, &x)
        }
      }
      x.element("component", ["typeCode": "COMP"]) { x in
        x.element("causalityAssessment", ["classCode": "OBS", "moodCode": "EVN"]) { x in
          x.empty("code", ["code": "20", "codeSystem": Self.observationCodes, "displayName": "interventionCharacterization"])
          x.empty("value", ["xsi:type": "CE", "code": "1", "displayName": "Suspect", "codeSystem": "\(Self.ich).1.13"])
          productReference(&x)
        }
      }
      for assessment in assessments {
        x.element("component", ["typeCode": "COMP"]) { x in
          x.element("causalityAssessment", ["classCode": "OBS", "moodCode": "EVN"]) { x in
            x.empty("code", ["code": "39", "codeSystem": Self.observationCodes, "displayName": "causality"])
            x.element("value", ["xsi:type": "ST"], text: assessment.result)
            x.element("methodCode") { x in x.element("originalText", text: assessment.method) }
            x.element("author", ["typeCode": "AUT"]) { x in
              x.element("assignedEntity", ["classCode": "ASSIGNED"]) { x in
                x.element("code") { x in x.element("originalText", text: assessment.source) }
              }
            }
            x.element("subject1", ["typeCode": "SUBJ"]) { x in
              x.element("adverseEffectReference", ["classCode": "OBS", "moodCode": "EVN"]) { x in
                x.empty("id", ["root": reactionID])
              }
            }
            productReference(&x)
          }
        }
      }
    }
  }

  private func productReference(_ x: inout XMLWriter) {
    x.element("subject2", ["typeCode": "SUBJ"]) { x in
      x.element("productUseReference", ["classCode": "SBADM", "moodCode": "EVN"]) { x in x.empty("id", ["root": drugID]) }
    }
  }
}
