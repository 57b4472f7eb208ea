/// The int8 convolution kernels' copy of their input: input channels in adjacent
/// pairs, each pixel's two values less the zero point as the low and high 16 bits
/// of one `Int32`, zero-padded like `PaddedInput` (`[group][pair][paddedH][paddedW]`;
/// an odd group's last pair has 0 as its high half), so that one `pairwiseDot`
/// multiplies both by a pair of weights. Values less the zero point lie in
/// −255...255, so 16 bits hold them exactly.
enum PairedInput {
  /// Channel pairs of one group. O(1).
  static func pairsPerGroup(_ g: Conv2D.Geometry) -> Int { (g.inChannels / g.groups + 1) / 2 }

  /// `Int32` values of the copy. O(1).
  static func count(_ g: Conv2D.Geometry) -> Int {
    let extent = BlockedConv2D.paddedExtent(g)
    return g.groups * pairsPerGroup(g) * extent.height * extent.width
  }

  /// `low` and `high` (each in `Int16`'s range) as one pair.
  @inline(__always)
  static func pair(_ low: Int32, _ high: Int32) -> Int32 { (low & 0xFFFF) | (high &<< 16) }

  /// Fills padded rows `rows` (a sub-range of `0..<PaddedInput.paddedRows(g)`) of
  /// every pair from the int8 `input` (`inChannels·inH·inW` bytes) into `paired`
  /// (`count(g)` values), so that threads can share the copy. Rows without
  /// horizontal padding (the pointwise case) are copied as one run.
  /// Cost: O(C·|rows|·paddedW).
  static func fill(
    _ g: Conv2D.Geometry, rows: Range<Int>, from input: UnsafeRawPointer, zeroPoint: Int32,
    into paired: UnsafeMutablePointer<Int32>
  ) {
    let inPerGroup = g.inChannels / g.groups, pairs = pairsPerGroup(g)
    let extent = BlockedConv2D.paddedExtent(g)
    let inPlane = g.inHeight * g.inWidth
    let right = extent.width - g.padLeft - g.inWidth
    // Padded rows that hold input rows, and whether they are contiguous in both copies.
    let firstInside = max(rows.lowerBound, g.padTop)
    let inside = firstInside..<max(firstInside, min(rows.upperBound, g.padTop + g.inHeight))
    let contiguous = g.padLeft == 0 && right == 0
    for group in 0..<g.groups {
      for pair in 0..<pairs {
        let low = input + (group * inPerGroup + 2 * pair) * inPlane
        let high: UnsafeRawPointer? = 2 * pair + 1 < inPerGroup ? low + inPlane : nil
        let destination = paired + (group * pairs + pair) * extent.height * extent.width
        for row in rows where !inside.contains(row) {
          (destination + row * extent.width).update(repeating: 0, count: extent.width)
        }
        if contiguous {
          let start = (inside.lowerBound - g.padTop) * g.inWidth
          copy(
            low + start, high.map { $0 + start }, count: inside.count * g.inWidth,
            zeroPoint: zeroPoint, into: destination + inside.lowerBound * extent.width)
          continue
        }
        for row in inside {
          let rowStart = destination + row * extent.width
          let start = (row - g.padTop) * g.inWidth
          rowStart.update(repeating: 0, count: g.padLeft)
          copy(low + start, high.map { $0 + start }, count: g.inWidth, zeroPoint: zeroPoint, into: rowStart + g.padLeft)
          (rowStart + g.padLeft + g.inWidth).update(repeating: 0, count: right)
        }
      }
    }
  }

  /// `count` pairs of `low[i]` and `high[i]` (0 without `high`) less `zeroPoint`, eight at a time.
  @inline(__always)
  private static func copy(
    _ low: UnsafeRawPointer, _ high: UnsafeRawPointer?, count: Int, zeroPoint: Int32,
    into destination: UnsafeMutablePointer<Int32>
  ) {
    let shift = SIMD8<Int32>(repeating: zeroPoint), lowBits = SIMD8<Int32>(repeating: 0xFFFF)
    let whole = count - count % 8
    let raw = UnsafeMutableRawPointer(destination)
    for i in stride(from: 0, to: whole, by: 8) {
      let lows = low.loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self).widened &- shift
      let highs = high.map { $0.loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self).widened &- shift } ?? .zero
      raw.storeBytes(of: (lows & lowBits) | (highs &<< 16), toByteOffset: i * 4, as: SIMD8<Int32>.self)
    }
    for i in whole..<count {
      let lowValue = Int32(low.load(fromByteOffset: i, as: Int8.self)) &- zeroPoint
      let highValue = high.map { Int32($0.load(fromByteOffset: i, as: Int8.self)) &- zeroPoint } ?? 0
      destination[i] = pair(lowValue, highValue)
    }
  }
}
