/// A fixed-point multiplier and shift standing for one real scale ratio
/// (see `Requantization`); validated: `multiplier >= 0`, `shift` in `-31...30`.
struct Rescale: Equatable, Sendable {
  var multiplier: Int32
  var shift: Int32

  @inline(__always)
  func apply(_ x: Int32) -> Int32 { Requantization.multiply(x, by: multiplier, shift: shift) }
}
