/// The blocked int8 convolution kernels' copy of their input: input channels packed
/// into 32-bit words, zero-point handling and padding done once, so that the inner
/// loops have no bounds checks (`[group][word][paddedH][paddedW]`, padded like
/// `PaddedInput`). Two packings, one per kind of multiply-add (`BlockedConv2DInt8.Packing`):
///
/// - `pairs`: two adjacent channels less the zero point, as the low and high 16 bits
///   (values less the zero point lie in −255...255, so 16 bits hold them exactly);
///   padding is 0, and an odd group's last word has 0 as its high half.
/// - `quads`: four adjacent channels as unsigned bytes `x + 128` (byte `j` is channel
///   `4w + j`); padding is the zero point's byte `zeroPoint + 128` (0...255), so that a
///   padded tap contributes exactly what the kernel's bias correction takes off
///   (`BlockedConv2DInt8.correctedBias`); channels past the group's last repeat it
///   (their weights are 0).
enum Int8InputWords {
  /// Words of one group's pixel. O(1).
  static func wordsPerGroup(_ g: Conv2D.Geometry, _ packing: BlockedConv2DInt8.Packing) -> Int {
    (g.inChannels / g.groups + packing.channelsPerWord - 1) / packing.channelsPerWord
  }

  /// `Int32` values of the copy. O(1).
  static func count(_ g: Conv2D.Geometry, _ packing: BlockedConv2DInt8.Packing) -> Int {
    let extent = BlockedConv2D.paddedExtent(g)
    return g.groups * wordsPerGroup(g, packing) * extent.height * extent.width
  }

  /// `low` and `high` (each in `Int16`'s range) as one pair.
  @inline(__always)
  static func pair(_ low: Int32, _ high: Int32) -> Int32 { (low & 0xFFFF) | (high &<< 16) }

  /// The word of a padded pixel.
  static func padding(_ packing: BlockedConv2DInt8.Packing, zeroPoint: Int32) -> Int32 {
    switch packing {
    case .pairs: return 0
    case .quads: return ((zeroPoint &+ 128) & 0xFF) &* 0x0101_0101
    }
  }

  /// Fills padded rows `rows` (a sub-range of `0..<PaddedInput.paddedRows(g)`) of
  /// every word from the int8 `input` (`inChannels·inH·inW` bytes) into `words`
  /// (`count(g, packing)` values), so that threads can share the copy. Rows without
  /// horizontal padding (the pointwise case) are copied as one run.
  /// Cost: O(C·|rows|·paddedW).
  static func fill(
    _ g: Conv2D.Geometry, _ packing: BlockedConv2DInt8.Packing, rows: Range<Int>, from input: UnsafeRawPointer,
    zeroPoint: Int32, into words: UnsafeMutablePointer<Int32>
  ) {
    let inPerGroup = g.inChannels / g.groups, perWord = packing.channelsPerWord
    let wordCount = wordsPerGroup(g, packing)
    let extent = BlockedConv2D.paddedExtent(g)
    let inPlane = g.inHeight * g.inWidth
    let right = extent.width - g.padLeft - g.inWidth
    let pad = padding(packing, zeroPoint: zeroPoint)
    // Padded rows that hold input rows, and whether they are contiguous in both copies.
    let firstInside = max(rows.lowerBound, g.padTop)
    let inside = firstInside..<max(firstInside, min(rows.upperBound, g.padTop + g.inHeight))
    let contiguous = g.padLeft == 0 && right == 0
    for group in 0..<g.groups {
      for word in 0..<wordCount {
        let first = input + (group * inPerGroup + perWord * word) * inPlane
        let channels = min(perWord, inPerGroup - perWord * word)
        let destination = words + (group * wordCount + word) * extent.height * extent.width
        func copy(from start: Int, count: Int, into target: UnsafeMutablePointer<Int32>) {
          switch packing {
          case .pairs:
            copyPairs(
              first + start, channels == 2 ? first + inPlane + start : nil, count: count, zeroPoint: zeroPoint,
              into: target)
          case .quads:
            copyQuads(first + start, channels: channels, plane: inPlane, count: count, padding: pad, into: target)
          }
        }
        for row in rows where !inside.contains(row) {
          (destination + row * extent.width).update(repeating: pad, count: extent.width)
        }
        if contiguous {
          let start = (inside.lowerBound - g.padTop) * g.inWidth
          copy(from: start, count: inside.count * g.inWidth, into: destination + inside.lowerBound * extent.width)
          continue
        }
        for row in inside {
          let rowStart = destination + row * extent.width
          rowStart.update(repeating: pad, count: g.padLeft)
          copy(from: (row - g.padTop) * g.inWidth, count: g.inWidth, into: rowStart + g.padLeft)
          (rowStart + g.padLeft + g.inWidth).update(repeating: pad, count: right)
        }
      }
    }
  }

  /// `count` pairs of `low[i]` and `high[i]` (0 without `high`) less `zeroPoint`, eight at a time.
  @inline(__always)
  private static func copyPairs(
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

  /// `count` words of the bytes `x + 128` of `channels` (1...4) planes `plane` bytes
  /// apart from `first` on, byte `j` from plane `j`, missing planes' bytes from
  /// `padding`; sixteen at a time when all four planes exist, then eight.
  @inline(__always)
  private static func copyQuads(
    _ first: UnsafeRawPointer, channels: Int, plane: Int, count: Int, padding: Int32,
    into destination: UnsafeMutablePointer<Int32>
  ) {
    let raw = UnsafeMutableRawPointer(destination)
    var done = 0
    if channels == 4 {
      // All four planes, 16 words at a time, unrolled: the general loop below, with its
      // plane loop and shift by a variable, was 7-10% of int8 PreResNet-164 and MobileNetV2.
      @inline(__always) func bytes(ofPlane j: Int) -> SIMD16<Int32> {
        let values = (first + j &* plane).loadUnaligned(fromByteOffset: done, as: SIMD16<Int8>.self).widenedToInt32
        return (values ^ SIMD16(repeating: 0x80)) & SIMD16(repeating: 0xFF)
      }
      while done &+ 16 <= count {
        let word =
          bytes(ofPlane: 0) | (bytes(ofPlane: 1) &<< 8) | (bytes(ofPlane: 2) &<< 16) | (bytes(ofPlane: 3) &<< 24)
        raw.storeBytes(of: word, toByteOffset: done &* 4, as: SIMD16<Int32>.self)
        done &+= 16
      }
    }
    let whole = count - (count - done) % 8
    let low = SIMD8<Int32>(repeating: 0xFF), flip = SIMD8<Int32>(repeating: 0x80)
    // Bytes of the missing planes, already in place.
    var missing: Int32 = 0
    for j in channels..<4 { missing |= padding & (0xFF &<< Int32(8 * j)) }
    for i in stride(from: done, to: whole, by: 8) {
      var word = SIMD8<Int32>(repeating: missing)
      for j in 0..<channels {
        let bytes = (first + j * plane).loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self).widened
        word |= ((bytes ^ flip) & low) &<< Int32(8 * j)
      }
      raw.storeBytes(of: word, toByteOffset: i * 4, as: SIMD8<Int32>.self)
    }
    for i in whole..<count {
      var word = missing
      for j in 0..<channels {
        let byte = Int32((first + j * plane).load(fromByteOffset: i, as: Int8.self))
        word |= ((byte ^ 0x80) & 0xFF) &<< Int32(8 * j)
      }
      destination[i] = word
    }
  }
}
