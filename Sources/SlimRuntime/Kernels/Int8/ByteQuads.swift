/// The byte-dot kernels' shared steps (`ByteDotDepthwiseConv2D`, `ByteDotStemConv2D`):
/// an int8 row copied as the unsigned bytes `x + 128` that `vpdpbusd` multiplies, a
/// padded row expanded into *quads* (one `Int32` lane per output column holding the three
/// input bytes a 3-wide kernel row reads for it), a kernel row's taps as the signed
/// bytes every lane is dotted with (prepared with the corrected biases when a session is
/// created, `prepareTaps`), and the requantizing store of 16 sums.
enum ByteQuads {
  /// Output columns per vector of quads or sums.
  static var width: Int { 16 }

  /// The three taps at `taps` as the signed bytes of one lane, the fourth byte zero. O(1).
  @inline(__always)
  static func rowTapWord(_ taps: UnsafeRawPointer) -> Int32 {
    let bytes =
      UInt32(taps.load(as: UInt8.self)) | UInt32(taps.load(fromByteOffset: 1, as: UInt8.self)) &<< 8
      | UInt32(taps.load(fromByteOffset: 2, as: UInt8.self)) &<< 16
    return Int32(bitPattern: bytes)
  }

  /// `Int32` values `prepareTaps` writes for `channels` output channels of
  /// `rowsPerChannel` kernel rows each. O(1).
  static func tapsCount(channels: Int, rowsPerChannel: Int) -> Int { channels * (rowsPerChannel + 1) }

  /// Writes what the byte-dot kernels read of their weights and biases, once, when a
  /// session is created: for output channel `c`, kernel row `r` (`c·rowsPerChannel + r`,
  /// its three int8 taps at `weights + 3·(c·rowsPerChannel + r)`, as a depthwise 3x3
  /// layer's and a 3-wide convolution's OIHW weights lie) as a `rowTapWord`; then, after
  /// all channels' words, each channel's bias less the constant that shifting the input
  /// by 128 adds to its sums, (zeroPoint + 128)·Σw, wrapping as the accumulator does.
  /// Cost: O(channels·rowsPerChannel).
  static func prepareTaps(
    weights: UnsafeRawPointer, biases: UnsafeRawPointer, channels: Int, rowsPerChannel: Int, inputZeroPoint: Int32,
    into taps: UnsafeMutablePointer<Int32>
  ) {
    for channel in 0..<channels {
      var tapSum: Int32 = 0
      for row in 0..<rowsPerChannel {
        let rowTaps = weights + 3 * (channel * rowsPerChannel + row)
        taps[channel * rowsPerChannel + row] = rowTapWord(rowTaps)
        for tap in 0..<3 { tapSum &+= Int32(rowTaps.load(fromByteOffset: tap, as: Int8.self)) }
      }
      taps[channels * rowsPerChannel + channel] =
        biases.load(fromByteOffset: channel * 4, as: Int32.self) &- (inputZeroPoint &+ 128) &* tapSum
    }
  }

  /// Word `index` of prepared taps in every lane. O(1).
  @_transparent
  static func broadcast(_ taps: UnsafePointer<Int32>, _ index: Int) -> SIMD16<Int32> {
    SIMD16(repeating: taps[index])
  }

  /// `count` int8 values from `source` plus 128 (`^ 0x80`) into `destination`, a vector
  /// at a time (`PaddedInput.coverRow`).
  @inline(__always)
  static func copyShifted(_ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<UInt8>, count: Int) {
    let target = UnsafeMutableRawPointer(destination)
    @inline(__always) func move<Chunk: SIMD>(_: Chunk.Type, at i: Int) where Chunk.Scalar == UInt8 {
      let value = source.loadUnaligned(fromByteOffset: i, as: Chunk.self) ^ Chunk(repeating: 0x80)
      target.storeBytes(of: value, toByteOffset: i, as: Chunk.self)
    }
    PaddedInput.coverRow(count: count) { width, i in
      switch width {
      case 16: move(SIMD16<UInt8>.self, at: i)
      case 8: move(SIMD8<UInt8>.self, at: i)
      case 4: move(SIMD4<UInt8>.self, at: i)
      default: destination[i] = source.load(fromByteOffset: i, as: UInt8.self) ^ 0x80
      }
    }
  }

  /// Writes `count` (at least 16) quads of the padded row at `row` into `slot`: quad
  /// `c` holds bytes `s·c`, `s·c + 1` and `s·c + 2` (its fourth byte meets a zero tap).
  /// A vector at a time, the last ending at quad `count`. Cost: O(count / 16).
  @inline(__always)
  static func expand(_ row: UnsafeRawPointer, into slot: UnsafeMutableRawPointer, count: Int, columnStride: Int) {
    var c = 0
    while c < count {
      let at = min(c, count &- width)
      let quads: SIMD16<UInt32>
      if columnStride == 1 {
        let b0 = row.loadUnaligned(fromByteOffset: at, as: SIMD16<UInt8>.self).zeroExtended
        let b1 = row.loadUnaligned(fromByteOffset: at &+ 1, as: SIMD16<UInt8>.self).zeroExtended
        let b2 = row.loadUnaligned(fromByteOffset: at &+ 2, as: SIMD16<UInt8>.self).zeroExtended
        var q = b2 &<< 16
        q |= b1 &<< 8
        quads = q | b0
      } else {
        // Bytes 2c and 2c + 1 as one `UInt16` lane, then byte 2c + 2 from the next one.
        let pairs = row.loadUnaligned(fromByteOffset: 2 &* at, as: SIMD16<UInt16>.self).zeroExtended
        let next = row.loadUnaligned(fromByteOffset: 2 &* at &+ 2, as: SIMD16<UInt16>.self).zeroExtended
        quads = pairs | (next & SIMD16(repeating: 0xFF)) &<< 16
      }
      slot.storeBytes(of: quads, toByteOffset: at &* 4, as: SIMD16<UInt32>.self)
      c = at &+ width
    }
  }

  /// Writes 16 bytes at `destination`: `stage.finish` of each lane of `sums` with
  /// `requantizer`'s rescale, as the 16-lane float kernel's stores
  /// (`SIMD16<Float>.storeRequantized`). Here rather than a call of that: the call was
  /// left out of line in the depthwise kernel's loop (10% of the kernel bench in `perf`).
  @_transparent
  static func store(
    _ stage: Int8OutputStage, _ sums: SIMD16<Int32>, _ requantizer: SIMD16<Float>.Requantizer,
    at destination: UnsafeMutableRawPointer
  ) {
    #if _pointerBitWidth(_32)
      SIMD16<Float>.storeRequantized(sums, stage, requantizer, at: destination)
    #else
      destination.storeBytes(of: stage.finish(sums, requantizer), as: SIMD16<Int8>.self)
    #endif
  }
}
