// Times the depthwise kernels alone on MobileNetV2's 3x3 depthwise layers, float32
// and int8, each in 8 and in 16 lanes (the widths sessions choose between by
// `prefersWideLanes`), and int8 in byte dot products (`ByteDotDepthwiseConv2D`):
// band copy, taps and store (requantization for int8) included, one thread, hot
// caches, best of 3 × 5 rounds of 20 calls, the two widths alternated (the byte-dot
// kernel alternated with the 16-lane one). Prints µs per layer and whether all
// kernels gave the same bytes (int8) or results within 1e-5 relative (float, whose
// fused multiply-adds round alike in both). Compiled with the runtime's sources (it
// reaches internal types), outside the package; the byte-dot column means something
// only with `vpdpbusd` (`-D SLIM_VNNI`, which needs the Builtin module):
//
//   swiftc -O -target-cpu native -D SLIM_FMA -D SLIM_AVX512 -D SLIM_VNNI \
//     -enable-experimental-feature BuiltinModule -wmo -parse-as-library -module-name SlimRuntime \
//     $(find Sources/SlimRuntime -name '*.swift') Tools/bench/depthwise.swift -o /tmp/depthwise
//   /tmp/depthwise
import Glibc

func seconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Best of 5 rounds of 20 calls, in µs per call.
func time(_ body: () -> Void) -> Double {
  var best = Double.infinity
  for _ in 0..<5 {
    let t = seconds()
    for _ in 0..<20 { body() }
    best = min(best, (seconds() - t) / 20)
  }
  return best * 1e6
}

/// Best times of `narrow` and `wide`, alternated 3 times.
func compare(_ narrow: () -> Void, _ wide: () -> Void) -> (Double, Double) {
  var times = (Double.infinity, Double.infinity)
  for _ in 0..<3 {
    times.0 = min(times.0, time(narrow))
    times.1 = min(times.1, time(wide))
  }
  return times
}

