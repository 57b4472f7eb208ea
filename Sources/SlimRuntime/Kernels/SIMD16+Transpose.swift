/// Sixteen vectors: a 16 × 16 block of values, one row per vector.
typealias Sixteen<Value> = (
  Value, Value, Value, Value, Value, Value, Value, Value, Value, Value, Value, Value, Value, Value, Value, Value
)

extension SIMD16 where Scalar == Float {
  /// The transpose of `rows`: vector `j`, lane `i` of the result is vector `i`,
  /// lane `j` of `rows`.
  ///
  /// Four rounds of unzipping pairs: each round sends the element at (row `i`, lane
  /// `j`) to row `(j mod 2)·8 + i / 2`, lane `(i mod 2)·8 + j / 2`, which rotates
  /// the 8 bits of its index `i·16 + j` right by one; four rounds swap the halves,
  /// which is the transpose. Each new vector is one two-source permutation
  /// (`vpermt2ps` with AVX-512), 64 in all, where writing the 256 values one by one
  /// takes 256 extracts. O(1).
  @inline(__always)
  static func transposed(_ rows: Sixteen<Self>) -> Sixteen<Self> {
    unzipRound(unzipRound(unzipRound(unzipRound(rows))))
  }

  /// One round of `transposed`: vectors `2k` and `2k + 1` become `k` (their even
  /// lanes) and `8 + k` (their odd lanes).
  @inline(__always)
  private static func unzipRound(_ r: Sixteen<Self>) -> Sixteen<Self> {
    // Lane by lane rather than `evenHalf`/`oddHalf`: LLVM makes each one permutation all
    // the same, and 64 more calls of those generic members made the optimizer leave them
    // out of line in the direct kernels (see `WinogradConv2D.everyFourth`).
    @inline(__always) func evens(_ a: Self, _ b: Self) -> Self {
      Self(a[0], a[2], a[4], a[6], a[8], a[10], a[12], a[14], b[0], b[2], b[4], b[6], b[8], b[10], b[12], b[14])
    }
    @inline(__always) func odds(_ a: Self, _ b: Self) -> Self {
      Self(a[1], a[3], a[5], a[7], a[9], a[11], a[13], a[15], b[1], b[3], b[5], b[7], b[9], b[11], b[13], b[15])
    }
    return (
      evens(r.0, r.1), evens(r.2, r.3), evens(r.4, r.5), evens(r.6, r.7), evens(r.8, r.9), evens(r.10, r.11),
      evens(r.12, r.13), evens(r.14, r.15), odds(r.0, r.1), odds(r.2, r.3), odds(r.4, r.5), odds(r.6, r.7),
      odds(r.8, r.9), odds(r.10, r.11), odds(r.12, r.13), odds(r.14, r.15)
    )
  }
}
