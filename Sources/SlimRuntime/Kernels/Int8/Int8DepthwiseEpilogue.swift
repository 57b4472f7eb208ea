/// Int8 in `Float` lanes: the taps multiply-add `x − zeroPoint` and the weight as
/// floats, then each sum goes back to `Int32`, gains the int32 bias and is
/// requantized per channel (raw pointers, as the int8 kernels read `WGHT` and the
/// arena).
///
/// Bit-exact with the plain int8 kernel, because every value involved is an integer
/// that `Float` holds exactly: `|x − zeroPoint| ≤ 255` and `|w| ≤ 128`, so a product's
/// magnitude is at most 32,640 and a sum of `kH·kW` of them at most `kH·kW·32,640`,
/// below 2^22 for up to 128 taps (`sumsAreExact`); the order of the sums does not
/// matter, and the bias, which may be large, is added as an integer. A float
/// multiply-add is one instruction where the 32-bit integer multiply (`vpmulld`) is
/// two. With each channel's rescale prepared once (`output(of:)`) rather than per
/// store, the 16-lane kernel went from Int32 to Float lanes (`Tools/bench/depthwise.swift`,
/// Intel Xeon, best of three alternated runs, µs): 32@112x112 318 → 260, 144@56x56 395 →
/// 326, 384@14x14 144 → 131, 576@14x14 216 → 190; MobileNetV2 int8 12.2 → 11.6 ms.
/// Requantizing, not the taps, is now most of its time.
///
/// So with `Lane.defersRequantization` (8 lanes on 64-bit targets) the stores keep the
/// float sums of a channel's rows in the part's scratch, in plane order, and `finish`
/// requantizes them 16 at a time: the sums of rows narrower than 16 are then not
/// requantized a vector per row (on 7x7 planes 7 vectors for 49 sums) but in whole
/// vectors of the plane (4 for 49), while the taps run in 8 lanes. `SLIM_AVX512` builds
/// take that kernel for rows narrower than 16 and the 16-lane one, which requantizes
/// as it stores, for wider rows (`prefersWideInt8Lanes`).
struct Int8DepthwiseEpilogue<Lane: Int8DepthwiseLane>: DepthwiseEpilogue {
  let stage: Int8OutputStage
  let biases: UnsafeRawPointer, multiplier: UnsafeRawPointer, shift: UnsafeRawPointer
  let output: UnsafeMutableRawPointer
  let outPlane: Int

  /// Whether every sum of layer `g` stays below 2^22 in magnitude, so that the float
  /// lanes hold it exactly (at most 128 taps). O(1).
  static func sumsAreExact(_ g: Conv2D.Geometry) -> Bool { g.kernelHeight * g.kernelWidth * 255 * 128 < 1 << 22 }

  @inline(__always) func copyBand(
    _ g: Conv2D.Geometry, channel: Int, rows: Range<Int>, from input: UnsafeRawPointer,
    into band: UnsafeMutablePointer<Float>
  ) {
    PaddedInput.copyBand(g, channel: channel, rows: rows, from: input, zeroPoint: stage.inputZeroPoint, into: band)
  }
  /// The sums start at 0; the bias is added to the integers as they are requantized.
  @inline(__always) func bias(_ channel: Int) -> Float { 0 }
  @inline(__always) func weight(_ weights: UnsafeRawPointer, _ index: Int) -> Float {
    Float(weights.load(fromByteOffset: index, as: Int8.self))
  }
  /// With `Lane.defersRequantization`, one channel's whole output plane of float sums
  /// and room for a last vector stored from inside it to reach past its end; else 0.
  static func sumsCount(_ g: Conv2D.Geometry) -> Int {
    Lane.defersRequantization ? g.outHeight * g.outWidth + requantizedLanes : 0
  }

  /// Sums requantized per instruction sequence by `finish` on 64-bit targets.
  static var requantizedLanes: Int { 16 }

