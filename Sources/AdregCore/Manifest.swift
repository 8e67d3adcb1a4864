import AdregFormats

/// How a result was made (PRODUCT.md §10 "Manifest"), so that it can be reproduced: the program, the schema, the
/// trial references compared with, the MedDRA mapping, and every parameter the report used.
public struct Manifest: Sendable, Equatable {
  /// As `adreg --version` prints it.
  public var adregVersion: String
  /// The number of schema migrations applied.
  public var schemaVersion: Int
  /// SHA-256 of `adreg reference list --format csv --raw`.
  public var referencesSHA256: String
  /// The version of the site's MedDRA mapping; nil (and left out) when the registry has none.
  public var meddraVersion: String?
  /// Every parameter the report used, in order.
  public var parameters: [(String, JSONValue)]

  public init(
    adregVersion: String, schemaVersion: Int, referencesSHA256: String, meddraVersion: String? = nil,
    parameters: [(String, JSONValue)] = []
  ) {
    self.adregVersion = adregVersion
    self.schemaVersion = schemaVersion
    self.referencesSHA256 = referencesSHA256
    self.meddraVersion = meddraVersion
    self.parameters = parameters
  }

  public static func == (lhs: Manifest, rhs: Manifest) -> Bool {
    lhs.adregVersion == rhs.adregVersion && lhs.schemaVersion == rhs.schemaVersion
      && lhs.referencesSHA256 == rhs.referencesSHA256 && lhs.meddraVersion == rhs.meddraVersion
      && JSONValue.object(lhs.parameters) == JSONValue.object(rhs.parameters)
  }

  /// `{"adreg_version", "schema_version", "references_sha256", ["meddra_version",] "parameters"}`.
  public var json: JSONValue {
    var fields: [(String, JSONValue)] = [
      ("adreg_version", .string(adregVersion)), ("schema_version", .int(Int64(schemaVersion))),
      ("references_sha256", .string(referencesSHA256)),
    ]
    if let meddraVersion { fields.append(("meddra_version", .string(meddraVersion))) }
    fields.append(("parameters", .object(parameters)))
    return .object(fields)
  }
}
