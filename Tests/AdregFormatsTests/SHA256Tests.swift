import Foundation
import Testing
@testable import AdregFormats
import AdregTestSupport

@Suite("SHA-256")
struct SHA256Tests {
  // FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf"); the same digests `printf … | sha256sum` prints.
  @Test("the standard's test vectors", arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
  ])
  func vectors(message: String, digest: String) {
    #expect(SHA256.hex(of: message) == digest)
  }

  @Test("a million 'a' fed in uneven pieces")
  func millionA() {
    // NIST: SHA-256 of 1,000,000 repetitions of 'a'.
    var hash = SHA256()
    var left = 1_000_000
    var piece = 1
    while left > 0 {
      let n = min(piece, left)
      hash.update([UInt8](repeating: UInt8(ascii: "a"), count: n))
      left -= n
      piece = piece * 3 % 997 + 1
    }
    #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("agrees with sha256sum at every length around the block and padding boundaries")
  func agreesWithCoreutils() throws {
    guard let sha256sum = Subprocess.tool("sha256sum") else {
      Issue.record("sha256sum is not installed; the oracle comparison was skipped")
      return
    }
    let directory = try TemporaryDirectory()
    var bytes: [UInt8] = []
    var state: UInt32 = 12345
    for length in 0...200 {
      let path = directory.file("m\(length)")
      #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
      let output = try Subprocess.run(sha256sum, [path]).output
      #expect(SHA256.hex(of: bytes) == String(output.prefix(64)), "length \(length)")
      state = state &* 1_103_515_245 &+ 12345
      bytes.append(UInt8(truncatingIfNeeded: state >> 16))
    }
  }
}
