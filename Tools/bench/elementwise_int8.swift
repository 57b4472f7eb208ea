// Times the int8 element-wise kernels alone: on PreResNet-164's shapes `AddInt8.run`
// (16 lanes with `UniformRescale` on 64-bit targets) against `AddInt8.runScalar` (the
// firmware's path: tabulated input rescales), `AddInt8SingleRounding.run` (opcode 31,
// which `slim-pack` writes since format 1.7) against its `runScalar`, `ChannelAffineInt8.run` against
// the scalar output stage element by element, and `ScaleShiftInt8.run` (opcode 32, the same
// layers since format 1.7) alone; on MobileNetV2's input the 16-lane
// `QuantizeInt8.quantize` against the scalar one. Checks that each pair gives the
// same bytes. Compiled together with the runtime's sources (it reaches internal
// types), outside the package:
//
//   swiftc -O -target-cpu native -wmo -parse-as-library -module-name SlimRuntime \
//     $(find Sources/SlimRuntime -name '*.swift') Tools/bench/elementwise_int8.swift -o /tmp/elementwise-int8
//   /tmp/elementwise-int8
import Glibc

func seconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Best of 7 rounds of `repeats` calls, in µs.
func time(repeats: Int, _ body: () -> Void) -> Double {
  var best = Double.infinity
  for _ in 0..<7 {
    let t = seconds()
    for _ in 0..<repeats { body() }
    best = min(best, (seconds() - t) / Double(repeats))
  }
  return best * 1e6
}

/// `x` with 1 decimal, right-aligned in `width` characters.
func fixed(_ x: Double, width: Int) -> String {
  let text = String(Double(Int((x * 10).rounded())) / 10)
  return String(repeating: " ", count: max(0, width - text.count)) + text
}

