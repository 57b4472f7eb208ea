/// Eight signed 64-bit values held as a high and a low `Int32` vector (the low
/// word's bits read as unsigned), for `Requantization`'s vector form.
struct WideLanes {
  var high: SIMD8<Int32>
  var low: SIMD8<Int32>

  /// Adds the 64-bit values `(high, low)`, wrapping, carrying out of the low words.
  @inline(__always)
  mutating func add(high addHigh: SIMD8<Int32>, low addLow: SIMD8<Int32>) {
    let sum = low &+ addLow
    // Unsigned `sum < addLow` (the carry), as a signed compare with the sign bits flipped.
    let flip = SIMD8<Int32>(repeating: .min)
    let carry = (sum ^ flip) .< (addLow ^ flip)
    high = high &+ addHigh &+ SIMD8<Int32>().replacing(with: 1, where: carry)
    low = sum
  }
}