@main struct DepthwiseBench {
  static func main() {
    // (channels, input plane, stride)
    let layers = [
      (32, 112, 1), (96, 112, 2), (144, 56, 1), (144, 56, 2), (192, 28, 1), (192, 28, 2), (384, 14, 1),
      (576, 14, 1), (576, 14, 2), (960, 7, 1),
    ]
    print("layer                 float 8   float 16   int8 8   int8 16  int8 dot  (µs; all agree)")
    for (c, plane, stride) in layers {
      let out = (plane - 1) / stride + 1
      let g = Conv2D.Geometry(
        inChannels: c, inHeight: plane, inWidth: plane, outChannels: c, outHeight: out, outWidth: out,
        kernelHeight: 3, kernelWidth: 3, strideH: stride, strideW: stride, padTop: 1, padLeft: 1, dilationH: 1,
        dilationW: 1, groups: c)
      let count = c * out * out
      let x = (0..<c * plane * plane).map { Float(($0 &* 7) % 13) / 13 - 0.5 }
      let w = (0..<c * 9).map { Float(($0 &* 5) % 11) / 11 - 0.5 }
      let bias = (0..<c).map { Float($0 % 3) / 3 }
      let x8 = (0..<c * plane * plane).map { Int8(truncatingIfNeeded: $0 &* 7) }
      let w8 = (0..<c * 9).map { Int8(truncatingIfNeeded: $0 &* 13) }
      let b8 = [Int32](repeating: 1, count: c), m8 = [Int32](repeating: 1 << 30, count: c)
      let s8 = [Int32](repeating: -8, count: c)
      let stage = Int8OutputStage(inputZeroPoint: 1, outputZeroPoint: 0, outputMin: -128, outputMax: 127)
      var floatOut = ([Float](repeating: 0, count: count), [Float](repeating: 0, count: count))
      var int8Out = (
        [Int8](repeating: 0, count: count), [Int8](repeating: 0, count: count), [Int8](repeating: 0, count: count)
      )
      var floatScratch = [Float](repeating: 0, count: WideFloatDepthwiseConv2D.scratchCount(g))
      var int8Scratch = [Float](
        repeating: 0,
        count: max(WideInt8DepthwiseConv2D.scratchCount(g), NarrowInt8DepthwiseConv2D.scratchCount(g)))
      let all = (channels: 0..<c, rows: 0..<out)
      var line = "dw \(c)@\(plane)x\(plane) s\(stride)"
      line += String(repeating: " ", count: max(1, 22 - line.count))
      var agree = true
      x.withUnsafeBufferPointer { xp in
        w.withUnsafeBufferPointer { wp in
          bias.withUnsafeBufferPointer { bp in
            floatScratch.withUnsafeMutableBufferPointer { scratch in
              floatOut.0.withUnsafeMutableBufferPointer { narrowOut in
                floatOut.1.withUnsafeMutableBufferPointer { wideOut in
                  func epilogue<Lane>(_ o: UnsafeMutableBufferPointer<Float>) -> FloatDepthwiseEpilogue<Lane> {
                    FloatDepthwiseEpilogue(
                      biases: bp.baseAddress!, output: o.baseAddress!, outPlane: out * out, activation: .relu6)
                  }
                  let narrow = NarrowFloatDepthwiseConv2D(
                    geometry: g, input: xp.baseAddress!, scratch: scratch.baseAddress!, weights: wp.baseAddress!,
                    epilogue: epilogue(narrowOut))
                  let wide = WideFloatDepthwiseConv2D(
                    geometry: g, input: xp.baseAddress!, scratch: scratch.baseAddress!, weights: wp.baseAddress!,
                    epilogue: epilogue(wideOut))
                  let (a, b) = compare(
                    { narrow.run(channels: all.channels, rows: all.rows, part: 0) },
                    { wide.run(channels: all.channels, rows: all.rows, part: 0) })
                  line += "\(Int(a))".padded(9) + "\(Int(b))".padded(11)
                }
              }
            }
          }
        }
      }
      let scale = floatOut.0.map(abs).max() ?? 1
      agree = agree && zip(floatOut.0, floatOut.1).allSatisfy { abs($0 - $1) <= 1e-5 * scale }
      x8.withUnsafeBytes { xp in
        w8.withUnsafeBytes { wp in
          b8.withUnsafeBytes { bp in
            m8.withUnsafeBytes { mp in
              s8.withUnsafeBytes { sp in
                int8Scratch.withUnsafeMutableBufferPointer { scratch in
                  int8Out.0.withUnsafeMutableBytes { narrowOut in
                    int8Out.1.withUnsafeMutableBytes { wideOut in
                      int8Out.2.withUnsafeMutableBytes { dotOut in
                        func epilogue<Lane>(_ o: UnsafeMutableRawBufferPointer) -> Int8DepthwiseEpilogue<Lane> {
                          Int8DepthwiseEpilogue(
                            stage: stage, biases: bp.baseAddress!, multiplier: mp.baseAddress!, shift: sp.baseAddress!,
                            output: o.baseAddress!, outPlane: out * out)
                        }
                        let narrow = NarrowInt8DepthwiseConv2D(
                          geometry: g, input: xp.baseAddress!, scratch: scratch.baseAddress!, weights: wp.baseAddress!,
                          epilogue: epilogue(narrowOut))
                        let wide = WideInt8DepthwiseConv2D(
                          geometry: g, input: xp.baseAddress!, scratch: scratch.baseAddress!, weights: wp.baseAddress!,
                          epilogue: epilogue(wideOut))
                        let (a, b) = compare(
                          { narrow.run(channels: all.channels, rows: all.rows, part: 0) },
                          { wide.run(channels: all.channels, rows: all.rows, part: 0) })
                        line += "\(Int(a))".padded(9) + "\(Int(b))".padded(10)
                        if ByteDotDepthwiseConv2D.isEligible(g) {
                          var dotScratch = [Float](repeating: 0, count: ByteDotDepthwiseConv2D.scratchCount(g))
                          var taps = [Int32](repeating: 0, count: ByteDotDepthwiseConv2D.tapsCount(g))
                          taps.withUnsafeMutableBufferPointer {
                            ByteQuads.prepareTaps(
                              weights: wp.baseAddress!, biases: bp.baseAddress!, channels: c, rowsPerChannel: 3,
                              inputZeroPoint: stage.inputZeroPoint, into: $0.baseAddress!)
                          }
                          dotScratch.withUnsafeMutableBufferPointer { dp in
                            taps.withUnsafeBufferPointer { tp in
                              let dot = ByteDotDepthwiseConv2D(
                                geometry: g, stage: stage, input: xp.baseAddress!, scratch: dp.baseAddress!,
                                taps: tp.baseAddress!, multiplier: mp.baseAddress!, shift: sp.baseAddress!,
                                output: dotOut.baseAddress!)
                              let (c, _) = compare(
                                { dot.run(channels: all.channels, rows: all.rows, part: 0) },
                                { wide.run(channels: all.channels, rows: all.rows, part: 0) })
                              line += "\(Int(c))".padded(9)
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
      }
      agree = agree && int8Out.0 == int8Out.1 && int8Out.0 == int8Out.2
      print(line, agree ? "   yes" : "   NO")
    }
  }
}

extension String {
  /// `self` right-aligned in `width` characters.
  func padded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
