import AdregFormats

/// The larger parts of an E2B(R3) safety report, laid out as the FDA's instances lay them out.
enum E2BSections {
  typealias R = E2BReport

  /// D: the patient, masked (D.1), sex (D.5), the study (C.5) and age at onset (D.2.2).
  static func patient(_ r: R, _ x: inout XMLWriter) {
    x.element("player1", ["classCode": "PSN", "determinerCode": "INSTANCE"]) { x in
      x.empty("name", ["nullFlavor": "MSK"])
      if let code = r.sexCode {
        x.empty("administrativeGenderCode", ["code": String(code), "codeSystem": "1.0.5218"])
      } else {
        x.empty("administrativeGenderCode", ["nullFlavor": r.sexNullFlavor ?? "UNK"])
      }
    }
    x.element("subjectOf1", ["typeCode": "SBJ"]) { x in
      x.element("researchStudy", ["classCode": "CLNTRL", "moodCode": "EVN"]) { x in
        x.empty("code", ["code": "3", "displayName": "Other studies", "codeSystem": "\(R.ich).1.8"])
        x.element("title", text: r.studyName)
      }
    }
    if let age = r.ageAtOnsetYears {
      x.element("subjectOf2", ["typeCode": "SBJ"]) { x in
        x.element("observation", ["classCode": "OBS", "moodCode": "EVN"]) { x in
          x.empty("code", ["code": "3", "codeSystem": R.observationCodes, "displayName": "age"])
          x.empty("value", ["xsi:type": "PQ", "value": String(age), "unit": "a"])
        }
      }
    }
  }

  /// E.i: the reaction, its MedDRA coding, seriousness, dates and outcome.
  static func reaction(_ r: R, _ x: inout XMLWriter) {
    x.element("subjectOf2", ["typeCode": "SBJ"]) { x in
      x.element("observation", ["classCode": "OBS", "moodCode": "EVN"]) { x in
        x.empty("id", ["root": r.reactionID])
        x.empty("code", ["code": "29", "codeSystem": R.observationCodes, "displayName": "reaction"])
        x.element("effectiveTime", ["xsi:type": "IVL_TS"]) { x in
          x.empty("low", ["value": R.date(r.onset)])
          if let end = r.end { x.empty("high", ["value": R.date(end)]) }
        }
        x.element("value", [
          "xsi:type": "CE", "code": r.reaction.lltCode, "codeSystem": R.meddra, "codeSystemVersion": r.reaction.version,
        ]) { x in x.element("originalText", text: r.reactionAsReported) }
        x.element("location", ["typeCode": "LOC"]) { x in
          x.element("locatedEntity", ["classCode": "LOCE"]) { x in
            x.element("locatedPlace", ["classCode": "COUNTRY", "determinerCode": "INSTANCE"]) { x in
              x.empty("code", ["code": r.country, "codeSystem": R.iso3166])
            }
          }
        }
        for criterion in R.criteria {
          pertinent(&x, code: criterion.code, name: criterion.name) { x in
            if r.seriousness.contains(criterion.criterion) {
              x.empty("value", ["xsi:type": "BL", "value": "true"])
            } else {
              x.empty("value", ["xsi:type": "BL", "nullFlavor": "NI"])
            }
          }
        }
        pertinent(&x, code: "27", name: "outcome") { x in
          x.empty("value", ["xsi:type": "CE", "code": String(r.outcomeCode), "codeSystem": "\(R.ich).1.11"])
        }
      }
    }
  }

  private static func pertinent(_ x: inout XMLWriter, code: String, name: String, _ value: (inout XMLWriter) -> Void) {
    x.element("outboundRelationship2", ["typeCode": "PERT"]) { x in
      x.element("observation", ["classCode": "OBS", "moodCode": "EVN"]) { x in
        x.empty("code", ["code": code, "codeSystem": R.observationCodes, "displayName": name])
        value(&x)
      }
    }
  }

