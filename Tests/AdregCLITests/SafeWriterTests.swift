import Foundation
import Testing

/// PRODUCT.md §4b: every file adreg writes, and standard output. Regression tests for issue 12, items 1–5.
@Suite("Files adreg writes")
struct SafeWriterTests {
  /// Two patients, one case, and `input.csv`: one valid patient and one invalid, so a rejects file gets a row.
  func clinic() throws -> Harness {
    let h = try Harness()
    for step in [
      ["init"], ["patient", "add", "P1", "--start", "2025-01-01"], ["patient", "add", "P2", "--start", "2025-01-01"],
      ["record", "P1", "--onset", "2025-02-01", "--category", "facial-redness"],
    ] {
      #expect(h.run(step).status == 0, "\(step)")
    }
    try "code,start_date\nN-1,2024-01-01\nN-2,2024-02-30\n".write(toFile: h.path("input.csv"), atomically: true, encoding: .utf8)
    return h
  }

  /// Names in `folder` that look like adreg's temporaries.
  func temporaries(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".adreg-") }
  }

  func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  /// Makes `folder` read-only and returns the error creating a file in it gives, or nil when that cannot be done.
  ///
  /// root writes into a folder whatever its mode (tests run as root in CI), so as root the folder is made
  /// immutable with `chattr +i` instead; where that fails too (a file system without the attribute), the
  /// read-only case is skipped.
  static func makeReadOnly(_ folder: String) throws -> String? {
    guard getuid() == 0 else {
      try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
      return "Permission denied"
    }
    return chattr("+i", folder) ? "Operation not permitted" : nil
  }

  static func makeWritable(_ folder: String) {
    if getuid() == 0 { _ = chattr("-i", folder) }
    try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
  }

  static func chattr(_ flag: String, _ path: String) -> Bool {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") else { return false }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
    process.arguments = [flag, path]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  // MARK: Issue 12, items 1–5

  @Test("item 1: --rejects naming the input through ./, a symlink or a hard link is refused before anything is imported")
  func rejectsIsTheInput() throws {
    let h = try clinic()
    // Over 1 MiB, so that a rejects file overwriting it would cut the import short.
    var csv = "code,start_date\n"
    for n in 0..<60_000 { csv += "B-\(n),2024-01-01\n" }
    csv += "B-bad,2024-02-30\n"
    try csv.write(toFile: h.path("big.csv"), atomically: true, encoding: .utf8)
    try FileManager.default.linkItem(atPath: h.path("big.csv"), toPath: h.path("hard.csv"))
    try FileManager.default.createSymbolicLink(atPath: h.path("soft.csv"), withDestinationPath: h.path("big.csv"))
    let before = try h.dump()
    for rejects in ["./big.csv", "hard.csv", "soft.csv"] {
      let result = h.run("import", "patients", "big.csv", "--skip-invalid", "--rejects", rejects)
      #expect(result.status == 65, "\(rejects): \(result.error)")
      #expect(result.errorLines.count == 1)
      #expect(
        result.errorLines.first?.hasSuffix(
          "\(rejects) is the input file big.csv (the same file, by device and inode), which adreg never writes over; choose another file")
          == true, "\(result.error)")
      #expect(try String(contentsOfFile: h.path("big.csv"), encoding: .utf8) == csv, "\(rejects)")
      #expect(try h.dump() == before, "\(rejects)")
    }
    #expect(temporaries(in: h.directory.path).isEmpty)
  }

  @Test("item 2: export --out and report html --out on a hard link of the registry are refused, every patient kept")
  func hardLinkOfRegistry() throws {
    let h = try clinic()
    try FileManager.default.linkItem(atPath: h.database, toPath: h.path("looks-harmless.csv"))
    let before = try h.dump()
    for words in [["export", "cases", "--out", "looks-harmless.csv"], ["report", "html", "--out", "looks-harmless.csv"]] {
      let result = h.run(words)
      #expect(result.status == 65, "\(words): \(result.error)")
      #expect(
        result.errorLines == [
          "Error: \(h.path("looks-harmless.csv")) is the registry (the same file, by device and inode), which adreg never writes over; choose another file"
        ])
      #expect(try h.dump() == before)
      #expect(h.run("check").status == 0)
    }
  }

  @Test("item 3: export and a listing into a full disk exit 1 with an Error: line", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
  func standardOutputFull() throws {
    let h = try clinic()
    for words in ["export cases", "export patients --identified", "patient list --format csv", "--version"] {
      let result = try BuiltBinary.shell(
        "\"$ADREG\" \(words) >/dev/full", environment: ["ADREG_DB": h.database], in: h.directory.path)
      #expect(result.status == 1, "\(words)")
      #expect(result.error == "Error: cannot write to standard output: No space left on device\n", "\(words)")
    }
  }

  @Test("item 3: an export of many blocks into a full disk fails too")
  func standardOutputFullLarge() throws {
    let h = try clinic()
    #expect(h.run("synth", "--patients", "3000", "--out", "cohort").status == 0)
    #expect(h.run("import", "patients", "cohort/patients.csv").status == 0)
    let result = try BuiltBinary.shell(
      "\"$ADREG\" export patients --identified --as-of 2025-06-30 >/dev/full", environment: ["ADREG_DB": h.database],
      in: h.directory.path)
    #expect(result.status == 1)
    #expect(result.error == "Error: cannot write to standard output: No space left on device\n")
  }

  @Test("item 4: an existing --out or --rejects file is kept without --force, and kept when a forced command fails")
  func existingFile() throws {
    let h = try clinic()
    for name in ["cases.csv", "rejects.csv"] { try "keep\n".write(toFile: h.path(name), atomically: true, encoding: .utf8) }
    let refused = h.run("export", "cases", "--out", "cases.csv")
    #expect(refused.status == 65)
    #expect(refused.errorLines == ["Error: \(h.path("cases.csv")) already exists; give --force to replace it, or choose another name"])
    #expect(try String(contentsOfFile: h.path("cases.csv"), encoding: .utf8) == "keep\n")
    let rejects = h.run("import", "patients", "input.csv", "--skip-invalid", "--rejects", "rejects.csv")
    #expect(rejects.status == 65)
    #expect(try String(contentsOfFile: h.path("rejects.csv"), encoding: .utf8) == "keep\n")
    // A CSV error stops a forced import half-way: the old rejects file stays as it was.
    try "code,start_date\nN-1,2024-01-01\n\"N-2,2024-01-01\n".write(toFile: h.path("broken.csv"), atomically: true, encoding: .utf8)
    let before = try h.dump()
    let failed = h.run("import", "patients", "broken.csv", "--skip-invalid", "--rejects", "rejects.csv", "--force")
    #expect(failed.status == 65, "\(failed.error)")
    #expect(try String(contentsOfFile: h.path("rejects.csv"), encoding: .utf8) == "keep\n")
    #expect(try h.dump() == before)
    // With --force a command that succeeds replaces the file, readable by its owner only.
    let forced = h.run("export", "cases", "--out", "cases.csv", "--force")
    #expect(forced.status == 0, "\(forced.error)")
    #expect(try String(contentsOfFile: h.path("cases.csv"), encoding: .utf8).hasPrefix("patient_ref,"))
    let mode = try FileManager.default.attributesOfItem(atPath: h.path("cases.csv"))[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(temporaries(in: h.directory.path).isEmpty)
  }

  @Test("item 5: SIGTERM or SIGINT during a large export --out or synth leaves no file and no temporary")
  func interrupted() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let result = try BuiltBinary.shell(
      """
      set -u
      # Job control: a background job of a script otherwise starts with SIGINT ignored, as it should.
      set -m
      "$ADREG" synth --patients 200000 --seed 5 --out cohort >/dev/null || exit 2
      "$ADREG" import patients cohort/patients.csv >/dev/null || exit 3
      # Sends a signal to `$ADREG $@` as soon as its output (the temporary, or a file written in place) appears.
      interrupt() {
        signal=$1; target=$2; shift 2
        "$ADREG" "$@" & pid=$!
        for i in $(seq 4000); do
          if ls -a "$(dirname "$target")" | grep -q "$(basename "$target")"; then break; fi
          sleep 0.002
        done
        kill -$signal $pid; wait $pid; echo "status $?"
        ls -a "$(dirname "$target")" | grep "$(basename "$target")" || true
      }
      interrupt TERM big.csv export patients --identified --out big.csv
      mkdir again
      interrupt TERM again/patients.csv synth --patients 2000000 --out again
      interrupt INT big.csv export patients --identified --out big.csv
      """, environment: ["ADREG_DB": h.database, "ADREG_USER": "clerk"], in: h.directory.path)
    // 128 + the signal: the process ended by the signal itself, after removing its temporaries.
    #expect(result.output == "status 143\nstatus 143\nstatus 130\n", "\(result.error)")
    #expect(!FileManager.default.fileExists(atPath: h.path("big.csv")))
    #expect(temporaries(in: h.directory.path).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: h.path("again")).isEmpty)
  }

  // MARK: Every file-writing command against every bad destination

  struct Writer: Sendable, CustomStringConvertible {
    var description: String
    /// The command's words, given the file it is to write.
    var words: @Sendable (_ destination: String) -> [String]
    /// Whether the command reads an input file of its own (beside the registry).
    var hasInput = false
  }

  static let writers: [Writer] = [
    Writer(description: "export --out", words: { ["export", "cases", "--out", $0] }),
    Writer(
      description: "import --rejects", words: { ["import", "patients", "input.csv", "--skip-invalid", "--rejects", $0] },
      hasInput: true),
    Writer(description: "report html --out", words: { ["report", "html", "--out", $0] }),
    Writer(description: "backup", words: { ["backup", $0] }),
    Writer(
      description: "synth --out",
      words: { ["synth", "--patients", "20", "--out", $0 == "/dev/full" ? $0 : ($0 as NSString).deletingLastPathComponent] }),
  ]

  enum Destination: String, CaseIterable, Sendable {
    case existingFile, symlink, hardLinkOfRegistry, hardLinkOfInput, readOnlyFolder, devFull
  }

  @Test("refused destinations: exit code, Error: line, the registry and the other file unchanged, nothing left behind",
    arguments: writers, Destination.allCases)
  func refused(_ writer: Writer, _ destination: Destination) throws {
    let h = try clinic()
    let folder = h.path("out")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    // synth writes patients.csv in the folder it is given; the others write the file they are given.
    var target = (folder as NSString).appendingPathComponent(writer.description == "synth --out" ? "patients.csv" : "dest.file")
    try "the other file\n".write(toFile: h.path("other.txt"), atomically: true, encoding: .utf8)
    let expected: (status: Int32, error: String)
    var force = ["--force"]
    var other = h.path("other.txt")
    switch destination {
    case .existingFile:
      try "the other file\n".write(toFile: target, atomically: true, encoding: .utf8)
      other = target
      force = []
      expected = (65, "Error: \(target) already exists; give --force to replace it, or choose another name")
    case .symlink:
      try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: other)
      expected = (65, "Error: \(target) is a symbolic link; adreg neither follows nor replaces a link, so give the file's own path")
    case .hardLinkOfRegistry:
      try FileManager.default.linkItem(atPath: h.database, toPath: target)
      other = h.database
      expected = (65, "Error: \(target) is the registry (the same file, by device and inode), which adreg never writes over; choose another file")
    case .hardLinkOfInput:
      guard writer.hasInput else { return }  // The registry is the only input of the others: the case above.
      other = h.path("input.csv")
      try FileManager.default.linkItem(atPath: other, toPath: target)
      expected = (65, "Error: \(target) is the input file input.csv (the same file, by device and inode), which adreg never writes over; choose another file")
    case .readOnlyFolder:
      guard let reason = try Self.makeReadOnly(folder) else { return }
      expected = (1, "Error: cannot create \(target): \(reason); check the folder and its permissions")
    case .devFull:
      target = "/dev/full"
      expected = writer.description == "synth --out"
        ? (1, "Error: cannot create the folder /dev/full; check the path and its permissions")
        : (1, "Error: cannot write /dev/full: it is a device, FIFO or socket; give the name of a regular file")
    }
    defer { Self.makeWritable(folder) }
    let registryBefore = try h.dump()
    let otherBefore = try bytes(other)
    let result = h.run(writer.words(target) + force)
    #expect(result.status == expected.status, "\(result.error)")
    #expect(result.errorLines == [expected.error])
    #expect(result.output.isEmpty)
    #expect(try h.dump() == registryBefore)
    #expect(try bytes(other) == otherBefore)
    #expect(h.run("check").status == 0)
    for place in [folder, h.directory.path] { #expect(temporaries(in: place).isEmpty, "\(place)") }
    if destination == .readOnlyFolder { #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty) }
    if destination == .symlink {
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: target) == other, "the link itself is left alone")
    }
  }

  @Test("every file-writing command writes a new file, and replaces an existing one only with --force", arguments: writers)
  func writesAndForces(_ writer: Writer) throws {
    let h = try clinic()
    let folder = h.path("out")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let target = (folder as NSString).appendingPathComponent(writer.description == "synth --out" ? "patients.csv" : "dest.file")
    let first = h.run(writer.words(target))
    #expect(first.status == 0, "\(first.error)")
    let written = try bytes(target)
    #expect(!written.isEmpty)
    #expect(try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int == 0o600)
    #expect(h.run(writer.words(target)).status == 65)
    #expect(try bytes(target) == written)
    let forced = h.run(writer.words(target) + ["--force"])
    #expect(forced.status == 0, "\(forced.error)")
    #expect(temporaries(in: folder).isEmpty)
    #expect(h.run("check").status == 0)
  }

  @Test("a missing folder: exit 1, an Error: line, and no folder created", arguments: writers.filter { $0.description != "synth --out" })
  func missingFolder(_ writer: Writer) throws {
    let h = try clinic()
    let target = h.path("nowhere/dest.file")
    let result = h.run(writer.words(target))
    #expect(result.status == 1)
    #expect(result.errorLines.count == 1)
    #expect(result.errorLines.first?.contains("nowhere") == true, "\(result.error)")
    #expect(!FileManager.default.fileExists(atPath: h.path("nowhere")))
  }

  @Test("backup refuses a destination with a leftover -wal holding changes beside it, even with --force; an empty one is harmless")
  func backupLeftoverWAL() throws {
    let h = try clinic()
    try "old".write(toFile: h.path("copy.sqlite"), atomically: true, encoding: .utf8)
    try "stale wal".write(toFile: h.path("copy.sqlite-wal"), atomically: true, encoding: .utf8)
    let result = h.run("backup", "copy.sqlite", "--force")
    #expect(result.status == 65)
    #expect(result.errorLines == ["Error: \(h.path("copy.sqlite-wal")) lies beside \(h.path("copy.sqlite")); remove it or choose another file for the backup"])
    #expect(try String(contentsOfFile: h.path("copy.sqlite"), encoding: .utf8) == "old")
    #expect(temporaries(in: h.directory.path).isEmpty)
    // What reading an earlier copy with 'check --db' leaves beside it.
    try Data().write(to: URL(fileURLWithPath: h.path("copy.sqlite-wal")))
    let replaced = h.run("backup", "copy.sqlite", "--force")
    #expect(replaced.status == 0, "\(replaced.error)")
    #expect(h.run("check", "--db", h.path("copy.sqlite")).status == 0)
  }
}
