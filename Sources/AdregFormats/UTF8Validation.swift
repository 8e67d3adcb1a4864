/// Strict UTF-8 well-formedness (Unicode Table 3-7): no overlong forms, no surrogates,
/// nothing above U+10FFFF, no truncated sequences.
enum UTF8Validation {
  @inline(__always)
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let n = bytes.count
    var i = 0
    // ASCII eight bytes at a time: exported registry data is mostly ASCII.
    while i + 8 <= n {
      let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      if word & 0x8080_8080_8080_8080 != 0 { break }
      i += 8
    }
    while i < n {
      let c = base[i]
      if c < 0x80 {
        i &+= 1
        continue
      }
      if c < 0xC2 || c > 0xF4 { return false }
      if c < 0xE0 {
        guard i + 1 < n, isContinuation(base[i + 1]) else { return false }
        i &+= 2
        continue
      }
      if c < 0xF0 {
        guard i + 2 < n else { return false }
        let second = base[i + 1]
        let secondOK: Bool
        switch c {
        case 0xE0: secondOK = second >= 0xA0 && second <= 0xBF
        case 0xED: secondOK = second >= 0x80 && second <= 0x9F
        default: secondOK = isContinuation(second)
        }
        guard secondOK, isContinuation(base[i + 2]) else { return false }
        i &+= 3
        continue
      }
      guard i + 3 < n else { return false }
      let second = base[i + 1]
      let secondOK: Bool
      switch c {
      case 0xF0: secondOK = second >= 0x90 && second <= 0xBF
      case 0xF4: secondOK = second >= 0x80 && second <= 0x8F
      default: secondOK = isContinuation(second)
      }
      guard secondOK, isContinuation(base[i + 2]), isContinuation(base[i + 3]) else { return false }
      i &+= 4
    }
    return true
  }

  @inline(__always)
  private static func isContinuation(_ byte: UInt8) -> Bool {
    byte & 0xC0 == 0x80
  }
}
