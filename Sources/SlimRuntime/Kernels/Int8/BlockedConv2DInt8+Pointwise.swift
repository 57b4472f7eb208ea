extension BlockedConv2DInt8 {
  /// Output channels per work item of the pointwise kernel (two items per layout block).
  static let pointChannels = 4
  /// Vectors of adjacent output pixels per micro-kernel call of the pointwise kernel.
  static let pointVectors = 3
  /// Output pixels per micro-kernel call of the pointwise kernel.
  static var pointSpan: Int { pointVectors * Vector.scalarCount }

  /// Whether the pointwise kernel runs `g`: 1x1, stride 1, no padding, so each input
  /// channel's plane is one contiguous row of `outH·outW` pixels, at least one
  /// micro-kernel call long.
  ///
  /// It computes pixels in vector lanes and channels in registers, the float
  /// pointwise kernel's shape, so each channel's sums come out as adjacent pixels of
  /// its output plane and are requantized and stored as vectors; the general kernel
  /// (channels in lanes) has to transpose every sum through a stack buffer first.
  /// Input channels are taken two at a time, as 16-bit pairs (`PairedInput`), so
  /// each multiply instruction does two multiply-adds per lane (`pairwiseDot`).
  static func prefersPointwise(_ g: Conv2D.Geometry) -> Bool {
    g.isPointwise && g.outHeight == g.inHeight && g.outWidth == g.inWidth && g.outHeight * g.outWidth >= pointSpan
  }

  /// Work items of `runPointwise(items:rows:)`.
  var pointItemCount: Int { blockCount * (Self.lanes / Self.pointChannels) }

  /// The pointwise kernel: `pointChannels` output channels × `pointSpan` adjacent
  /// pixels of the flattened plane per micro-kernel call, from the same packed
  /// weights as `run(blocks:rows:)` and the paired scratch copy (`prepareInput`).
  /// Computes output rows `rows` of the items' channels; the range's last call starts
  /// `pointSpan` pixels before its end, recomputing (and rewriting with the same
  /// values) a few pixels rather than running a tail. Disjoint item or row ranges
  /// write disjoint outputs, so threads may run them concurrently. Preconditions:
  /// `prefersPointwise(geometry)`, `prepareInput` has run, and `rows` holds at least
  /// `pointSpan` pixels. Cost: O(|items|·pointChannels·inPerGroup·|rows|·outW).
  func runPointwise(items: Range<Int>, rows: Range<Int>) {
    let g = geometry
    let outPerGroup = g.outChannels / g.groups
    let pairs = PairedInput.pairsPerGroup(g)
    let blocksPerGroup = Self.blocksPerGroup(g)
    let itemsPerBlock = Self.lanes / Self.pointChannels
    let plane = g.outHeight * g.outWidth
    let span = Self.pointSpan
    let end = rows.upperBound * g.outWidth
    for item in items {
      let block = item / itemsPerBlock, group = block / blocksPerGroup
      let firstChannel =
        group * outPerGroup + (block % blocksPerGroup) * Self.lanes
        + (item % itemsPerBlock) * Self.pointChannels
      let channels = min(Self.pointChannels, (group + 1) * outPerGroup - firstChannel)
      guard channels > 0 else { continue }
      var starts = SIMD4<Int32>()
      for lane in 0..<channels { starts[lane] = bias.load(fromByteOffset: (firstChannel + lane) * 4, as: Int32.self) }
      // The block's weights are `[pair][lanes][2]`; the item has `pointChannels` of the lanes.
      let weights = self.weights + block * pairs * Self.lanes * 2 + (item % itemsPerBlock) * Self.pointChannels * 2
      let groupInput = UnsafePointer(scratch) + group * pairs * plane
      var pixel = rows.lowerBound * g.outWidth
      while pixel < end {
        let start = min(pixel, end - span)
        let sums = Self.pointMicroKernel(
          weights: weights, input: groupInput + start, pairs: pairs, plane: plane, starts: starts)
        let out = output + firstChannel * plane + start
        storePoint(sums.0, at: out, channel: firstChannel, lane: 0, of: channels, plane: plane)
        storePoint(sums.1, at: out, channel: firstChannel, lane: 1, of: channels, plane: plane)
        storePoint(sums.2, at: out, channel: firstChannel, lane: 2, of: channels, plane: plane)
        storePoint(sums.3, at: out, channel: firstChannel, lane: 3, of: channels, plane: plane)
        pixel = start + span
      }
    }
  }

  /// One channel's `pointVectors` vectors of sums.
  typealias PointSums = (Vector, Vector, Vector)

  /// 4 channels × `pointSpan` pixels, summed over the paired input channels from the
  /// biases `starts`. `weights`: the item's 4 lanes of the packed `[pair][lanes][2]`
  /// int8 weights; `input`: `[pair][pixel]` pairs.
  @inline(__always)
  private static func pointMicroKernel(
    weights: UnsafePointer<Int8>, input: UnsafePointer<Int32>, pairs: Int, plane: Int, starts: SIMD4<Int32>
  ) -> (PointSums, PointSums, PointSums, PointSums) {
    let width = Vector.scalarCount
    var a00 = Vector(repeating: starts[0]), a01 = a00, a02 = a00
    var a10 = Vector(repeating: starts[1]), a11 = a10, a12 = a10
    var a20 = Vector(repeating: starts[2]), a21 = a20, a22 = a20
    var a30 = Vector(repeating: starts[3]), a31 = a30, a32 = a30
    var x = UnsafeRawPointer(input)
    var w = UnsafeRawPointer(weights)
    let rowBytes = plane * MemoryLayout<Int32>.size
    for _ in 0..<pairs {
      let x0 = x.loadUnaligned(as: Vector.self).halves
      let x1 = x.loadUnaligned(fromByteOffset: width * 4, as: Vector.self).halves
      let x2 = x.loadUnaligned(fromByteOffset: 2 * width * 4, as: Vector.self).halves
      // The 4 channels' weight pairs, widened to 16 bits: one pair per 32-bit lane.
      let pairWeights = w.loadUnaligned(as: SIMD8<Int8>.self).widenedPairs
      let w0 = Vector(repeating: pairWeights[0]).halves, w1 = Vector(repeating: pairWeights[1]).halves
      let w2 = Vector(repeating: pairWeights[2]).halves, w3 = Vector(repeating: pairWeights[3]).halves
      a00 &+= pairwiseDot(x0, w0)
      a01 &+= pairwiseDot(x1, w0)
      a02 &+= pairwiseDot(x2, w0)
      a10 &+= pairwiseDot(x0, w1)
      a11 &+= pairwiseDot(x1, w1)
      a12 &+= pairwiseDot(x2, w1)
      a20 &+= pairwiseDot(x0, w2)
      a21 &+= pairwiseDot(x1, w2)
      a22 &+= pairwiseDot(x2, w2)
      a30 &+= pairwiseDot(x0, w3)
      a31 &+= pairwiseDot(x1, w3)
      a32 &+= pairwiseDot(x2, w3)
      x += rowBytes
      w += 2 * lanes
    }
    return ((a00, a01, a02), (a10, a11, a12), (a20, a21, a22), (a30, a31, a32))
  }

  /// Requantizes channel `firstChannel + lane`'s sums and stores them at
  /// `out + lane·plane`, when the item has that channel. Transparent: `@inline(__always)`
  /// left it as an out-of-line call, 18% of MobileNetV2's int8 run.
  @_transparent
  private func storePoint(
    _ sums: PointSums, at out: UnsafeMutableRawPointer, channel firstChannel: Int, lane: Int, of channels: Int,
    plane: Int
  ) {
    guard lane < channels else { return }
    let channel = firstChannel + lane
    let m = Vector(repeating: multiplier.load(fromByteOffset: channel * 4, as: Int32.self))
    let s = Vector(repeating: shift.load(fromByteOffset: channel * 4, as: Int32.self))
    let destination = out + lane * plane
    let width = Vector.scalarCount
    destination.storeBytes(of: stage.finish(sums.0, multiplier: m, shift: s), as: SIMD8<Int8>.self)
    destination.storeBytes(of: stage.finish(sums.1, multiplier: m, shift: s), toByteOffset: width, as: SIMD8<Int8>.self)
    destination.storeBytes(
      of: stage.finish(sums.2, multiplier: m, shift: s), toByteOffset: 2 * width, as: SIMD8<Int8>.self)
  }
}
