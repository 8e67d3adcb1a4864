/// Sample quantiles.
public enum Quantile {
  /// R's type 7 quantile (linear interpolation) of already-sorted values; throws on empty input.
  ///
  /// With h = (n - 1) p, returns (1 - f) x[floor h] + f x[floor h + 1], f = h - floor h, the
  /// default of R's quantile() and numpy.quantile. As in R, no interpolation happens when the
  /// two neighbours are equal, so repeated infinities stay infinite. The input must be sorted
  /// ascending without NaN: the check costs one pass, and throws rather than return a quantile
  /// of the wrong order statistic. Also throws for p outside [0, 1].
  public static func type7(sorted values: [Double], probability p: Double) throws -> Double {
    guard !values.isEmpty else {
      throw StatisticsError.invalid("cannot take a quantile of an empty sample")
    }
    try Validate.probability(p, name: "quantile probability")
    for i in values.indices.dropFirst() where !(values[i - 1] <= values[i]) {
      throw StatisticsError.invalid("quantile input must be sorted ascending without NaN (index \(i))")
    }
    let h = Double(values.count - 1) * p
    let low = Int(h.rounded(.down))
    let fraction = h - Double(low)
    let lowValue = values[low]
    guard fraction > 0, low + 1 < values.count else { return lowValue }
    let highValue = values[low + 1]
    if highValue == lowValue { return lowValue }
    return (1 - fraction) * lowValue + fraction * highValue
  }
}