  @inline(__always) func output(of channel: Int, sums: UnsafeMutablePointer<Float>) -> Int8DepthwiseChannel<Lane> {
    let rescale = Rescale(
      multiplier: multiplier.load(fromByteOffset: channel * 4, as: Int32.self),
      shift: shift.load(fromByteOffset: channel * 4, as: Int32.self))
    return Int8DepthwiseChannel(
      plane: output + channel * outPlane, sums: sums, bias: biases.load(fromByteOffset: channel * 4, as: Int32.self),
      rescale: rescale, requantizer: Lane.requantizer(rescale))
  }
  @inline(__always) func store(_ sums: Lane, _ channel: Int8DepthwiseChannel<Lane>, at index: Int) {
    if Lane.defersRequantization {
      UnsafeMutableRawPointer(channel.sums + index).storeBytes(of: sums, as: Lane.self)
    } else {
      let integers = sums.exactIntegers &+ Lane.Integers(repeating: channel.bias)
      Lane.storeRequantized(integers, stage, channel.requantizer, at: channel.plane + index)
    }
  }
  @inline(__always) func store(_ sum: Float, _ channel: Int8DepthwiseChannel<Lane>, at index: Int) {
    if Lane.defersRequantization {
      channel.sums[index] = sum
    } else {
      channel.plane.storeBytes(of: requantized(sum, channel), toByteOffset: index, as: Int8.self)
    }
  }
  /// `sum` requantized as the plain int8 kernel does. Cost: O(1).
  @inline(__always) func requantized(_ sum: Float, _ channel: Int8DepthwiseChannel<Lane>) -> Int8 {
    stage.finish(sum.exactInteger &+ channel.bias, multiplier: channel.rescale.multiplier, shift: channel.rescale.shift)
  }
  /// With `Lane.defersRequantization`, requantizes the channel's sums from `index`
  /// on, 16 at a time where there are at least 16, the last 16 ending at the range's
  /// end (rewriting a few bytes with the same values), one at a time otherwise.
  @inline(__always) func finish(_ channel: Int8DepthwiseChannel<Lane>, from index: Int, count: Int) {
    guard Lane.defersRequantization else { return }
    let end = index &+ count
    var done = index
    #if !_pointerBitWidth(_32)
      let width = Self.requantizedLanes
      if count >= width {
        let rescale = UniformRescale(channel.rescale)
        let bias = SIMD16<Int32>(repeating: channel.bias)
        while done < end {
          let at = done < end &- width ? done : end &- width
          let sums = UnsafeRawPointer(channel.sums + at).loadUnaligned(as: SIMD16<Float>.self)
          channel.plane.storeBytes(
            of: stage.finish(sums.exactIntegers &+ bias, rescale), toByteOffset: at, as: SIMD16<Int8>.self)
          done = at &+ width
        }
      }
    #endif
    while done < end {
      channel.plane.storeBytes(of: requantized(channel.sums[done], channel), toByteOffset: done, as: Int8.self)
      done &+= 1
    }
  }
}

/// One output channel of an int8 depthwise convolution, as its stores need it.
struct Int8DepthwiseChannel<Lane: Int8DepthwiseLane> {
  /// The channel's output plane.
  let plane: UnsafeMutableRawPointer
  /// With `Lane.defersRequantization`, the part's float sums, indexed by plane
  /// position, until `finish` requantizes them.
  let sums: UnsafeMutablePointer<Float>
  let bias: Int32
  let rescale: Rescale
  /// `rescale` in the form the lane's vector requantization takes.
  let requantizer: Lane.Requantizer
}

