// Times the fp32 3x3 kernels alone on VGG- and PreResNet-shaped layers: Winograd
// F(4x4, 3x3) against the direct blocked kernel (whichever the session would pick),
// each with its padded input copy, and prints Winograd's error against the plain
// reference kernel (max |a − r| / max |r|). Compiled
// together with the runtime's sources (it reaches internal types), outside the package:
//
//   swiftc -O -target-cpu native -D SLIM_FMA -wmo -parse-as-library -module-name SlimRuntime \
//     $(find Sources/SlimRuntime -name '*.swift') Tools/bench/winograd.swift -o /tmp/winograd
//   /tmp/winograd
import Glibc

func seconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Best of 5 rounds of `repeats` calls, in ms.
func time(repeats: Int, _ body: () -> Void) -> Double {
  var best = Double.infinity
  for _ in 0..<5 {
    let t = seconds()
    for _ in 0..<repeats { body() }
    best = min(best, (seconds() - t) / Double(repeats))
  }
  return best * 1e3
}

/// `x` with `digits` decimals, right-aligned in `width` characters.
func fixed(_ x: Double, _ digits: Int, width: Int) -> String {
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let n = Int((x * scale).rounded())
  var text = String(n / Int(scale))
  if digits > 0 {
    let fraction = String(abs(n) % Int(scale))
    text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
  }
  return String(repeating: " ", count: max(0, width - text.count)) + text
}

/// `x` as m.me-E.
func scientific(_ x: Double) -> String {
  guard x > 0 else { return "0" }
  var exponent = 0, m = x
  while m < 1 { m *= 10; exponent -= 1 }
  while m >= 10 { m /= 10; exponent += 1 }
  return fixed(m, 1, width: 0) + "e" + String(exponent)
}

@main struct WinogradBench {
  static func main() {
    // (in, out, plane): VGG-16 at 32x32, PreResNet-164's 3x3 layers, and narrower ones.
    let layers = [
      (64, 64, 32), (64, 128, 16), (128, 128, 16), (128, 256, 8), (256, 256, 8), (256, 512, 4), (512, 512, 4),
      (16, 16, 32), (32, 32, 16), (64, 64, 8), (8, 16, 32), (16, 32, 16), (19, 19, 32), (38, 38, 16), (77, 77, 8),
    ]
    print("layer                direct ms  winograd ms  speed-up  GFLOP/s(direct)  rel. error")
    for (ci, co, hw) in layers {
      let g = Conv2D.Geometry(
        inChannels: ci, inHeight: hw, inWidth: hw, outChannels: co, outHeight: hw, outWidth: hw, kernelHeight: 3,
        kernelWidth: 3, strideH: 1, strideW: 1, padTop: 1, padLeft: 1, dilationH: 1, dilationW: 1, groups: 1)
      var seed: UInt32 = 12345
      func random() -> Float {
        seed = seed &* 1_664_525 &+ 1_013_904_223
        return Float(seed >> 8) / Float(1 << 24) - 0.5
      }
      let x = (0..<ci * hw * hw).map { _ in random() }
      let w = (0..<co * ci * 9).map { _ in random() }
      let b = (0..<co).map { _ in random() }
      var reference = [Float](repeating: 0, count: co * hw * hw), direct = reference, fast = reference
      var packed = [Float](repeating: 0, count: BlockedConv2D.packedCount(g))
      var transformed = [Float](repeating: 0, count: WinogradConv2D.transformedCount(g))
      var padded = [Float](repeating: 0, count: max(BlockedConv2D.paddedCount(g), WinogradConv2D.paddedCount(g)))
      var scratch = [Float](repeating: 0, count: WinogradConv2D.scratchCount(g))
      var shared = [Float](repeating: 0, count: max(1, WinogradConv2D.sharedInputCount(g, parts: 1)))
      var times = (direct: 0.0, winograd: 0.0)
      x.withUnsafeBufferPointer { xp in
        w.withUnsafeBufferPointer { wp in
          b.withUnsafeBufferPointer { bp in
            Conv2D.run(
              g, input: xp.baseAddress!, weight: wp.baseAddress!, bias: bp.baseAddress!,
              output: &reference, activation: .relu)
            BlockedConv2D.pack(g, weight: wp.baseAddress!, into: &packed)
            WinogradConv2D.transform(g, weight: wp.baseAddress!, into: &transformed)
            packed.withUnsafeBufferPointer { pp in
              transformed.withUnsafeBufferPointer { tp in
                padded.withUnsafeMutableBufferPointer { padp in
                  scratch.withUnsafeMutableBufferPointer { sp in
                    direct.withUnsafeMutableBufferPointer { dp in
                      let conv = BlockedConv2D(
                        geometry: g, input: xp.baseAddress!, padded: padp.baseAddress!, weights: pp.baseAddress!,
                        bias: bp.baseAddress!, output: dp.baseAddress!, activation: .relu)
                      let kernel = BlockedConv2D.preferredKernel(g)
                      times.direct = time(repeats: 10) {
                        conv.preparePaddedInput()
                        conv.run(kernel, items: 0..<conv.itemCount(kernel), rows: 0..<hw)
                      }
                    }
                    fast.withUnsafeMutableBufferPointer { fp in
                      shared.withUnsafeMutableBufferPointer { shp in
                        let conv = WinogradConv2D(
                          geometry: g, input: xp.baseAddress!, padded: padp.baseAddress!, weights: tp.baseAddress!,
                          bias: bp.baseAddress!, output: fp.baseAddress!, activation: .relu, scratch: sp.baseAddress!,
                          sharedInput: shp.baseAddress!)
                        // As a one-part session runs it (`ExecutionStep`).
                        times.winograd = time(repeats: 10) {
                          conv.preparePaddedInput()
                          if conv.sharesTransformedInput(parts: 1) {
                            conv.transformInput(groups: 0..<conv.groupCount)
                            conv.runTransformed(blocks: 0..<conv.blockCount, part: 0)
                          } else {
                            conv.run(blocks: 0..<conv.blockCount, groups: 0..<conv.groupCount, part: 0)
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      let scale = reference.map { abs($0) }.max()!
      let error = zip(fast, reference).map { abs($0 - $1) }.max()! / scale
      let directError = zip(direct, reference).map { abs($0 - $1) }.max()! / scale
      let flops = 2.0 * Double(ci * co * hw * hw * 9)
      let name = "\(ci)->\(co) @\(hw)x\(hw)"
      print(
        name + String(repeating: " ", count: max(0, 20 - name.count)), fixed(times.direct, 3, width: 9),
        fixed(times.winograd, 3, width: 12), fixed(times.direct / times.winograd, 2, width: 9) + "x",
        fixed(flops / times.direct / 1e6, 1, width: 16), " " + scientific(Double(error)),
        "(direct " + scientific(Double(directError)) + ")")
    }
  }
}
