import AdregArguments
import AdregCore
import AdregFormats

/// `adreg settings set KEY VALUE`: the organisation's identity for E2B files.
enum SettingsSetCommand: AdregCommand {
  static let key = Argument<String>.required(
    "key", help: "The setting.", allowedValues: RegistrySetting.allCases.map(\.rawValue))
  static let value = Argument<String>.required("value", help: "Its value.")

  static let spec = CommandSpec(
    "settings set",
    abstract: "Set the organisation's identity that E2B files carry (audited).",
    discussion: "Set all four before 'adreg e2b': organisation, country (ISO 3166-1 alpha-2, e.g. DE), e2b.sender and e2b.receiver (the identifiers the national centre gave).",
    arguments: [key.spec, value.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let key = arguments[Self.key]
    try context.registry().set(key, to: arguments[Self.value])
    context.io.line(escaping: "Setting \(key) saved.")
  }
}
