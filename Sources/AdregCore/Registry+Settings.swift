import AdregDatabase

/// The organisation's identity that ICH E2B(R3) files carry, set once with `settings set`.
public enum RegistrySetting: String, CaseIterable, Sendable {
  /// C.3.2 and C.2.r.2.1: the sender's organisation, and part of C.1.1 / C.1.8.1.
  case organisation
  /// C.3.4.5 and C.2.r.3: ISO 3166-1 alpha-2, and the first part of C.1.1 / C.1.8.1.
  case country
  /// N.1.3 and N.2.r.2: the sender identifier the authority gave the site.
  case e2bSender = "e2b.sender"
  /// N.1.4 and N.2.r.3: the receiver identifier of the national centre.
  case e2bReceiver = "e2b.receiver"

  /// What the setting is for, as `settings list` shows it.
  public var meaning: String {
    switch self {
    case .organisation: "the organisation that sends reports (E2B C.3.2)"
    case .country: "its country, ISO 3166-1 alpha-2 (E2B C.3.4.5)"
    case .e2bSender: "the sender identifier (E2B N.1.3, N.2.r.2)"
    case .e2bReceiver: "the receiver identifier of the authority (E2B N.1.4, N.2.r.3)"
    }
  }

  /// The key, checked.
  /// - Throws: `RegistryError.invalidData` naming the keys, with the closest one when a typo is likely.
  public static func named(_ key: String) throws -> RegistrySetting {
    if let found = RegistrySetting(rawValue: key) { return found }
    let keys = allCases.map(\.rawValue)
    var message = "unknown setting '\(Validate.shortened(key))'"
    if let close = Vocabulary.closest(to: key, among: keys) { message += "; did you mean '\(close)'?" }
    throw RegistryError.invalid(message + " Settings are \(keys.joined(separator: ", "))")
  }

  /// A value checked for this setting: one line of text; a country is two capital letters.
  public func validated(_ value: String) throws -> String {
    let text = try Validate.requiredText(value, field: rawValue, multiline: false)
    guard text.utf8.count <= 100 else { throw RegistryError.invalid("\(rawValue) is longer than 100 characters; shorten it") }
    if self == .country {
      let upper = text.utf8.count == 2 && text.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
      guard upper else {
        throw RegistryError.invalid(
          "country '\(Validate.shortened(text))' is not an ISO 3166-1 alpha-2 code; give two capital letters such as DE, FR or US")
      }
    }
    return text
  }
}

extension Registry {
  /// The organisation's settings, each with its value when set.
  public func settings() throws -> [(setting: RegistrySetting, value: String?)] {
    try read {
      try RegistrySetting.allCases.map { setting in
        (setting, try db.scalar(String.self, "SELECT value FROM setting WHERE key = ?", [setting.rawValue]))
      }
    }
  }

  /// Sets one setting, audited with its old value.
  /// - Throws: `RegistryError.invalidData` for an unknown key or a value the setting refuses.
  public func set(_ key: String, to value: String) throws {
    let setting = try RegistrySetting.named(key)
    let checked = try setting.validated(value)
    try write {
      let old = try db.scalar(String.self, "SELECT value FROM setting WHERE key = ?", [setting.rawValue])
      guard old != checked else { return }
      try db.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [setting.rawValue, checked])
      try audit(action: "settings.set", changes: [change(setting.rawValue, old, checked)])
    }
  }

  /// Every setting E2B needs, or a refusal naming the ones missing and the command that sets them.
  func e2bSettings() throws -> [RegistrySetting: String] {
    var values: [RegistrySetting: String] = [:]
    var missing: [RegistrySetting] = []
    for (setting, value) in try settings() {
      if let value { values[setting] = value } else { missing.append(setting) }
    }
    guard missing.isEmpty else {
      let commands = missing.map { "adreg settings set \($0.rawValue) VALUE" }.joined(separator: "; ")
      throw RegistryError.invalid(
        "E2B files need the organisation's identity; not set: \(missing.map(\.rawValue).joined(separator: ", ")). Run \(commands)")
    }
    return values
  }
}
