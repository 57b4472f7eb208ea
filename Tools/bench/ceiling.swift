// Measures what this machine's cores can do at most, to read the fp32 figures
// of `bench.py` against: the multiply-add rate of one core (12 independent
// chains of 16-lane multiply-adds in registers, no memory operands) and of two
// threads at once (twice one core's only where the second vCPU is a core of its
// own and idle), and the rate at which one and two threads read a buffer far
// larger than the caches. A layer
// running at the first is compute-bound; a layer whose weights stream from memory
// at the second is bandwidth-bound, and no kernel makes either faster.
// Prints medians of 9 rounds. Standalone:
//
//   swiftc -O -target-cpu native -parse-as-library Tools/bench/ceiling.swift -o /tmp/ceiling
//   /tmp/ceiling
import Dispatch
import Glibc

func seconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// GFLOP/s of `iterations` steps of 12 independent 16-lane multiply-adds (24
/// FLOP per lane per step). The chains' count hides the multiply-add latency (4
/// cycles on the cores measured, 2 pipes).
@inline(never)
func multiplyAddRate(iterations: Int) -> Double {
  let a = SIMD16<Float>(repeating: 1.000_001), b = SIMD16<Float>(repeating: 1e-7)
  var s0 = SIMD16<Float>(repeating: 0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0
  var s6 = s0, s7 = s0, s8 = s0, s9 = s0, s10 = s0, s11 = s0
  let start = seconds()
  for _ in 0..<iterations {
    s0 = s0.addingProduct(a, b)
    s1 = s1.addingProduct(a, b)
    s2 = s2.addingProduct(a, b)
    s3 = s3.addingProduct(a, b)
    s4 = s4.addingProduct(a, b)
    s5 = s5.addingProduct(a, b)
    s6 = s6.addingProduct(a, b)
    s7 = s7.addingProduct(a, b)
    s8 = s8.addingProduct(a, b)
    s9 = s9.addingProduct(a, b)
    s10 = s10.addingProduct(a, b)
    s11 = s11.addingProduct(a, b)
  }
  let elapsed = seconds() - start
  let total = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11
  // Keeps the chains alive.
  if total.sum() == -1 { print(total) }
  return Double(iterations) * 12 * 16 * 2 / elapsed / 1e9
}

/// Sums `floats` floats from `base` in 16-lane loads, 4 chains. Returns the sum.
@inline(never)
func readAll(_ base: UnsafePointer<Float>, _ floats: Int) -> Float {
  var s0 = SIMD16<Float>(), s1 = s0, s2 = s0, s3 = s0
  let raw = UnsafeRawPointer(base)
  var offset = 0
  let end = floats * 4
  while offset + 256 <= end {
    s0 += raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
    s1 += raw.loadUnaligned(fromByteOffset: offset + 64, as: SIMD16<Float>.self)
    s2 += raw.loadUnaligned(fromByteOffset: offset + 128, as: SIMD16<Float>.self)
    s3 += raw.loadUnaligned(fromByteOffset: offset + 192, as: SIMD16<Float>.self)
    offset += 256
  }
  return (s0 + s1 + s2 + s3).sum()
}

@main struct Ceiling {
  static func main() {
    var rates: [Double] = []
    for _ in 0..<9 { rates.append(multiplyAddRate(iterations: 20_000_000)) }
    print("fp32 multiply-add, one core:  \(Int(median(rates).rounded())) GFLOP/s")
    var pairRates: [Double] = []
    for _ in 0..<9 {
      let start = seconds()
      DispatchQueue.concurrentPerform(iterations: 2) { _ in _ = multiplyAddRate(iterations: 20_000_000) }
      pairRates.append(2 * 20_000_000 * 12 * 16 * 2 / (seconds() - start) / 1e9)
    }
    print("fp32 multiply-add, 2 threads: \(Int(median(pairRates).rounded())) GFLOP/s")

    // 256 MiB, far past any cache; every page written first, so reads hit memory.
    let floats = 64 << 20
    let buffer = UnsafeMutablePointer<Float>.allocate(capacity: floats)
    defer { buffer.deallocate() }
    buffer.initialize(repeating: 1, count: floats)
    for threads in [1, 2] {
      var bandwidths: [Double] = []
      var sink: Float = 0
      for _ in 0..<9 {
        let share = floats / threads
        let start = seconds()
        DispatchQueue.concurrentPerform(iterations: threads) { part in
          let s = readAll(buffer + part * share, share)
          if s == -1 { print(s) }
        }
        bandwidths.append(Double(floats * 4) / (seconds() - start) / 1e9)
        sink += buffer[0]
      }
      print("memory read, \(threads) thread(s):   \(fixed(median(bandwidths))) GB/s")
      if sink == -1 { print(sink) }
    }
  }

  static func fixed(_ x: Double) -> String {
    let n = Int((x * 10).rounded())
    return String(n / 10) + "." + String(n % 10)
  }
}
