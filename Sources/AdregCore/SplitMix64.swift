import Foundation

/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast, and the same sequence everywhere.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Uniform in 0..<n, without modulo bias worth the name (Lemire's multiply-shift).
  mutating func below(_ n: Int) -> Int {
    guard n > 1 else { return 0 }
    return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
  }

  mutating func chance(_ probability: Double) -> Bool { unit() < probability }

  /// Exponentially distributed with the given mean, in whole days.
  mutating func days(mean: Double) -> Int { Int(-mean * log(1 - unit())) }
}