@main struct ElementwiseInt8Bench {
  static func main() {
    print(
      "shape          add µs  add scalar µs  same   1-rounding add µs  scalar µs  same   affine µs  affine scalar µs  same"
        + "   scale-shift µs")
    for (c, hw) in [(64, 32), (128, 16), (256, 8)] {
      let n = c * hw * hw
      let a = (0..<n).map { Int8(truncatingIfNeeded: $0 &* 7 &+ 3) }
      let b = (0..<n).map { Int8(truncatingIfNeeded: $0 &* 13 &+ 1) }
      // Rescales of the kind the quantizer writes for a residual add (factors below 1).
      let p = AddInt8.Parameters(
        aZeroPoint: 3, bZeroPoint: -5, outputZeroPoint: 2, a: Rescale(multiplier: 1_500_000_000, shift: -1),
        b: Rescale(multiplier: 1_200_000_000, shift: -1), output: Rescale(multiplier: 1_800_000_000, shift: -19),
        outputMin: -128, outputMax: 127)
      var vector = [Int8](repeating: 0, count: n), scalar = vector
      let (add, addScalar) = a.withUnsafeBytes { ap in
        b.withUnsafeBytes { bp in
          vector.withUnsafeMutableBytes { vp in
            scalar.withUnsafeMutableBytes { sp in
              (
                time(repeats: 200) {
                  AddInt8.run(count: n, p, a: ap.baseAddress!, b: bp.baseAddress!, output: vp.baseAddress!)
                },
                time(repeats: 50) {
                  AddInt8.runScalar(count: n, p, a: ap.baseAddress!, b: bp.baseAddress!, output: sp.baseAddress!)
                }
              )
            }
          }
        }
      }
      let addSame = vector == scalar
      // The single-rounding add of about the same ratios (sa/so ≈ 0.67, sb/so ≈ 0.52, shift 22).
      let single = AddInt8SingleRounding.Parameters(
        aZeroPoint: 3, bZeroPoint: -5, outputZeroPoint: 2, aMultiplier: 2_800_000, bMultiplier: 2_200_000, shift: 22,
        outputMin: -128, outputMax: 127)
      let (singleAdd, singleAddScalar) = a.withUnsafeBytes { ap in
        b.withUnsafeBytes { bp in
          vector.withUnsafeMutableBytes { vp in
            scalar.withUnsafeMutableBytes { sp in
              (
                time(repeats: 200) {
                  AddInt8SingleRounding.run(
                    count: n, single, a: ap.baseAddress!, b: bp.baseAddress!, output: vp.baseAddress!)
                },
                time(repeats: 50) {
                  AddInt8SingleRounding.runScalar(
                    count: n, single, a: ap.baseAddress!, b: bp.baseAddress!, output: sp.baseAddress!)
                }
              )
            }
          }
        }
      }
      let singleSame = vector == scalar
      let scale = (0..<c).map { Int8(truncatingIfNeeded: $0 &* 5 &+ 1) }
      let bias = (0..<c).map { Int32($0 * 11 - 300) }
      let multiplier = [Int32](repeating: 1_600_000_000, count: c), shift = [Int32](repeating: -7, count: c)
      let stage = Int8OutputStage(inputZeroPoint: 4, outputZeroPoint: -3, outputMin: -3, outputMax: 127)
      let (affine, affineScalar) = a.withUnsafeBytes { ap in
        scale.withUnsafeBytes { sp in
          bias.withUnsafeBytes { bp in
            multiplier.withUnsafeBytes { mp in
              shift.withUnsafeBytes { hp in
                vector.withUnsafeMutableBytes { vp in
                  let kernel = ChannelAffineInt8(
                    channels: c, plane: hw * hw, stage: stage, input: ap.baseAddress!, scale: sp.baseAddress!,
                    bias: bp.baseAddress!, multiplier: mp.baseAddress!, shift: hp.baseAddress!,
                    output: vp.baseAddress!)
                  return (
                    time(repeats: 200) { kernel.run(channels: 0..<c) },
                    time(repeats: 50) {
                      for i in 0..<n {
                        let channel = i / (hw * hw)
                        scalar[i] = stage.finish(
                          bias[channel] &+ (Int32(a[i]) &- stage.inputZeroPoint) &* Int32(scale[channel]),
                          multiplier: multiplier[channel], shift: shift[channel])
                      }
                    }
                  )
                }
              }
            }
          }
        }
      }
      let affineSame = vector == scalar
      // A BatchNorm + ReLU's constants as the quantizer writes them (u ≈ 0.8, shift 22).
      let constants =
        [Int32](repeating: 3_355_443, count: c) + (0..<c).map { Int32($0 * 40_000 - 1_000_000) }
        + [Int32](repeating: 22, count: c)
      let scaleShift = a.withUnsafeBytes { ap in
        constants.withUnsafeBytes { cp in
          vector.withUnsafeMutableBytes { vp in
            let kernel = ScaleShiftInt8(
              channels: c, plane: hw * hw, outputMin: -3, outputMax: 127, input: ap.baseAddress!,
              constants: cp.baseAddress!, output: vp.baseAddress!)
            return time(repeats: 200) { kernel.run(channels: 0..<c) }
          }
        }
      }
      let name = "\(c)x\(hw)x\(hw)"
      let shape = name + String(repeating: " ", count: max(0, 12 - name.count))
      let addColumns =
        fixed(add, width: 8) + fixed(addScalar, width: 15) + (addSame ? "   yes" : "   NO ")
        + fixed(singleAdd, width: 20) + fixed(singleAddScalar, width: 11) + (singleSame ? "   yes" : "   NO ")
      let affineColumns =
        fixed(affine, width: 12) + fixed(affineScalar, width: 18) + (affineSame ? "   yes" : "   NO ")
        + fixed(scaleShift, width: 16)
      print(shape + addColumns + affineColumns)
    }
    let pixels = 3 * 224 * 224
    let image = (0..<pixels).map { Float(($0 &* 7919) % 2001 - 1000) / 400 }
    var vector = [Int8](repeating: 0, count: pixels), scalar = vector
    let (quantize, quantizeScalar) = image.withUnsafeBufferPointer { x in
      vector.withUnsafeMutableBytes { v in
        (
          time(repeats: 100) {
            QuantizeInt8.quantize(
              count: pixels, scale: 0.02, zeroPoint: -3, input: x.baseAddress!, output: v.baseAddress!)
          },
          time(repeats: 20) {
            for i in 0..<pixels { scalar[i] = QuantizeInt8.quantize(x[i], scale: 0.02, zeroPoint: -3) }
          }
        )
      }
    }
    print(
      "quantize 3x224x224: \(fixed(quantize, width: 0)) µs, one by one \(fixed(quantizeScalar, width: 0)) µs, same: "
        + (vector == scalar ? "yes" : "NO"))
  }
}
