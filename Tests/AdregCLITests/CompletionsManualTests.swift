import Foundation
import Testing

@testable import AdregCLI

/// Runs programs the tests check the generated scripts and page with.
enum ShellTool {
  /// The executable's path when `name` is on PATH.
  static func find(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs `program` with `arguments` in `directory`, with no standard input.
  static func run(_ program: String, _ arguments: [String], in directory: String) throws -> BuiltBinary.Output {
    try BuiltBinary.run(program, arguments, in: directory)
  }
}

@Suite("Completion scripts and the man page")
struct CompletionsManualTests {
  /// Writes `adreg completions <shell>` into the harness's folder and returns the file's path.
  func script(_ shell: String, _ h: Harness) throws -> String {
    let result = h.run(["completions", shell], global: false)
    #expect(result.status == 0, "\(result.error)")
    let path = h.path("adreg.\(shell)")
    try result.output.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// What bash's completion function offers for the words, the last being the one completed.
  func bashCompletions(_ words: [String], script: String, in h: Harness) throws -> [String] {
    let quoted = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    let session = """
      source '\(script)'
      COMP_WORDS=(\(quoted))
      COMP_CWORD=\(words.count - 1)
      COMP_LINE="${COMP_WORDS[*]}"
      COMP_POINT=${#COMP_LINE}
      _adreg
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    let result = try ShellTool.run("/bin/bash", ["--norc", "--noprofile", "-c", session], in: h.directory.path)
    #expect(result.status == 0, "\(result.error)")
    return result.output.split(separator: "\n").map(String.init)
  }

  @Test("bash -n accepts the bash script")
  func bashSyntax() throws {
    let h = try Harness()
    let result = try ShellTool.run("/bin/bash", ["-n", try script("bash", h)], in: h.directory.path)
    #expect(result.status == 0, "\(result.error)")
  }

  @Test("zsh -n accepts the zsh script", .enabled(if: ShellTool.find("zsh") != nil, "zsh is not installed"))
  func zshSyntax() throws {
    let h = try Harness()
    let result = try ShellTool.run(try #require(ShellTool.find("zsh")), ["-n", try script("zsh", h)], in: h.directory.path)
    #expect(result.status == 0, "\(result.error)")
  }

  @Test("fish --no-execute accepts the fish script", .enabled(if: ShellTool.find("fish") != nil, "fish is not installed"))
  func fishSyntax() throws {
    let h = try Harness()
    let fish = try #require(ShellTool.find("fish"))
    let result = try ShellTool.run(fish, ["--no-execute", try script("fish", h)], in: h.directory.path)
    #expect(result.status == 0, "\(result.error)")
  }

  @Test("in bash, 'adreg rec<TAB>' gives record and '--category fa<TAB>' gives facial-redness")
  func bashSession() throws {
    let h = try Harness()
    let path = try script("bash", h)
    #expect(try bashCompletions(["adreg", "rec"], script: path, in: h) == ["record"])
    #expect(try bashCompletions(["adreg", "record", "P1", "--category", "fa"], script: path, in: h) == ["facial-redness"])
    #expect(try bashCompletions(["adreg", "patient", "add", "P1", "--st"], script: path, in: h) == ["--start"])
    // The item after the last comma of a list, the items before kept.
    #expect(try bashCompletions(["adreg", "record", "P1", "--sites", "face,sc"], script: path, in: h) == ["face,scalp"])
    // A global option's value after the command, and the option's value skipped when finding the command.
    #expect(try bashCompletions(["adreg", "--db", "x.sqlite", "report", "fr"], script: path, in: h) == ["frequency"])
  }

  @Test("in fish, the same words complete the same way", .enabled(if: ShellTool.find("fish") != nil, "fish is not installed"))
  func fishSession() throws {
    let h = try Harness()
    let path = try script("fish", h)
    let fish = try #require(ShellTool.find("fish"))
    let result = try ShellTool.run(
      fish, ["--no-config", "-c", "source '\(path)'; complete -C 'adreg rec'; complete -C 'adreg record P1 --category fa'"],
      in: h.directory.path)
    let words = result.output.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
    #expect(words == ["record", "facial-redness"], "\(result.error)")
  }

  @Test("every command of CLI.commands and every option of record appear in each script")
  func everyDeclaration() throws {
    let h = try Harness()
    for shell in ["bash", "zsh", "fish"] {
      let text = h.run(["completions", shell], global: false).output
      for command in CLI.commands {
        for word in command.path { #expect(text.contains(word), "\(shell): \(command.path)") }
      }
      for option in RecordCommand.spec.options {
        #expect(text.contains("--\(option.name)"), "\(shell): --\(option.name)")
        for value in option.allowedValues { #expect(text.contains(value), "\(shell): --\(option.name) \(value)") }
      }
      for option in CommandContext.globalOptions { #expect(text.contains("--\(option.name)"), "\(shell): --\(option.name)") }
    }
  }

  @Test("an unknown shell is a usage error that lists bash, zsh and fish")
  func unknownShell() throws {
    let h = try Harness()
    let result = h.run(["completions", "tcsh"], global: false)
    #expect(result.status == 64)
    #expect(result.error.contains("Error: Unknown shell 'tcsh': give one of bash, zsh, fish"))
    #expect(result.output.isEmpty)
  }

  /// Terminal output without its bold and underline: SGR sequences and overstriking (`x\u{8}x`) taken out.
  static func plain(_ text: String) -> String {
    var result: [Character] = []
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
      if character == "\u{1B}" {
        while let next = characters.popFirst(), !next.isLetter {}
      } else if character == "\u{08}" {
        if !result.isEmpty { result.removeLast() }
      } else {
        result.append(character)
      }
    }
    return String(result)
  }

  @Test("groff -ww renders the manual without warnings, with every command and the exit codes")
  func manual() throws {
    let h = try Harness()
    let result = h.run(["manual"], global: false)
    #expect(result.status == 0)
    #expect(result.output.hasPrefix(".TH ADREG 1 "))
    let page = h.path("adreg.1")
    try result.output.write(toFile: page, atomically: true, encoding: .utf8)
    let groff = try #require(ShellTool.find("groff"), "groff is not installed")
    let rendered = try ShellTool.run(groff, ["-ww", "-man", "-Tutf8", page], in: h.directory.path)
    #expect(rendered.status == 0)
    #expect(rendered.error.isEmpty, "\(rendered.error)")
    let text = Self.plain(rendered.output)
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "EXIT STATUS", "ENVIRONMENT", "FILES", "ADREG_DB", "ADREG_USER"] {
      #expect(text.contains(section), "\(section)")
    }
    for command in CLI.commands { #expect(text.contains("adreg " + command.path.joined(separator: " ")), "\(command.path)") }
    for code in ["64", "65", "66", "75"] { #expect(text.contains(code)) }
    #expect(text.contains("facial-redness"))
  }
}
