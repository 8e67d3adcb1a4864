import AdregDatabase

extension Registry {
  /// The sites that have at least one patient, sorted.
  public func sites() throws -> [String] {
    try read {
      try db.rows("SELECT DISTINCT site FROM patient ORDER BY site").map { try $0.decode(String.self, column: "site") }
    }
  }

  /// Whether a patient with this code is in the site (the default site when nil).
  public func hasPatient(code: String, site: String? = nil) throws -> Bool {
    let site = try site ?? defaultSite()
    return try read {
      try db.row("SELECT 1 AS found FROM patient WHERE site = ? AND code = ?", [site, code]) != nil
    }
  }

  /// The code of the site (the default site when nil) closest to `code`, for "did you mean": within a small edit
  /// distance, or the one code that starts with it; nil when none is, or when two are as close.
  public func closestPatientCode(to code: String, site: String? = nil) throws -> String? {
    let site = try site ?? defaultSite()
    // Codes whose length differs by more than the edit limit cannot be close; the index on (site, code) serves the rest.
    let candidates = try read {
      try db.rows(
        "SELECT code FROM patient WHERE site = ? AND (length(code) BETWEEN ? AND ? OR code LIKE ? ESCAPE '\\')",
        [site, max(0, code.count - 3), code.count + 3, Self.likePrefix(code)]
      ).map { try $0.decode(String.self, column: "code") }
    }
    return Vocabulary.closest(to: code, among: candidates)
  }

  /// A LIKE pattern for "starts with `text`", its wildcards escaped.
  private static func likePrefix(_ text: String) -> String {
    var pattern = ""
    for character in text {
      if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
      pattern.append(character)
    }
    return pattern + "%"
  }
}