/// The `Float` vectors an int8 depthwise row is summed in, with their way back to
/// `Int32` and the requantization of those: every lane of a store is one channel's,
/// so all share one rescale.
protocol Int8DepthwiseLane: DepthwiseLane where Scalar == Float {
  /// The same lanes as `Int32`.
  associatedtype Integers: SIMD where Integers.Scalar == Int32
  /// A channel's rescale as `storeRequantized` takes it, prepared once per channel.
  associatedtype Requantizer
  /// Whether stores keep the float sums for `finish` to requantize 16 at a time
  /// rather than requantizing each vector (`Int8DepthwiseEpilogue`).
  static var defersRequantization: Bool { get }
  /// The lanes as integers. Precondition: each is an integer of magnitude < 2^22.
  var exactIntegers: Integers { get }
  static func requantizer(_ rescale: Rescale) -> Requantizer
  /// Writes `scalarCount` bytes at `destination`: `stage.finish` of each lane of
  /// `sums` with the rescale of `requantizer`, bit for bit as the scalar form.
  static func storeRequantized(
    _ sums: Integers, _ stage: Int8OutputStage, _ requantizer: Requantizer, at destination: UnsafeMutableRawPointer)
}

/// Eight lanes, in every build: the per-lane vector requantization with the
/// channel's multiplier and shift in every lane, where requantizing is not deferred.
extension SIMD8: Int8DepthwiseLane where Scalar == Float {
  /// On 64-bit targets, where `finish` requantizes 16 at a time (`UniformRescale`): in
  /// `SLIM_AVX512` builds the layers that take 8 lanes have rows narrower than 16
  /// (`prefersWideInt8Lanes`), and in other builds, which take 8 lanes for every
  /// layer, each store would otherwise requantize in the per-lane form. Not on the
  /// 32-bit cores, whose scratch would grow by a whole plane of floats for no vector
  /// unit to use.
  static var defersRequantization: Bool {
    #if _pointerBitWidth(_32)
      return false
    #else
      return true
    #endif
  }
  @inline(__always)
  static func requantizer(_ rescale: Rescale) -> (multiplier: SIMD8<Int32>, shift: SIMD8<Int32>) {
    (SIMD8<Int32>(repeating: rescale.multiplier), SIMD8<Int32>(repeating: rescale.shift))
  }
  @inline(__always)
  static func storeRequantized(
    _ sums: SIMD8<Int32>, _ stage: Int8OutputStage, _ requantizer: (multiplier: SIMD8<Int32>, shift: SIMD8<Int32>),
    at destination: UnsafeMutableRawPointer
  ) {
    let values = stage.finish(sums, multiplier: requantizer.multiplier, shift: requantizer.shift)
    destination.storeBytes(of: values, as: SIMD8<Int8>.self)
  }
}

/// Sixteen lanes: on 64-bit targets `UniformRescale`, which does about half the
/// per-lane work of the per-lane form; elsewhere as two 8-lane halves.
extension SIMD16: Int8DepthwiseLane where Scalar == Float {
  /// Rows of 16 or more take 16 lanes, whose stores requantize whole vectors already.
  static var defersRequantization: Bool { false }
  #if !_pointerBitWidth(_32)
    @inline(__always)
    static func requantizer(_ rescale: Rescale) -> UniformRescale { UniformRescale(rescale) }
    @inline(__always)
    static func storeRequantized(
      _ sums: SIMD16<Int32>, _ stage: Int8OutputStage, _ requantizer: UniformRescale,
      at destination: UnsafeMutableRawPointer
    ) {
      destination.storeBytes(of: stage.finish(sums, requantizer), as: SIMD16<Int8>.self)
    }
  #else
    @inline(__always)
    static func requantizer(_ rescale: Rescale) -> SIMD8<Float>.Requantizer { SIMD8<Float>.requantizer(rescale) }
    @inline(__always)
    static func storeRequantized(
      _ sums: SIMD16<Int32>, _ stage: Int8OutputStage, _ requantizer: SIMD8<Float>.Requantizer,
      at destination: UnsafeMutableRawPointer
    ) {
      SIMD8<Float>.storeRequantized(sums.lowHalf, stage, requantizer, at: destination)
      SIMD8<Float>.storeRequantized(sums.highHalf, stage, requantizer, at: destination + 8)
    }
  #endif
}
