/// Integer-only 2-D convolution: int8 input and per-output-channel symmetric int8
/// weights, int32 bias, int32 accumulation (wrapping, as the spec defines it),
/// per-channel requantization to int8.
///
/// Operands are raw pointers: the arena is bound to `Float` for the float kernels,
/// and raw loads read int8/int32 from it (and from `WGHT`) without rebinding.
enum Conv2DInt8 {
  /// Computes `output[oc, oh, ow] = stage.finish(bias[oc] + Σ (x − inputZeroPoint) · w)`.
  ///
  /// Preconditions: `input` holds `inChannels·inH·inW` int8, `weight`
  /// `outChannels·(inChannels/groups)·kH·kW` int8, `bias`, `multiplier` and `shift`
  /// `outChannels` int32 each (4-aligned), `output` `outChannels·outH·outW` int8 and
  /// overlaps none of them. Cost: O(outChannels·(inChannels/groups)·kH·kW·outH·outW).
  static func run(
    _ g: Conv2D.Geometry, stage: Int8OutputStage, input: UnsafeRawPointer, weight: UnsafeRawPointer,
    bias: UnsafeRawPointer, multiplier: UnsafeRawPointer, shift: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    let inPlane = g.inHeight * g.inWidth
    let inPerGroup = g.inChannels / g.groups
    let outPerGroup = g.outChannels / g.groups
    let taps = g.kernelHeight * g.kernelWidth
    var out = 0
    for oc in 0..<g.outChannels {
      let b = bias.load(fromByteOffset: oc * 4, as: Int32.self)
      let m = multiplier.load(fromByteOffset: oc * 4, as: Int32.self)
      let s = shift.load(fromByteOffset: oc * 4, as: Int32.self)
      let firstInput = (oc / outPerGroup) * inPerGroup
      let kernel = oc * inPerGroup * taps
      for oh in 0..<g.outHeight {
        let top = oh * g.strideH - g.padTop
        for ow in 0..<g.outWidth {
          let left = ow * g.strideW - g.padLeft
          var acc = b
          for icInGroup in 0..<inPerGroup {
            let plane = (firstInput + icInGroup) * inPlane
            let taps0 = kernel + icInGroup * taps
            for kh in 0..<g.kernelHeight {
              let ih = top + kh * g.dilationH
              if ih < 0 || ih >= g.inHeight { continue }
              for kw in 0..<g.kernelWidth {
                let iw = left + kw * g.dilationW
                if iw < 0 || iw >= g.inWidth { continue }
                let x = Int32(input.load(fromByteOffset: plane + ih * g.inWidth + iw, as: Int8.self))
                let w = Int32(weight.load(fromByteOffset: taps0 + kh * g.kernelWidth + kw, as: Int8.self))
                acc = acc &+ (x &- stage.inputZeroPoint) &* w
              }
            }
          }
          output.storeBytes(of: stage.finish(acc, multiplier: m, shift: s), toByteOffset: out, as: Int8.self)
          out += 1
        }
      }
    }
  }
}
