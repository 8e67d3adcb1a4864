/// One ICH E2B(R3) data element that `adreg e2b` fills: its number, where the standard puts it in the HL7 v3 message,
/// and the shape its values take. These are facts of the standard the writer follows, so the E2B tests can read
/// adreg's files without the FDA's material; `E2BReferenceTests` checks them against the FDA's data-element table.
struct E2BElement: Sendable {
  /// The data element number, e.g. `E.i.4`.
  var number: String
  /// Every XPath of the element, in the table's order (a value and its nullFlavor are two paths).
  var xpaths: [String]
  /// A regular expression every value of the element matches.
  var shape: String
  /// Why the paths are the instances' rather than the data-element table's; nil when they are the table's.
  var instancePath: String? = nil
}

/// The elements adreg fills, by number.
enum E2BElements {
  static let date = #"^\d{8}$"#
  static let time = #"^\d{14}[+-]\d{4}$"#
  static let dateOrTime = #"^\d{8}(\d{6}([+-]\d{4})?)?$"#
  static let meddra = #"^\d{8}$"#
  static let version = #"^\d+\.\d+$"#
  static let bool = "^(true|false|NI)$"
  static let unit = "^(s|min|h|d|wk|mo|a)$"
  static let number = #"^\d+$"#

  static let ich = "2.16.840.1.113883.3.989.2.1"
  static let batch = "/MCCI_IN200100UV01"
  static let message = batch + "/PORR_IN049016UV[r]"
  static let act = message + "/controlActProcess[@classCode='CACT'][@moodCode='EVN']"
  static let event = act + "/subject[@typeCode='SUBJ'][1]/investigationEvent[@classCode='INVSTG'][@moodCode='EVN']"
  static let assessment = event + "/component[@typeCode='COMP'][adverseEventAssessment][1]"
    + "/adverseEventAssessment[@classCode='INVSTG'][@moodCode='EVN']"
  static let role = assessment + "/subject1[@typeCode='SBJ'][1]/primaryRole[@classCode='INVSBJ']"
  static let patient = role + "/player1[@classCode='PSN'][@determinerCode='INSTANCE']"
  static let reaction = role + "/subjectOf2[@typeCode='SBJ'][observation[id][code[@code='29'][@codeSystem='\(ich).1.19']]][i]"
    + "/observation[@classCode='OBS'][@moodCode='EVN']"
  static let reactionTerm = reaction + "/value[@xsi:type='CE'][@codeSystem='2.16.840.1.113883.6.163'][1]"
  static let drug = role + "/subjectOf2[@typeCode='SBJ'][organizer/code[@code='4'][@codeSystem='\(ich).1.20']][1]"
    + "/organizer[@classCode='CATEGORY'][@moodCode='EVN']" + drugComponent
  /// The drug as the timing and rechallenge rows reach it (the organizer's code tested on the organizer itself).
  static let drugTiming = role + "/subjectOf2[@typeCode='SBJ']/organizer[@classCode='CATEGORY'][@moodCode='EVN']"
    + "[code[@code='4'][@codeSystem='\(ich).1.20']][1]" + drugComponent
  static let drugComponent = "/component[@typeCode='COMP'][substanceAdministration/id][k]"
    + "/substanceAdministration[@classCode='SBADM'][@moodCode='EVN']"
  static let dosage = drug + "/outboundRelationship2[@typeCode='COMP'][substanceAdministration][r]"
    + "/substanceAdministration[@classCode='SBADM'][@moodCode='EVN']"
  static let indication = drug + "/inboundRelationship[@typeCode='RSON'][observation/code[@code='19'][@codeSystem='\(ich).1.19']][r]"
    + "/observation[@classCode='OBS'][@moodCode='EVN'][performer[@typeCode='PRF']/assignedEntity[@classCode='ASSIGNED']"
    + "/code[@code='3'][@codeSystem='\(ich).1.21']][1]/value[@xsi:type='CE'][@codeSystem='2.16.840.1.113883.6.163'][1]"
  /// The causality rows start at the root with its attributes and spell the drug "drag": as the table has them.
  static let causalityRoot = "/MCCI_IN200100UV01[@ITSVersion='XML_1.0' ][@xsi:schemaLocation='urn:hl7-org:v3 MCCI_IN200100UV01.xsd']"
    + "/PORR_IN049016UV[r]/controlActProcess[@classCode='CACT'][@moodCode='EVN']"
  static let reactionReference = "subject1[@typeCode='SUBJ']/adverseEffectReference[@classCode='OBS'][@moodCode='EVN']"
    + "/id[@root='UUID of i-th reaction']"
  static func drugReference(_ drug: String) -> String {
    "subject2[@typeCode='SUBJ']/productUseReference[@classCode='SBADM'][@moodCode='EVN']/id[@root='UUID of k-th \(drug)']"
  }
  static let causality = causalityRoot + "/subject[@typeCode='SUBJ'][1]/investigationEvent[@classCode='INVSTG'][@moodCode='EVN']"
    + "/component[@typeCode='COMP'][adverseEventAssessment][1]/adverseEventAssessment[@classCode='INVSTG'][@moodCode='EVN']"
    + "/component[@typeCode='COMP'][causalityAssessment/code[@code='39'][@codeSystem='\(ich).1.19']][r]"
    + "/causalityAssessment[@classCode='OBS'][@moodCode='EVN'][\(reactionReference)][\(drugReference("drag"))]"
  static let reporter = event + "/outboundRelationship[@typeCode='SPRT'][relatedInvestigation/code[@code='2'][@codeSystem='\(ich).1.22']][r]"
  static let reporterEntity = reporter + "/relatedInvestigation[@classCode='INVSTG'][@moodCode='EVN']/subjectOf2[@typeCode='SUBJ']"
    + "/controlActEvent[@classCode='CACT'][@moodCode='EVN']/author[@typeCode='AUT']/assignedEntity[@classCode='ASSIGNED']"
  static let sender = event + "/subjectOf1[@typeCode='SUBJ'][controlActEvent/author/assignedEntity/code[@codeSystem='\(ich).1.7']][1]"
    + "/controlActEvent[@classCode='CACT'][@moodCode='EVN']/author[@typeCode='AUT']/assignedEntity[@classCode='ASSIGNED']"
  static let organisationName = "/representedOrganization[@classCode='ORG'][@determinerCode='INSTANCE']/assignedEntity[@classCode='ASSIGNED']"
    + "/representedOrganization[@classCode='ORG'][@determinerCode='INSTANCE']/name"
  static let person = "/assignedPerson[@classCode='PSN'][@determinerCode='INSTANCE']"
  static let country = "/asLocatedEntity[@classCode='LOCE'][1]/location[@classCode='COUNTRY'][@determinerCode='INSTANCE']/code"

