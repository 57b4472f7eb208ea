// Times the fp32 direct convolution kernels alone on VGG-16-, PreResNet-164- and
// MobileNetV2-shaped layers (3x3 stride 1 with padding 1, and 1x1): the one-block
// channel-vector kernel (`run`), the channel-pair kernel (`runPairs`), the row kernel
// (`runRows`, one and two pixel vectors per call) where it can run, and the pointwise kernel (`runPointwise`) on 1x1 layers;
// padded copy and ReLU included, one thread, hot caches (best of 5 rounds). Prints
// GFLOP/s per kernel and the largest error of each against the plain `Conv2D`
// (max |a − r| / max |r|). Compiled with the runtime's sources (it reaches internal
// types), outside the package:
//
//   swiftc -O -target-cpu native -D SLIM_FMA -D SLIM_AVX512 -D SLIM_PREFETCH \
//     -enable-experimental-feature BuiltinModule -wmo -parse-as-library -module-name SlimRuntime \
//     $(find Sources/SlimRuntime -name '*.swift') Tools/bench/direct_conv.swift \
//     -o /tmp/direct_conv
//   /tmp/direct_conv
//
// (`-D SLIM_PREFETCH` and the feature give the channel-pair kernel its prefetches, as
// the native build does.)
import Glibc

func seconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Best of 5 rounds of calls lasting about 20 ms each, in ms per call.
func time(_ body: () -> Void) -> Double {
  let start = seconds()
  body()
  let repeats = max(1, Int(0.02 / max(seconds() - start, 1e-6)))
  var best = Double.infinity
  for _ in 0..<5 {
    let t = seconds()
    for _ in 0..<repeats { body() }
    best = min(best, (seconds() - t) / Double(repeats))
  }
  return best * 1e3
}

/// `x` with one decimal, right-aligned in `width` characters.
func fixed(_ x: Double, width: Int) -> String {
  let n = Int((x * 10).rounded())
  let text = String(n / 10) + "." + String(abs(n) % 10)
  return String(repeating: " ", count: max(0, width - text.count)) + text
}

@main struct DirectConvBench {
  static func main() {
    // (in, out, input plane, kernel, stride)
    let layers =
      [(3, 32, 224, 3, 2), (64, 128, 16, 1, 2)]
      + [
        (64, 64, 32, 3), (128, 128, 16, 3), (256, 256, 8, 3), (512, 512, 4, 3), (512, 512, 2, 3),
        (16, 16, 32, 3), (32, 32, 16, 3), (64, 64, 8, 3),
        (64, 256, 8, 1), (256, 64, 8, 1), (16, 64, 32, 1), (64, 16, 32, 1), (32, 128, 16, 1), (128, 32, 16, 1),
        (32, 16, 112, 1), (16, 96, 112, 1), (96, 24, 112, 1), (16, 64, 64, 1), (32, 64, 32, 1),
        (96, 576, 14, 1), (576, 96, 14, 1), (160, 960, 7, 1), (960, 160, 7, 1), (960, 320, 7, 1), (320, 1280, 7, 1),
        (32, 192, 28, 1), (192, 32, 28, 1), (144, 32, 28, 1), (24, 144, 56, 1), (144, 24, 56, 1), (96, 24, 56, 1),
      ].map { ($0.0, $0.1, $0.2, $0.3, 1) }
    print("layer                 block    pairs     rows  rows×2   pointw.   (GFLOP/s; error of each)")
    for (ci, co, inPlane, k, stride) in layers {
      let hw = (inPlane + 2 * (k / 2) - k) / stride + 1
      let g = Conv2D.Geometry(
        inChannels: ci, inHeight: inPlane, inWidth: inPlane, outChannels: co, outHeight: hw, outWidth: hw,
        kernelHeight: k, kernelWidth: k, strideH: stride, strideW: stride, padTop: k / 2, padLeft: k / 2,
        dilationH: 1, dilationW: 1, groups: 1)
      var seed: UInt32 = 12345
      func random() -> Float {
        seed = seed &* 1_664_525 &+ 1_013_904_223
        return Float(seed >> 8) / Float(1 << 24) - 0.5
      }
      let x = (0..<ci * inPlane * inPlane).map { _ in random() }
      let w = (0..<co * ci * k * k).map { _ in random() }
      let b = (0..<co).map { _ in random() }
      var reference = [Float](repeating: 0, count: co * hw * hw)
      var packed = [Float](repeating: 0, count: BlockedConv2D.packedCount(g))
      var padded = [Float](repeating: 0, count: max(1, BlockedConv2D.paddedCount(g)))
      var results: [(ms: Double, error: Float)?] = []
      x.withUnsafeBufferPointer { xp in
        w.withUnsafeBufferPointer { wp in
          b.withUnsafeBufferPointer { bp in
            Conv2D.run(
              g, input: xp.baseAddress!, weight: wp.baseAddress!, bias: bp.baseAddress!, output: &reference,
              activation: .relu)
            let scale = reference.map { abs($0) }.max()!
            BlockedConv2D.pack(g, weight: wp.baseAddress!, into: &packed)
            packed.withUnsafeBufferPointer { pp in
              padded.withUnsafeMutableBufferPointer { padp in
                func measure(_ body: (BlockedConv2D) -> Void) -> (ms: Double, error: Float) {
                  var out = [Float](repeating: .nan, count: co * hw * hw)
                  let ms = out.withUnsafeMutableBufferPointer { op in
                    let conv = BlockedConv2D(
                      geometry: g, input: xp.baseAddress!,
                      padded: BlockedConv2D.paddedCount(g) > 0 ? padp.baseAddress! : nil, weights: pp.baseAddress!,
                      bias: bp.baseAddress!, output: op.baseAddress!, activation: .relu)
                    return time {
                      conv.preparePaddedInput()
                      body(conv)
                    }
                  }
                  return (ms, zip(out, reference).map { abs($0 - $1) }.max()! / scale)
                }
                results.append(measure { $0.run(blocks: 0..<$0.blockCount, rows: 0..<hw) })
                results.append(measure { $0.runPairs(items: 0..<$0.pairItemCount, rows: 0..<hw) })
                for pairs in [false, true] {
                  results.append(
                    BlockedConv2D.canRunRows(g)
                      ? measure { $0.runRows(items: 0..<$0.rowItemCount, rows: 0..<hw, pairs: pairs) } : nil)
                }
                results.append(
                  BlockedConv2D.prefersPointwise(g)
                    ? measure { $0.runPointwise(items: 0..<$0.pointItemCount, rows: 0..<hw) } : nil)
              }
            }
          }
        }
      }
      let flops = 2.0 * Double(ci * co * hw * hw * k * k)  // output plane
      let name = "\(ci)->\(co) \(k)x\(k)" + (stride > 1 ? "/\(stride)" : "") + " @\(hw)x\(hw)"
      var line = name + String(repeating: " ", count: max(0, 20 - name.count))
      var errors = "  "
      for result in results {
        if let result {
          line += fixed(flops / result.ms / 1e6, width: 9)
          errors += " " + (result.error < 1e-5 ? "ok" : "ERR \(result.error)")
        } else {
          line += "        -"
        }
      }
      print(line + errors)
    }
  }
}
