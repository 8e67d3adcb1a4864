import AdregFormats
import Testing

/// SHA-256 against the FIPS 180-4 example vectors (NIST CSRC "SHA256.pdf"), also printed by
/// `printf 'abc' | sha256sum` and Python's `hashlib.sha256(b"abc").hexdigest()`.
@Suite struct SHA256Tests {
  @Test("the empty message")
  func empty() {
    // printf '' | sha256sum
    #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test("'abc', one block")
  func abc() {
    #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test("the 448-bit message, whose padding needs a second block")
  func twoBlocks() {
    #expect(
      SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test("a million 'a', fed in uneven pieces")
  func million() {
    var digest = SHA256()
    var fed = 0
    var piece = 1
    while fed < 1_000_000 {
      let count = min(piece, 1_000_000 - fed)
      digest.update(repeatElement(UInt8(ascii: "a"), count: count))
      fed += count
      piece = piece * 7 % 1000 + 1
    }
    let hex = digest.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    // python3 -c 'import hashlib; print(hashlib.sha256(b"a"*1000000).hexdigest())'
    #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("55 and 56 bytes, either side of the padding boundary")
  func boundary() {
    // python3 -c 'import hashlib; print(hashlib.sha256(b"x"*55).hexdigest()); print(hashlib.sha256(b"x"*56).hexdigest())'
    #expect(SHA256.hex(String(repeating: "x", count: 55)) == "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072")
    #expect(SHA256.hex(String(repeating: "x", count: 56)) == "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e")
  }
}
