import Foundation
import AdregCore
import AdregFormats

/// Questions at a terminal that forgive a slip: a refused answer is told what the option would have been told and
/// asked again, three answers in all, and a likely typo is offered its correction.
struct Prompter {
  /// Answers to one question before adreg gives up with the last refusal.
  static let attempts = 3
  /// What adreg says when it gives up, the input ends or Ctrl-C is pressed at a question.
  static let nothingSaved = "Nothing was saved."

  let io: CLIIO
  /// How refusals name the fields: by the options of the command that asks.
  let naming: FieldOptions

  /// Asks `question` until `check` accepts the answer (trimmed of spaces).
  /// - Parameter correction: for a refused answer, the code a typo most likely meant and the whole answer with it
  ///   put right; offered as "…; did you mean 'code'? [Y/n]", where Enter or y accepts and n asks again.
  /// - Throws: the third refusal, with "Nothing was saved." (exit 65); `CommandFailure` (exit 1) at end of input.
  func ask<Value>(
    _ question: String, check: (String) throws -> Value,
    correction: (String) -> (code: String, answer: String)? = { _ in nil }
  ) throws -> Value {
    var refusal = RegistryError.invalid("no answer")
    for attempt in 1...Self.attempts {
      let answer = try read(question)
      do {
        return try check(answer)
      } catch let error as RegistryError where error.kind == .invalidData {
        refusal = error
        if let offer = correction(answer), let value = try? check(offer.answer) {
          if try confirm(Self.offer(error.message(naming: naming), code: offer.code)) { return value }
        } else if attempt < Self.attempts {
          io.err(DisplayText.escapedMessage(error.message(naming: naming)))
        }
      }
    }
    throw RegistryError.invalid("\(refusal.message(naming: naming))\n\(Self.nothingSaved)")
  }

  /// The refusal up to its "did you mean …?", as a yes-or-no question.
  static func offer(_ message: String, code: String) -> String {
    let question = "did you mean '\(code)'?"
    guard let range = message.range(of: question) else { return "\(message); \(question) [Y/n] " }
    return message[..<range.upperBound] + " [Y/n] "
  }

  /// Enter, y or yes (any case) says yes; anything else no.
  func confirm(_ question: String) throws -> Bool {
    ["", "y", "yes"].contains(try read(DisplayText.escapedMessage(question)).lowercased())
  }

  func read(_ question: String) throws -> String {
    guard let line = io.ask(question) else {
      io.err("")
      throw CommandFailure(code: ExitCode.failure, message: "no answer: the input ended at a question\n\(Self.nothingSaved)")
    }
    return line.trimmingCharacters(in: .whitespaces)
  }
}

extension Prompter {
  /// One code of `vocabulary`; Enter gives `empty` when there is one.
  func code(_ question: String, of vocabulary: Vocabulary, empty: String? = nil) throws -> String {
    try ask(question) { answer in
      if answer.isEmpty, let empty { return empty }
      return try vocabulary.validate(answer)
    } correction: { answer in
      vocabulary.closest(to: answer).map { ($0, $0) }
    }
  }

  /// Comma-separated codes of `vocabulary`, checked as the option checks them; Enter gives none.
  func codes(_ question: String, of vocabulary: Vocabulary) throws -> [String] {
    try ask(question) { answer in
      try Validate.codes(answer, in: vocabulary)
    } correction: { answer in
      var parts = answer.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      guard let index = parts.firstIndex(where: { !vocabulary.codes.contains($0) }),
        let code = vocabulary.closest(to: parts[index])
      else { return nil }
      parts[index] = code
      return (code, parts.joined(separator: ","))
    }
  }
}
