import AdregArguments
import AdregCore
import AdregFormats

/// `adreg vocabulary [LIST]`: the coded lists with their meanings.
enum VocabularyCommand: AdregCommand {
  static let list = Argument<String?>.optional(
    "list", help: "Only this list.", allowedValues: Vocabulary.allCases.map(\.rawValue))

  static let spec = CommandSpec(
    "vocabulary",
    abstract: "List the codes adreg accepts, with their meanings.",
    arguments: [list.spec],
    options: [SharedOptions.raw.spec])

  static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
    let format = try context.format()
    var list: Vocabulary?
    if let name = arguments[Self.list] {
      guard let found = Vocabulary(rawValue: name) else {
        throw RegistryError.invalid(
          "unknown list '\(name)'; lists are \(Vocabulary.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      list = found
    }
    let entries = try context.registry(readOnly: true).vocabularyEntries(list: list)
    context.emit(
      Listing(
        columns: ["list", "code", "meaning"],
        rows: entries.map { [.string($0.list), .string($0.code), .string($0.meaning)] }),
      format: format)
  }
}
