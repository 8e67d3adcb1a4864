import Testing
@testable import AdregFormats

@Suite("UTF-8 validation")
struct UTF8ValidationTests {
  private func valid(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
  }

  @Test("boundary sequences of Unicode Table 3-7 are judged like the standard library does")
  func boundaries() {
    let samples: [[UInt8]] = [
      [], [0x7F], [0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80],
      [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF],
      [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
      [0xE2, 0x82], [0xF0, 0x90, 0x80], [0xF0, 0x90, 0x80, 0x41], [0xC3], Array("abcdefgh😀ijklmnop".utf8),
    ]
    for sample in samples {
      #expect(valid(sample) == (String(validating: sample, as: UTF8.self) != nil), "\(sample)")
    }
  }

  @Test("random byte strings are judged like the standard library does")
  func randomBytes() {
    var generator = SystemRandomNumberGenerator()
    // Biased towards bytes that start or continue multi-byte sequences, where mistakes hide.
    let alphabet: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF]
    var disagreements: [[UInt8]] = []
    for _ in 0..<20_000 {
      let count = Int.random(in: 0...12, using: &generator)
      let sample = (0..<count).map { _ in
        Bool.random(using: &generator) ? alphabet.randomElement(using: &generator) ?? 0 : UInt8.random(in: 0...255, using: &generator)
      }
      if valid(sample) != (String(validating: sample, as: UTF8.self) != nil) { disagreements.append(sample) }
    }
    #expect(disagreements == [])
  }
}