  /// G.k: dupilumab, the suspect drug, with its dosage, intervals, rechallenge, indication and action taken.
  static func drug(_ r: R, _ x: inout XMLWriter) {
    x.element("subjectOf2", ["typeCode": "SBJ"]) { x in
      x.element("organizer", ["classCode": "CATEGORY", "moodCode": "EVN"]) { x in
        x.empty("code", ["code": "4", "codeSystem": "\(R.ich).1.20", "displayName": "drugInformation"])
        x.element("component", ["typeCode": "COMP"]) { x in
          x.element("substanceAdministration", ["classCode": "SBADM", "moodCode": "EVN"]) { x in
            x.empty("id", ["root": r.drugID])
            x.element("consumable", ["typeCode": "CSM"]) { x in
              x.element("instanceOfKind", ["classCode": "INST"]) { x in
                x.element("kindOfProduct", ["classCode": "MMAT", "determinerCode": "KIND"]) { x in
                  x.element("name", text: "Dupixent (dupilumab)")
                }
              }
            }
            interval(&x, "SAS", r.daysSinceStart, r.reactionID)
            if let days = r.daysSinceLastDose { interval(&x, "SAE", days, r.reactionID) }
            dosage(r, &x)
            if let code = r.rechallengeCode {
              x.element("outboundRelationship2", ["typeCode": "PERT"]) { x in
                x.element("observation", ["classCode": "OBS", "moodCode": "EVN"]) { x in
                  x.empty("code", ["code": "31", "codeSystem": R.observationCodes, "displayName": "recurranceOfReaction"])
                  x.empty("value", ["xsi:type": "CE", "code": String(code), "codeSystem": "\(R.ich).1.16"])
                  x.element("outboundRelationship1", ["typeCode": "REFR"]) { x in
                    x.element("actReference", ["classCode": "OBS", "moodCode": "EVN"]) { x in x.empty("id", ["root": r.reactionID]) }
                  }
                }
              }
            }
            indication(r, &x)
            x.element("inboundRelationship", ["typeCode": "CAUS"]) { x in
              x.element("act", ["classCode": "ACT", "moodCode": "EVN"]) { x in
                x.empty("code", ["code": String(r.actionCode), "codeSystem": "\(R.ich).1.15"])
              }
            }
          }
        }
      }
    }
  }

  private static func interval(_ x: inout XMLWriter, _ type: String, _ days: Int, _ reaction: String) {
    x.element("outboundRelationship1", ["typeCode": type]) { x in
      x.empty("pauseQuantity", ["value": String(days), "unit": "d"])
      x.element("actReference", ["classCode": "OBS", "moodCode": "EVN"]) { x in x.empty("id", ["root": reaction]) }
    }
  }

  /// G.k.4.r: one dosage row, the regimen from the treatment start to the last logged dose before onset.
  private static func dosage(_ r: R, _ x: inout XMLWriter) {
    x.element("outboundRelationship2", ["typeCode": "COMP"]) { x in
      x.element("substanceAdministration", ["classCode": "SBADM", "moodCode": "EVN"]) { x in
        x.element("text", text: r.regimen)
        x.element("effectiveTime", ["xsi:type": "SXPR_TS"]) { x in
          x.element("comp", ["xsi:type": "PIVL_TS"]) { x in
            x.empty("period", ["value": String(r.intervalDays), "unit": "d"])
          }
          x.element("comp", ["xsi:type": "IVL_TS", "operator": "A"]) { x in
            x.empty("low", ["value": R.date(r.start)])
            if let last = r.lastDose { x.empty("high", ["value": R.date(last)]) }
          }
        }
      }
    }
  }

  /// G.k.7.r: atopic dermatitis, with the site's MedDRA code when the mapping has category `indication`.
  private static func indication(_ r: R, _ x: inout XMLWriter) {
    x.element("inboundRelationship", ["typeCode": "RSON"]) { x in
      x.element("observation", ["classCode": "OBS", "moodCode": "EVN"]) { x in
        x.empty("code", ["code": "19", "codeSystem": R.observationCodes, "displayName": "indication"])
        let text = { (x: inout XMLWriter) in x.element("originalText", text: "atopic dermatitis") }
        if let coded = r.indication {
          x.element("value", ["xsi:type": "CE", "code": coded.lltCode, "codeSystem": R.meddra, "codeSystemVersion": coded.version], text)
        } else {
          x.element("value", ["xsi:type": "CE", "codeSystem": R.meddra], text)
        }
        x.element("performer", ["typeCode": "PRF"]) { x in
          x.element("assignedEntity", ["classCode": "ASSIGNED"]) { x in
            x.empty("code", ["code": "3", "codeSystem": "\(R.ich).1.21", "displayName": "sourceReporter"])
          }
        }
      }
    }
  }

