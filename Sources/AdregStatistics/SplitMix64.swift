import Foundation

/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast generator that gives the same sequence for a seed on
/// every machine and toolchain, so synthetic cohorts and simulations are reproducible. Not for secrets.
public struct SplitMix64: Sendable {
  @usableFromInline var state: UInt64

  public init(seed: UInt64) { state = seed }

  @inlinable
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1).
  @inlinable
  public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Uniform on the open interval (0, 1): the half-step offset keeps `-log(u)` and `-log(1 - u)` finite.
  @inlinable
  public mutating func openUnit() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }

  /// Uniform in 0..<n, without modulo bias worth the name (Lemire's multiply-shift).
  @inlinable
  public mutating func below(_ n: Int) -> Int {
    guard n > 1 else { return 0 }
    return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
  }

  @inlinable
  public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

  /// Exponentially distributed with the given mean, in whole days.
  @inlinable
  public mutating func days(mean: Double) -> Int { Int(-mean * log(1 - unit())) }
}
