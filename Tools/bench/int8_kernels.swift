// Times the int8 convolution kernels alone on MobileNetV2-, PreResNet- and VGG-shaped
// layers: the general blocked kernel with each packing (`pairs`, and `quads`, whose
// byte dot product is one `vpdpbusd` with SLIM_VNNI), the general kernel up to 32
// channels per call (`runWide`, quads), the pointwise kernel (1x1 layers, in
// `PointVector` lanes) and, where it applies, the stem kernel (`ByteDotStemConv2D`), each
// with its input copy, and checks that all give the same bytes. Compiled together with the runtime's sources (it reaches internal types),
// outside the package (`-D SLIM_AVX512` on an AVX-512 CPU, as the native build does):
//
//   swiftc -O -target-cpu native -D SLIM_FMA -D SLIM_AVX512 -D SLIM_VNNI -enable-experimental-feature BuiltinModule \
//     -wmo -parse-as-library -module-name SlimRuntime \
//     $(find Sources/SlimRuntime -name '*.swift') Tools/bench/int8_kernels.swift -o /tmp/int8-kernels
//   /tmp/int8-kernels
//
// (Leave out `-D SLIM_VNNI -enable-experimental-feature BuiltinModule` on a CPU without
// AVX-512 VNNI: `quads` then time the emulated dot product.)
import Glibc

func seconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

