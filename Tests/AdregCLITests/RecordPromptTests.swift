import Foundation
import Testing

/// `record` at a real pseudo-terminal: script(1) gives the built binary a terminal, and the answers are typed into it
/// as a nurse would type them, each batch once adreg shows the question it waits at.
@Suite("record asks at a terminal", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
struct RecordPromptTests {
  /// A registry with one patient, P1, on treatment since 2025-01-01.
  static func registry() throws -> Harness {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    #expect(h.run("patient", "add", "P1", "--start", "2025-01-01").status == 0)
    return h
  }

  struct Session {
    /// What the terminal showed: the questions, the typed answers echoed, stdout and stderr.
    var screen: String
    /// adreg's exit status, as the shell saw it (130 when SIGINT ended it).
    var status: Int32?
  }

  /// Runs `adreg record P1 <options>` on a pseudo-terminal; for each step, waits until the screen shows its text,
  /// then types its keys. `answers` names a file that becomes standard input instead of the terminal.
  static func session(
    _ steps: [(waitFor: String, keys: String)], options: String = "", answers: String? = nil, in h: Harness
  ) throws -> Session {
    let run = """
      trap : INT
      \(answers.map { "exec < \"\($0)\"" } ?? "")
      "$ADREG" record P1 --as-of 2025-06-30 \(options)
      status=$?
      echo "exit=$status"
      touch done
      """
    try run.write(toFile: h.path("run.sh"), atomically: true, encoding: .utf8)
    var environment = ["ADREG_DB": h.database, "ADREG_USER": "nurse.ana", "SHELL": "/bin/bash"]
    var feed = ""
    for (index, step) in steps.enumerated() {
      environment["WAIT\(index)"] = step.waitFor
      environment["KEYS\(index)"] = step.keys
      feed += #"wait_for "$WAIT\#(index)"; printf '%s' "$KEYS\#(index)"; "#
    }
    let result = try BuiltBinary.shell(
      """
      wait_for() { i=0; until grep -qF -- "$1" screen.log 2>/dev/null || [ -e done ] || [ $i -ge 200 ]; do sleep 0.05; i=$((i+1)); done; }
      { \(feed) i=0; until [ -e done ] || [ $i -ge 300 ]; do sleep 0.05; i=$((i+1)); done; } | \
        script -qfec "bash run.sh" screen.log >/dev/null
      cat screen.log
      """, environment: environment, in: h.directory.path)
    let screen = result.output.replacingOccurrences(of: "\r\n", with: "\n")
    let status = screen.firstMatch(of: /exit=(\d+)/).flatMap { Int32($0.1) }
    return Session(screen: screen, status: status)
  }

  static func cases(_ h: Harness) throws -> [[String: Any]] {
    try #require(try h.json(h.run("case", "list", "--format", "json")) as? [[String: Any]])
  }

  static let category = "Choose 1-9 or type a code: "

  @Test("a typo at the category is offered the closest code; Enter accepts it")
  func typoAccepted() throws {
    let h = try Self.registry()
    let session = try Self.session([(Self.category, "facial-rednes\n\n2025-02-10\n\n\n")], in: h)
    #expect(session.status == 0, "\(session.screen)")
    #expect(session.screen.contains("unknown category 'facial-rednes'; did you mean 'facial-redness'? [Y/n] "))
    #expect(session.screen.contains("Case 1 recorded for P1: facial-redness, onset on day 41 of treatment"))
    let cases = try Self.cases(h)
    #expect(cases.count == 1)
    #expect(cases.first?["category"] as? String == "facial-redness")
  }

  @Test("n to the offered code asks the question again")
  func typoDeclined() throws {
    let h = try Self.registry()
    let session = try Self.session([(Self.category, "facial-rednes\nn\n5\n2025-02-10\n\n\n")], in: h)
    #expect(session.status == 0, "\(session.screen)")
    #expect(session.screen.components(separatedBy: Self.category).count == 3, "asked twice: \(session.screen)")
    #expect(try Self.cases(h).first?["category"] as? String == "rosacea-like")
  }

  @Test("an impossible date, then one before treatment start, each re-asked with the option's message; then a good one")
  func badDatesThenGood() throws {
    let h = try Self.registry()
    let session = try Self.session([(Self.category, "2\n2025-02-30\n2024-12-01\n2025-02-10\n\n\n")], in: h)
    #expect(session.status == 0, "\(session.screen)")
    #expect(session.screen.contains("onset: '2025-02-30' is not a day of the calendar"))
    #expect(session.screen.contains("onset: 2024-12-01 is before treatment start 2025-01-01"))
    #expect(session.screen.components(separatedBy: "Onset date (YYYY-MM-DD, e.g. 2025-04-03): ").count == 4)
    let cases = try Self.cases(h)
    #expect(cases.count == 1)
    #expect(cases.first?["onset"] as? String == "2025-02-10")
  }

  @Test("appearance answered: scaling and body sites, typos corrected on the way")
  func appearanceAnswered() throws {
    let h = try Self.registry()
    let session = try Self.session([(Self.category, "2\n2025-02-10\nprsent\ny\nface, neckk\ny\n")], in: h)
    #expect(session.status == 0, "\(session.screen)")
    #expect(session.screen.contains("Scaling (present/absent/unknown, Enter = unknown): "))
    #expect(session.screen.contains("unknown scaling 'prsent'; did you mean 'present'? [Y/n] "))
    #expect(session.screen.contains("Body sites, comma-separated (face, eyelids, scalp, neck, trunk, arms, hands, legs, feet, flexures, injection-site, widespread; Enter = none): "))
    #expect(session.screen.contains("unknown body site 'neckk'; did you mean 'neck'? [Y/n] "))
    let record = try #require(try Self.cases(h).first)
    #expect(record["scaling"] as? String == "present")
    #expect(record["sites"] as? [String] == ["face", "neck"])
  }

  @Test("appearance skipped: Enter, Enter gives scaling unknown and no body sites")
  func appearanceSkipped() throws {
    let h = try Self.registry()
    let session = try Self.session([(Self.category, "2\n2025-02-10\n\n\n")], in: h)
    #expect(session.status == 0, "\(session.screen)")
    let record = try #require(try Self.cases(h).first)
    #expect(record["scaling"] as? String == "unknown")
    #expect(record["sites"] as? [String] == [])
  }

  @Test("appearance given as options is not asked")
  func appearanceGiven() throws {
    let h = try Self.registry()
    let session = try Self.session([(Self.category, "2\n2025-02-10\n")], options: "--scaling absent --sites face", in: h)
    #expect(session.status == 0, "\(session.screen)")
    #expect(!session.screen.contains("Scaling ("))
    #expect(!session.screen.contains("Body sites"))
    let record = try #require(try Self.cases(h).first)
    #expect(record["scaling"] as? String == "absent")
    #expect(record["sites"] as? [String] == ["face"])
  }

  @Test("three bad answers: adreg gives up with the option's error, exit 65, and saves nothing")
  func threeBadAnswers() throws {
    let h = try Self.registry()
    let before = try h.dump()
    let session = try Self.session([(Self.category, "zz\n12\nxx\n")], in: h)
    #expect(session.status == 65, "\(session.screen)")
    #expect(session.screen.contains("unknown category 'zz'"))
    #expect(session.screen.contains("Error: unknown category 'xx'"))
    #expect(session.screen.contains("Nothing was saved."))
    #expect(!session.screen.contains("Onset date"))
    #expect(try h.dump() == before)
  }

  @Test("end of input (Ctrl-D) at a question saves nothing and says so, exit 1")
  func endOfInput() throws {
    let h = try Self.registry()
    let before = try h.dump()
    let session = try Self.session([(Self.category, "2\n"), ("Onset date", "\u{04}")], in: h)
    #expect(session.status == 1, "\(session.screen)")
    #expect(session.screen.contains("Nothing was saved."))
    #expect(try h.dump() == before)
  }

  @Test("Ctrl-C at a question saves nothing and says so; SIGINT ends adreg, so the shell sees 130")
  func interrupted() throws {
    let h = try Self.registry()
    let before = try h.dump()
    let session = try Self.session([(Self.category, "2\n"), ("Onset date", "\u{03}")], in: h)
    #expect(session.status == 130, "\(session.screen)")
    #expect(session.screen.contains("Nothing was saved."))
    #expect(try h.dump() == before)
  }

  @Test("an option that cannot be saved is refused before any question")
  func refusedOptionFirst() throws {
    let h = try Self.registry()
    let before = try h.dump()
    let session = try Self.session([], options: "--onset 2024-12-01", in: h)
    #expect(session.status == 65, "\(session.screen)")
    #expect(session.screen.contains("Error: onset: 2024-12-01 is before treatment start 2025-01-01"))
    #expect(!session.screen.contains("Category:"))
    #expect(try h.dump() == before)
  }

  @Test("stdin from a file, stderr still a terminal: no question, the usage error at once as without a terminal")
  func answersFromFile() throws {
    let h = try Self.registry()
    try "2\n2025-02-10\n\n\n".write(toFile: h.path("answers.txt"), atomically: true, encoding: .utf8)
    let before = try h.dump()
    let session = try Self.session([], answers: "answers.txt", in: h)
    #expect(session.status == 64, "\(session.screen)")
    #expect(session.screen.contains("Error: Missing expected argument '--onset <date>'"))
    #expect(!session.screen.contains("Category:"))
    #expect(try h.dump() == before)
  }

  @Test("stdin from a pipe: no question, the usage error at once, nothing saved")
  func answersFromPipe() throws {
    let h = try Self.registry()
    let before = try h.dump()
    let result = try BuiltBinary.shell(
      #"printf '2\n2025-02-10\n\n\n' | "$ADREG" record P1 --as-of 2025-06-30"#,
      environment: ["ADREG_DB": h.database], in: h.directory.path)
    #expect(result.status == 64)
    #expect(result.error.hasPrefix("Error: Missing expected argument '--onset <date>'"))
    #expect(!result.error.contains("Category:"))
    #expect(try h.dump() == before)
  }
}
