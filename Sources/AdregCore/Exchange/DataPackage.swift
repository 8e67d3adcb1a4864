import AdregFormats

/// `datapackage.json` of an export package: a Frictionless Data Package whose Table Schemas come from the
/// exchange column lists. It holds no time stamp, path or random id, so the same registry gives the same bytes.
/// See https://specs.frictionlessdata.io/tabular-data-package/
public enum DataPackage {
  /// The package descriptor, pretty-printed, with a final line break.
  public static func descriptor(identified: Bool) -> String {
    json(identified: identified).serialized(pretty: true) + "\n"
  }

  static func json(identified: Bool) -> JSONValue {
    .object([
      ("profile", .string("tabular-data-package")),
      ("name", .string(identified ? "adreg-registry-identified" : "adreg-registry-deidentified")),
      ("title", .string("adreg registry of skin reactions to dupilumab" + (identified ? " (identified)" : " (de-identified)"))),
      ("description", .string(
        identified
          ? "Codes, uuids, dates, users and free text as stored: keep it as safe as the registry. 'adreg import DIR' loads it into a registry."
          : "De-identified for research: patients numbered R-…, cases C-… (the same numbers in every file of this package); dates as days since the patient's treatment start, birth year as age at start; no code, uuid, user or free text; withdrawn cases left out.")),
      ("resources", .array(ExchangeFile.allCases.map { resource($0, identified: identified) })),
    ])
  }

  static func resource(_ file: ExchangeFile, identified: Bool) -> JSONValue {
    let columns = file.columns(identified: identified)
    var schema: [(String, JSONValue)] = [
      ("fields", .array(columns.map(field))),
      ("missingValues", .array([.string("")])),
      ("primaryKey", .array(file.primaryKey(identified: identified).map { .string($0) })),
    ]
    let keys = file.foreignKeys(identified: identified)
    if !keys.isEmpty {
      schema.append(
        ("foreignKeys", .array(keys.map { key in
          .object([
            ("fields", .array(key.fields.map { .string($0) })),
            ("reference", .object([
              ("resource", .string(key.file.rawValue)), ("fields", .array(key.referencedFields.map { .string($0) })),
            ])),
          ])
        })))
    }
    return .object([
      ("name", .string(file.rawValue)),
      ("path", .string(file.fileName)),
      ("profile", .string("tabular-data-resource")),
      ("title", .string(file.title)),
      ("format", .string("csv")),
      ("mediatype", .string("text/csv")),
      ("encoding", .string("utf-8")),
      ("schema", .object(schema)),
    ])
  }

  static func field(_ column: ExchangeColumn) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("name", .string(column.name)), ("type", .string(column.type.rawValue)),
      ("description", .string(column.description)),
    ]
    // Times carry milliseconds, which the default datetime format does not.
    if column.type == .datetime { members.append(("format", .string("%Y-%m-%dT%H:%M:%S.%fZ"))) }
    if column.type == .boolean {
      members.append(("trueValues", .array([.string("true")])))
      members.append(("falseValues", .array([.string("false")])))
    }
    var constraints: [(String, JSONValue)] = []
    if column.required { constraints.append(("required", .bool(true))) }
    if let pattern = column.listPattern {
      constraints.append(("pattern", .string(pattern)))
    } else if let codes = column.codes {
      constraints.append(("enum", .array(codes.codes.map { .string($0) })))
    }
    if !constraints.isEmpty { members.append(("constraints", .object(constraints))) }
    return .object(members)
  }
}

extension ExchangeColumn {
  /// The meaning, with the unit and, for a derived column, how it is derived.
  public var description: String {
    var text = meaning
    if let unit { text += " (\(unit))" }
    if isList { text += "; codes separated by ';'" }
    if let derivation { text += ". Derived: \(derivation)" }
    return text
  }
}