  static func device(_ direction: String, _ type: String, _ root: String) -> String {
    "/\(direction)[@typeCode='\(type)']/device[@classCode='DEV'][@determinerCode='INSTANCE']/id[@root='\(ich).3.\(root)'][1]/@extension"
  }
  static func characteristic(_ code: String) -> String {
    event + "/subjectOf2[@typeCode='SUBJ'][investigationCharacteristic/code[@code='\(code)'][@codeSystem='\(ich).1.23']][1]"
      + "/investigationCharacteristic[@classCode='OBS'][@moodCode='EVN']/value"
  }
  static func observationEvent(_ code: String) -> String {
    event + "/component[@typeCode='COMP'][observationEvent/code[@code='\(code)'][@codeSystem='\(ich).1.19']][1]"
      + "/observationEvent[@classCode='OBS'][@moodCode='EVN']/value[@xsi:type='BL']"
  }
  static func reactionObservation(_ code: String) -> String {
    reaction + "/outboundRelationship2[@typeCode='PERT'][observation/code[@code='\(code)'][@codeSystem='\(ich).1.19']][1]"
      + "/observation[@classCode='OBS'][@moodCode='EVN']/value"
  }
  static func interval(_ type: String) -> String {
    drugTiming + "/outboundRelationship1[@typeCode='\(type)'][actReference[@classCode='OBS'][@moodCode='EVN']"
      + "/id[@root='UUID of i-th reaction']]/pauseQuantity"
  }
  static func valueOrNull(_ path: String) -> [String] { [path + "/@value", path + "/@nullFlavor"] }
  /// A seriousness criterion E.i.3.2a–f: `true` or `nullFlavor="NI"`.
  static func criterion(_ letter: String, _ code: String) -> E2BElement {
    E2BElement(number: "E.i.3.2" + letter, xpaths: valueOrNull(reactionObservation(code) + "[@xsi:type='BL'][1]"), shape: bool)
  }