@main struct Int8KernelBench {
  static func main() {
    // (in, out, output plane, kernel, stride); MobileNetV2's first layer is the one of stride 2.
    let layers = [
      (16, 96, 112, 1, 1), (96, 24, 56, 1, 1), (144, 24, 56, 1, 1), (192, 32, 28, 1, 1), (384, 64, 14, 1, 1),
      (320, 1280, 7, 1, 1), (64, 16, 32, 1, 1), (16, 64, 32, 1, 1), (256, 64, 8, 1, 1), (64, 256, 8, 1, 1),
      (16, 16, 32, 3, 1), (64, 64, 8, 3, 1), (64, 64, 32, 3, 1), (128, 128, 16, 3, 1), (256, 256, 8, 3, 1),
      (512, 512, 4, 3, 1), (512, 512, 2, 3, 1), (3, 32, 112, 3, 2),
    ]
    for (ci, co, hw, k, stride) in layers {
      let inPlane = hw * stride
      let g = Conv2D.Geometry(
        inChannels: ci, inHeight: inPlane, inWidth: inPlane, outChannels: co, outHeight: hw, outWidth: hw,
        kernelHeight: k, kernelWidth: k, strideH: stride, strideW: stride, padTop: k / 2, padLeft: k / 2, dilationH: 1,
        dilationW: 1, groups: 1)
      let x = (0..<ci * inPlane * inPlane).map { Int8(truncatingIfNeeded: $0 &* 7) }
      let w = (0..<co * ci * k * k).map { Int8(truncatingIfNeeded: $0 &* 13) }
      let b = [Int32](repeating: 1, count: co), m = [Int32](repeating: 1 << 30, count: co)
      let s = [Int32](repeating: -8, count: co)
      let stage = Int8OutputStage(inputZeroPoint: 1, outputZeroPoint: 0, outputMin: -128, outputMax: 127)
      var outputs: [[Int8]] = []
      var line = "\(ci)->\(co) \(k)x\(k)\(stride > 1 ? " s\(stride)" : "") at \(hw)x\(hw):"
      let ops = 2.0 * Double(ci * co * hw * hw * k * k)
      for (packing, pointwise, wide) in [
        (BlockedConv2DInt8.Packing.pairs, false, false), (.quads, false, false), (.quads, false, true),
        (.pairs, true, false), (.quads, true, false),
      ] {
        guard !pointwise || BlockedConv2DInt8.prefersPointwise(g) else { continue }
        var output = [Int8](repeating: 0, count: co * hw * hw)
        var packed = [Int8](repeating: 0, count: BlockedConv2DInt8.packedCount(g, packing))
        var scratch = [Int32](repeating: 0, count: BlockedConv2DInt8.scratchCount(g, packing))
        var bias = b
        if packing == .quads {
          w.withUnsafeBytes { wp in
            bias.withUnsafeMutableBufferPointer {
              BlockedConv2DInt8.weightSums(g, weight: wp.baseAddress!, into: $0.baseAddress!)
            }
          }
          let sums = bias
          b.withUnsafeBytes { bp in
            sums.withUnsafeBytes { sp in
              bias.withUnsafeMutableBufferPointer {
                BlockedConv2DInt8.correctedBias(
                  g, bias: bp.baseAddress!, weightSums: sp.baseAddress!, inputZeroPoint: stage.inputZeroPoint,
                  into: $0.baseAddress!)
              }
            }
          }
        }
        var best = Double.infinity
        x.withUnsafeBytes { xp in
          w.withUnsafeBytes { wp in
            bias.withUnsafeBytes { bp in
              m.withUnsafeBytes { mp in
                s.withUnsafeBytes { sp in
                  packed.withUnsafeMutableBufferPointer { pp in
                    scratch.withUnsafeMutableBufferPointer { scp in
                      output.withUnsafeMutableBytes { op in
                        BlockedConv2DInt8.pack(g, packing, weight: wp.baseAddress!, into: pp.baseAddress!)
                        let conv = BlockedConv2DInt8(
                          geometry: g, packing: packing, stage: stage, input: xp.baseAddress!,
                          scratch: scp.baseAddress!, weights: pp.baseAddress!, bias: bp.baseAddress!,
                          multiplier: mp.baseAddress!, shift: sp.baseAddress!, output: op.baseAddress!)
                        for _ in 0..<7 {
                          let t = seconds()
                          for _ in 0..<5 {
                            conv.prepareInput()
                            if pointwise {
                              conv.runPointwise(items: 0..<conv.pointItemCount, rows: 0..<hw)
                            } else if wide {
                              conv.runWide(items: 0..<conv.wideItemCount, rows: 0..<hw)
                            } else {
                              conv.run(blocks: 0..<conv.blockCount, rows: 0..<hw)
                            }
                          }
                          best = min(best, (seconds() - t) / 5)
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        outputs.append(output)
        let name = "\(pointwise ? "pointwise" : wide ? "general 16-lane" : "general") \(packing)"
        line += " \(name) \(best * 1e3) ms (\(ops / best / 1e9) GOP/s);"
      }
      if ByteDotStemConv2D.isEligible(g) {
        var output = [Int8](repeating: 0, count: co * hw * hw)
        var scratch = [Float](repeating: 0, count: ByteDotStemConv2D.scratchCount(g))
        var taps = [Int32](repeating: 0, count: ByteDotStemConv2D.tapsCount(g))
        w.withUnsafeBytes { wp in
          b.withUnsafeBytes { bp in
            taps.withUnsafeMutableBufferPointer {
              ByteQuads.prepareTaps(
                weights: wp.baseAddress!, biases: bp.baseAddress!, channels: co,
                rowsPerChannel: ByteDotStemConv2D.quadRows(g), inputZeroPoint: stage.inputZeroPoint,
                into: $0.baseAddress!)
            }
          }
        }
        var best = Double.infinity
        x.withUnsafeBytes { xp in
          w.withUnsafeBytes { wp in
            b.withUnsafeBytes { bp in
              m.withUnsafeBytes { mp in
                s.withUnsafeBytes { sp in
                  scratch.withUnsafeMutableBufferPointer { scp in
                    output.withUnsafeMutableBytes { op in
                      taps.withUnsafeBufferPointer { tp in
                        let conv = ByteDotStemConv2D(
                          geometry: g, stage: stage, input: xp.baseAddress!, scratch: scp.baseAddress!,
                          taps: tp.baseAddress!, multiplier: mp.baseAddress!, shift: sp.baseAddress!,
                          output: op.baseAddress!)
                        for _ in 0..<7 {
                          let t = seconds()
                          for _ in 0..<5 { conv.run(channels: 0..<co, rows: 0..<hw, part: 0) }
                          best = min(best, (seconds() - t) / 5)
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        outputs.append(output)
        line += " stem byte-dot \(best * 1e3) ms (\(ops / best / 1e9) GOP/s);"
      }
      print(line + " same bytes: \(outputs.allSatisfy { $0 == outputs[0] })")
    }
  }
}
