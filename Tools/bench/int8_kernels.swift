// Times the int8 convolution kernels alone on MobileNetV2- and VGG-shaped layers:
// the general blocked kernel against the pointwise one (1x1 layers), each with its
// input copy, and checks that both give the same bytes. Compiled together with the
// runtime's sources (it reaches internal types), outside the package:
//
//   swiftc -O -target-cpu native -D SLIM_FMA -wmo -parse-as-library -module-name SlimRuntime \
//     $(find Sources/SlimRuntime -name '*.swift') Tools/bench/int8_kernels.swift -o /tmp/int8-kernels
//   /tmp/int8-kernels
import Glibc

func seconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

@main struct Int8KernelBench {
  static func main() {
    let layers = [
      (16, 96, 112, 1), (96, 24, 56, 1), (144, 24, 56, 1), (192, 32, 28, 1), (384, 64, 14, 1), (320, 1280, 7, 1),
      (64, 64, 32, 3), (128, 128, 16, 3), (256, 256, 8, 3),
    ]
    for (ci, co, hw, k) in layers {
      let g = Conv2D.Geometry(
        inChannels: ci, inHeight: hw, inWidth: hw, outChannels: co, outHeight: hw, outWidth: hw, kernelHeight: k,
        kernelWidth: k, strideH: 1, strideW: 1, padTop: k / 2, padLeft: k / 2, dilationH: 1, dilationW: 1, groups: 1)
      let x = (0..<ci * hw * hw).map { Int8(truncatingIfNeeded: $0 &* 7) }
      let w = (0..<co * ci * k * k).map { Int8(truncatingIfNeeded: $0 &* 13) }
      let b = [Int32](repeating: 1, count: co), m = [Int32](repeating: 1 << 30, count: co)
      let s = [Int32](repeating: -8, count: co)
      var general = [Int8](repeating: 0, count: co * hw * hw), pointwise = general
      var packed = [Int8](repeating: 0, count: BlockedConv2DInt8.packedCount(g))
      var scratch = [Int32](repeating: 0, count: BlockedConv2DInt8.scratchCount(g))
      let stage = Int8OutputStage(inputZeroPoint: 1, outputZeroPoint: 0, outputMin: -128, outputMax: 127)
      var best = (general: Double.infinity, pointwise: Double.infinity)
      x.withUnsafeBytes { xp in
        w.withUnsafeBytes { wp in
          b.withUnsafeBytes { bp in
            m.withUnsafeBytes { mp in
              s.withUnsafeBytes { sp in
                packed.withUnsafeMutableBufferPointer { pp in
                  scratch.withUnsafeMutableBufferPointer { scp in
                    BlockedConv2DInt8.pack(g, weight: wp.baseAddress!, into: pp.baseAddress!)
                    func conv(_ output: UnsafeMutableRawPointer) -> BlockedConv2DInt8 {
                      BlockedConv2DInt8(
                        geometry: g, stage: stage, input: xp.baseAddress!, scratch: scp.baseAddress!,
                        weights: pp.baseAddress!, bias: bp.baseAddress!, multiplier: mp.baseAddress!,
                        shift: sp.baseAddress!, output: output)
                    }
                    general.withUnsafeMutableBytes { gp in
                      pointwise.withUnsafeMutableBytes { op in
                        let a = conv(gp.baseAddress!), c = conv(op.baseAddress!)
                        for _ in 0..<5 {
                          var t = seconds()
                          for _ in 0..<5 {
                            a.prepareInput()
                            a.run(blocks: 0..<a.blockCount, rows: 0..<hw)
                          }
                          best.general = min(best.general, (seconds() - t) / 5)
                          guard BlockedConv2DInt8.prefersPointwise(g) else { continue }
                          t = seconds()
                          for _ in 0..<5 {
                            c.prepareInput()
                            c.runPointwise(items: 0..<c.pointItemCount, rows: 0..<hw)
                          }
                          best.pointwise = min(best.pointwise, (seconds() - t) / 5)
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
      let ops = 2.0 * Double(ci * co * hw * hw * k * k)
      var line = "\(ci)->\(co) \(k)x\(k) at \(hw)x\(hw): general \(best.general * 1e3) ms "
      line += "(\(ops / best.general / 1e9) GOP/s)"
      if best.pointwise.isFinite {
        line += ", pointwise \(best.pointwise * 1e3) ms (\(ops / best.pointwise / 1e9) GOP/s), same bytes: "
        line += "\(general == pointwise)"
      }
      print(line)
    }
  }
}
