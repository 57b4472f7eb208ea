extension BlockedConv2DInt8 {
  /// How many input channels the packed weights and input words hold per 32-bit word,
  /// and so which multiply-add the micro-kernel runs (see the type's documentation).
  enum Packing: Equatable {
    case pairs, quads

    var channelsPerWord: Int { self == .pairs ? 2 : 4 }
  }

  /// Whether this build has the byte dot-product instruction (`SLIM_VNNI`), with which
  /// `quads` beat `pairs`; elsewhere `addingByteDot` is emulated and `pairs` are faster.
  static var hasByteDotInstruction: Bool {
    #if SLIM_VNNI
      return true
    #else
      return false
    #endif
  }

  /// The packing a build with (`byteDot`) or without the byte dot product runs `g`
  /// fastest with, when the file stores neither. `slim-pack --packed-weights --vnni`
  /// stores what `byteDot: true` gives. The same for every layer today (measured with
  /// `Tools/bench/int8_kernels.swift`: with `vpdpbusd`, `quads` took 0.52–0.58x the
  /// time of `pairs` on 3x3 layers and 0.46–0.85x on pointwise ones), but kept per
  /// layer, as the sections are. O(1).
  static func preferredPacking(_ g: Conv2D.Geometry, byteDot: Bool = hasByteDotInstruction) -> Packing {
    byteDot ? .quads : .pairs
  }

  /// Bytes of the packed weights. O(1).
  static func packedCount(_ g: Conv2D.Geometry, _ packing: Packing) -> Int {
    g.groups * blocksPerGroup(g) * Int8InputWords.wordsPerGroup(g, packing) * g.kernelHeight * g.kernelWidth
      * lanes * packing.channelsPerWord
  }

  /// `Int32` values of the scratch, the padded input words (always made). O(1).
  static func scratchCount(_ g: Conv2D.Geometry, _ packing: Packing) -> Int { Int8InputWords.count(g, packing) }

  /// Writes `weight` (int8 `[O, C/g, kH, kW]`) into `packed` (`packedCount(g, packing)`
  /// bytes) in the blocked layout. Cost: O(packedCount).
  static func pack(
    _ g: Conv2D.Geometry, _ packing: Packing, weight: UnsafeRawPointer, into packed: UnsafeMutablePointer<Int8>
  ) {
    let inPerGroup = g.inChannels / g.groups, outPerGroup = g.outChannels / g.groups
    let taps = g.kernelHeight * g.kernelWidth, perWord = packing.channelsPerWord
    var destination = packed
    for group in 0..<g.groups {
      for block in 0..<blocksPerGroup(g) {
        for word in 0..<Int8InputWords.wordsPerGroup(g, packing) {
          for tap in 0..<taps {
            for lane in 0..<lanes {
              let ocInGroup = block * lanes + lane
              let oc = group * outPerGroup + ocInGroup
              for j in 0..<perWord {
                let ic = perWord * word + j
                destination[perWord * lane + j] =
                  ocInGroup < outPerGroup && ic < inPerGroup
                  ? weight.load(fromByteOffset: (oc * inPerGroup + ic) * taps + tap, as: Int8.self) : 0
              }
            }
            destination += perWord * lanes
          }
        }
      }
    }
  }

  /// Writes each output channel's sum of weights (over its group's input channels and
  /// all taps) into `sums` (`outChannels` values), which `correctedBias` needs.
  /// Cost: O(O·(C/g)·kH·kW).
  static func weightSums(_ g: Conv2D.Geometry, weight: UnsafeRawPointer, into sums: UnsafeMutablePointer<Int32>) {
    let perChannel = g.inChannels / g.groups * g.kernelHeight * g.kernelWidth
    for channel in 0..<g.outChannels {
      var sum: Int32 = 0
      for i in 0..<perChannel { sum &+= Int32(weight.load(fromByteOffset: channel * perChannel + i, as: Int8.self)) }
      sums[channel] = sum
    }
  }

  /// Writes the bias the `quads` kernel starts from into `corrected` (`outChannels`
  /// values): `bias − (inputZeroPoint + 128)·Σw` per channel, in wrapping arithmetic
  /// (the kernel's sums of `x + 128` exceed the reference's sums of `x − zeroPoint` by
  /// exactly the subtracted term, padding included). O(outChannels).
  static func correctedBias(
    _ g: Conv2D.Geometry, bias: UnsafeRawPointer, weightSums: UnsafeRawPointer, inputZeroPoint: Int32,
    into corrected: UnsafeMutablePointer<Int32>
  ) {
    let offset = inputZeroPoint &+ 128
    for channel in 0..<g.outChannels {
      let b = bias.load(fromByteOffset: channel * 4, as: Int32.self)
      let sum = weightSums.load(fromByteOffset: channel * 4, as: Int32.self)
      corrected[channel] = b &- offset &* sum
    }
  }
}