  /// C.1.8.2 (first sender: other) and C.2.r: the primary source, its qualification, country and organisation.
  static func primarySource(_ r: R, _ x: inout XMLWriter) {
    x.element("outboundRelationship", ["typeCode": "SPRT"]) { x in
      x.element("relatedInvestigation", ["classCode": "INVSTG", "moodCode": "EVN"]) { x in
        x.empty("code", ["code": "1", "codeSystem": "\(R.ich).1.22", "displayName": "initialReport"])
        x.element("subjectOf2", ["typeCode": "SUBJ"]) { x in
          x.element("controlActEvent", ["classCode": "CACT", "moodCode": "EVN"]) { x in
            x.element("author", ["typeCode": "AUT"]) { x in
              x.element("assignedEntity", ["classCode": "ASSIGNED"]) { x in
                x.empty("code", ["code": "2", "displayName": "other", "codeSystem": "\(R.ich).1.3"])
              }
            }
          }
        }
      }
    }
    x.element("outboundRelationship", ["typeCode": "SPRT"]) { x in
      x.empty("priorityNumber", ["value": "1"])
      x.element("relatedInvestigation", ["classCode": "INVSTG", "moodCode": "EVN"]) { x in
        x.empty("code", ["code": "2", "codeSystem": "\(R.ich).1.22", "displayName": "sourceReport"])
        x.element("subjectOf2", ["typeCode": "SUBJ"]) { x in
          x.element("controlActEvent", ["classCode": "CACT", "moodCode": "EVN"]) { x in
            x.element("author", ["typeCode": "AUT"]) { x in
              x.element("assignedEntity", ["classCode": "ASSIGNED"]) { x in
                x.element("assignedPerson", ["classCode": "PSN", "determinerCode": "INSTANCE"]) { x in
                  x.element("asQualifiedEntity", ["classCode": "QUAL"]) { x in
                    x.empty("code", ["code": String(r.qualification), "codeSystem": "\(R.ich).1.6"])
                  }
                  located(r, &x)
                }
                organisation(r, &x)
              }
            }
          }
        }
      }
    }
  }

  /// C.3: the sender, a health professional's organisation, and its country.
  static func sender(_ r: R, _ x: inout XMLWriter) {
    x.element("subjectOf1", ["typeCode": "SUBJ"]) { x in
      x.element("controlActEvent", ["classCode": "CACT", "moodCode": "EVN"]) { x in
        x.element("author", ["typeCode": "AUT"]) { x in
          x.element("assignedEntity", ["classCode": "ASSIGNED"]) { x in
            x.empty("code", ["code": "3", "displayName": "Health Professional", "codeSystem": "\(R.ich).1.7"])
            x.element("assignedPerson", ["classCode": "PSN", "determinerCode": "INSTANCE"]) { x in located(r, &x) }
            organisation(r, &x)
          }
        }
      }
    }
  }

  private static func located(_ r: R, _ x: inout XMLWriter) {
    x.element("asLocatedEntity", ["classCode": "LOCE"]) { x in
      x.element("location", ["classCode": "COUNTRY", "determinerCode": "INSTANCE"]) { x in
        x.empty("code", ["code": r.country, "codeSystem": R.iso3166])
      }
    }
  }

  private static func organisation(_ r: R, _ x: inout XMLWriter) {
    x.element("representedOrganization", ["classCode": "ORG", "determinerCode": "INSTANCE"]) { x in
      x.element("assignedEntity", ["classCode": "ASSIGNED"]) { x in
        x.element("representedOrganization", ["classCode": "ORG", "determinerCode": "INSTANCE"]) { x in
          x.element("name", text: r.organisation)
        }
      }
    }
  }

  /// One `investigationCharacteristic` of the report (C.1.3, C.1.9.1, C.1.11).
  static func characteristic(_ x: inout XMLWriter, code: String, name: String, _ value: (inout XMLWriter) -> Void) {
    x.element("subjectOf2", ["typeCode": "SUBJ"]) { x in
      x.element("investigationCharacteristic", ["classCode": "OBS", "moodCode": "EVN"]) { x in
        x.empty("code", ["code": code, "codeSystem": "\(R.ich).1.23", "displayName": name])
        value(&x)
      }
    }
  }
}