  /// Where the FDA instances put the dosage interval: the table's G.k.4.r.4 and .5 rows say "See X-Path Reference".
  static let dosageInterval = dosage + "/effectiveTime[@xsi:type='SXPR_TS']/comp[@xsi:type='IVL_TS']"

  static let all: [E2BElement] = [
    E2BElement(number: "N.1.1", xpaths: [batch + "/name[@codeSystem='\(ich).1.1']/@code"], shape: "^1$"),
    E2BElement(number: "N.1.2", xpaths: [batch + "/id[@root='\(ich).3.22']/@extension"], shape: "."),
    E2BElement(number: "N.1.3", xpaths: [batch + device("sender", "SND", "13")], shape: "."),
    E2BElement(number: "N.1.4", xpaths: [batch + device("receiver", "RCV", "14")], shape: "."),
    E2BElement(number: "N.1.5", xpaths: [batch + "/creationTime/@value"], shape: time),
    E2BElement(number: "N.2.r.1", xpaths: [message + "/id[@root='\(ich).3.1'][1]/@extension"], shape: "."),
    E2BElement(number: "N.2.r.2", xpaths: [message + device("sender", "SND", "11")], shape: "."),
    E2BElement(number: "N.2.r.3", xpaths: [message + device("receiver", "RCV", "12")], shape: "."),
    E2BElement(number: "N.2.r.4", xpaths: [message + "/creationTime/@value"], shape: time),
    E2BElement(number: "C.1.1", xpaths: [event + "/id[@root='\(ich).3.1'][1]/@extension"], shape: "."),
    E2BElement(number: "C.1.2", xpaths: [act + "/effectiveTime/@value"], shape: time),
    E2BElement(number: "C.1.3", xpaths: [characteristic("1") + "[@xsi:type='CE'][@codeSystem='\(ich).1.2']/@code"], shape: "^[1-4]$"),
    E2BElement(number: "C.1.4", xpaths: [event + "/effectiveTime/low/@value"], shape: dateOrTime),
    E2BElement(number: "C.1.5", xpaths: [event + "/availabilityTime/@value"], shape: dateOrTime),
    E2BElement(number: "C.1.6.1", xpaths: [observationEvent("1") + "/@value"], shape: bool),
    E2BElement(number: "C.1.7", xpaths: valueOrNull(observationEvent("23")), shape: bool),
    E2BElement(number: "C.1.8.1", xpaths: [event + "/id[@root='\(ich).3.2'][1]/@extension"], shape: "."),
    E2BElement(
      number: "C.1.8.2",
      xpaths: [event + "/outboundRelationship[@typeCode='SPRT'][relatedInvestigation/code[@code='1'][@codeSystem='\(ich).1.22']][1]"
        + "/relatedInvestigation[@classCode='INVSTG'][@moodCode='EVN']/subjectOf2[@typeCode='SUBJ'][1]"
        + "/controlActEvent[@classCode='CACT'][@moodCode='EVN']/author[@typeCode='AUT']/assignedEntity[@classCode='ASSIGNED']"
        + "/code[@codeSystem='\(ich).1.3']/@code"],
      shape: "^[12]$"),
    E2BElement(number: "C.1.9.1", xpaths: valueOrNull(characteristic("2") + "[@xsi:type='BL']"), shape: bool),
    E2BElement(number: "C.1.11.1", xpaths: [characteristic("3") + "[@xsi:type='CE'][@codeSystem='\(ich).1.5']/@code"], shape: "^[12]$"),
    E2BElement(number: "C.1.11.2", xpaths: [characteristic("4") + "[@xsi:type='CE']/originalText/text()"], shape: "."),
    E2BElement(number: "C.2.r.2.1", xpaths: [reporterEntity + organisationName + "/text()", reporterEntity + organisationName + "/@nullFlavor"],
               shape: "."),
    E2BElement(number: "C.2.r.3", xpaths: [reporterEntity + person + country + "[@codeSystem='1.0.3166.1.2.2']/@code",
                                           reporterEntity + person + country + "/@nullFlavor"], shape: "^[A-Za-z]{2}$"),
    E2BElement(number: "C.2.r.4", xpaths: [reporterEntity + person + "/asQualifiedEntity[@classCode='QUAL'][1]/code[@codeSystem='\(ich).1.6']/@code",
                                           reporterEntity + person + "/asQualifiedEntity[@classCode='QUAL'][1]/code/@nullFlavor"],
               shape: "^[1-5]$"),
    E2BElement(number: "C.2.r.5", xpaths: [reporter + "/priorityNumber/@value"], shape: "^1$"),
    E2BElement(number: "C.3.1", xpaths: [sender + "/code[@codeSystem='\(ich).1.7']/@code"], shape: "^[1-7]$"),
    E2BElement(number: "C.3.2", xpaths: [sender + organisationName + "/text()"], shape: "."),
    E2BElement(number: "C.3.4.5", xpaths: [sender + person + country + "[@codeSystem='1.0.3166.1.2.2']/@code"], shape: "^[A-Z]{2}$"),
    E2BElement(
      number: "C.5.4",
      xpaths: [role + "/subjectOf1[@typeCode='SBJ'][1]/researchStudy[@classCode='CLNTRL'][@moodCode='EVN']/code[@codeSystem='\(ich).1.8']/@code"],
      shape: "^[1-3]$"),
    E2BElement(number: "D.1", xpaths: [patient + "/name[1]/text()", patient + "/name[1]/@nullFlavor"], shape: "^(|MSK|[A-Z]+)$"),
    E2BElement(number: "D.2.2a", xpaths: [ageAtOnset + "/@value"], shape: number),
    E2BElement(number: "D.2.2b", xpaths: [ageAtOnset + "/@unit"], shape: "^a$"),
    E2BElement(number: "D.5", xpaths: [patient + "/administrativeGenderCode[@codeSystem='1.0.5218']/@code",
                                       patient + "/administrativeGenderCode/@nullFlavor"], shape: "^[12]$"),
    E2BElement(number: "E.i.1.1a", xpaths: [reactionTerm + "/originalText/text()"], shape: "."),
    E2BElement(number: "E.i.2.1a", xpaths: [reactionTerm + "/@codeSystemVersion"], shape: version),
    E2BElement(number: "E.i.2.1b", xpaths: [reactionTerm + "/@code"], shape: meddra),
    criterion("a", "34"), criterion("b", "21"), criterion("c", "33"), criterion("d", "35"), criterion("e", "12"), criterion("f", "26"),
    E2BElement(number: "E.i.4", xpaths: valueOrNull(reaction + "/effectiveTime[@xsi:type='IVL_TS']/low"), shape: #"^(\d{8}|NASK)$"#),
    E2BElement(number: "E.i.5", xpaths: [reaction + "/effectiveTime[@xsi:type='IVL_TS']/high/@value"], shape: date,
               instancePath: "the table's row puts the end in an SXPR_TS; the instances give start and end in one IVL_TS"),
    E2BElement(number: "E.i.7", xpaths: [reactionObservation("27") + "[@xsi:type='CE'][@codeSystem='\(ich).1.11'][1]/@code"], shape: "^[0-5]$"),
    E2BElement(number: "E.i.9", xpaths: [reaction + "/location[@typeCode='LOC'][1]/locatedEntity[@classCode='LOCE']"
                                         + "/locatedPlace[@classCode='COUNTRY'][@determinerCode='INSTANCE']/code[@codeSystem='1.0.3166.1.2.2']/@code"],
               shape: "^[A-Za-z]{2}$"),
    E2BElement(number: "G.k.1", xpaths: [assessment + "/component[@typeCode='COMP'][causalityAssessment/code[@code='20'][@codeSystem='\(ich).1.19']]"
                                         + "/causalityAssessment[@classCode='OBS'][@moodCode='EVN'][\(drugReference("drug"))]"
                                         + "/value[@xsi:type='CE'][@codeSystem='\(ich).1.13']/@code"], shape: "^[1-4]$"),
    E2BElement(number: "G.k.2.2", xpaths: [drug + "/consumable[@typeCode='CSM'][1]/instanceOfKind[@classCode='INST']"
                                           + "/kindOfProduct[@classCode='MMAT'][@determinerCode='KIND']/name[1]/text()"], shape: "."),
    E2BElement(number: "G.k.4.r.4", xpaths: [dosageInterval + "/low/@value"], shape: date,
               instancePath: "the table's row gives no XPath (\"See X-Path Reference\")"),
    E2BElement(number: "G.k.4.r.5", xpaths: [dosageInterval + "/high/@value"], shape: date,
               instancePath: "the table's row gives no XPath (\"See X-Path Reference\")"),
    E2BElement(number: "G.k.4.r.8", xpaths: [dosage + "/text/text()"], shape: "."),
    E2BElement(number: "G.k.7.r.1", xpaths: [indication + "/originalText/text()", indication + "/originalText/@nullFlavor"], shape: "."),
    E2BElement(number: "G.k.7.r.2a", xpaths: [indication + "/@codeSystemVersion"], shape: version),
    E2BElement(number: "G.k.7.r.2b", xpaths: [indication + "/@code"], shape: meddra),
    E2BElement(number: "G.k.8", xpaths: [drug + "/inboundRelationship[@typeCode='CAUS'][act/code[@codeSystem='\(ich).1.15']][1]"
                                         + "/act[@classCode='ACT'][@moodCode='EVN']/code[@codeSystem='\(ich).1.15']/@code"], shape: "^[0-49]$"),
    E2BElement(
      number: "G.k.9.i.1",
      xpaths: [causalityRoot + "/subject[@typeCode='SUBJ']/investigationEvent[@classCode='INVSTG'][@moodCode='EVN']"
        + "/component[@typeCode='COMP'][adverseEventAssessment]/adverseEventAssessment[@classCode='INVSTG'][@moodCode='EVN']"
        + "/component[@typeCode='COMP'][causalityAssessment[code[@code='39'][@codeSystem='\(ich).1.19']][\(reactionReference)]"
        + "[\(drugReference("drug"))]]"],
      shape: "^<element>$"),
    E2BElement(number: "G.k.9.i.2.r.1", xpaths: [causality + "/author[@typeCode='AUT'][1]/assignedEntity[@classCode='ASSIGNED']/code/originalText/text()"],
               shape: "."),
    E2BElement(number: "G.k.9.i.2.r.2", xpaths: [causality + "/methodCode[1]/originalText/text()"], shape: "."),
    E2BElement(number: "G.k.9.i.2.r.3", xpaths: [causality + "/value[@xsi:type='ST']/text()"], shape: "."),
    E2BElement(number: "G.k.9.i.3.1a", xpaths: [interval("SAS") + "/@value"], shape: number),
    E2BElement(number: "G.k.9.i.3.1b", xpaths: [interval("SAS") + "/@unit"], shape: unit),
    E2BElement(number: "G.k.9.i.3.2a", xpaths: [interval("SAE") + "/@value"], shape: number),
    E2BElement(number: "G.k.9.i.3.2b", xpaths: [interval("SAE") + "/@unit"], shape: unit),
    E2BElement(number: "G.k.9.i.4", xpaths: [drugTiming + "/outboundRelationship2[@typeCode='PERT'][observation/code[@code='31'][@codeSystem='\(ich).1.19']]"
                                             + "/observation[@classCode='OBS'][@moodCode='EVN'][outboundRelationship1[@typeCode='REFR']"
                                             + "/actReference[@classCode='OBS'][@moodCode='EVN']/id[@root='UUID of i-th reaction']]"
                                             + "/value[@xsi:type='CE'][@codeSystem='\(ich).1.16'][1]/@code"], shape: "^[1-4]$"),
    E2BElement(number: "H.1", xpaths: [event + "/text/text()"], shape: "."),
  ]

  static let ageAtOnset = role + "/subjectOf2[@typeCode='SBJ'][observation/code[@code='3'][@codeSystem='\(ich).1.19']][1]"
    + "/observation[@classCode='OBS'][@moodCode='EVN']/value[@xsi:type='PQ'][1]"

  static let byNumber: [String: E2BElement] = Dictionary(uniqueKeysWithValues: all.map { ($0.number, $0) })

  /// The element with this number; a test naming an element adreg does not fill is a mistake in the test.
  static func named(_ number: String) -> E2BElement {
    guard let element = byNumber[number] else { preconditionFailure("\(number) is not in E2BElements.all") }
    return element
  }
}
