import AdregArguments
import AdregCore
import AdregFormats

/// `adreg settings list`.
enum SettingsListCommand: AdregCommand {
  static let spec = CommandSpec(
    "settings list",
    abstract: "List the organisation's settings and what each is for.",
    options: [SharedOptions.raw.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    let settings = try context.registry(readOnly: true).settings()
    context.emit(
      Listing(
        columns: ["key", "value", "meaning"],
        rows: settings.map { [.string($0.setting.rawValue), JSONValue($0.value), .string($0.setting.meaning)] }),
      format: format)
  }
}
