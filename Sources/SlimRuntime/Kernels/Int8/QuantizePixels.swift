/// The graph input of a uint8-input int8 model (opcode 30): camera pixels, HWC with the
/// channel fastest, become the first int8 activation, NCHW, by one table lookup per
/// element: `y[c, h, w] = table[c, x[h, w, c]]`.
///
/// Why a table: normalizing (`(p/255 − mean) / std`) and quantizing a pixel takes float
/// arithmetic, but a channel's pixel has only 256 values, so `slim-pack` computes all of
/// them offline with the float path's exact rule. A core without an FPU then reads pixels
/// and gets, bit for bit, the int8 input a float32-input model would have quantized.
enum QuantizePixels {
  /// Entries per channel of the table: one per uint8 value.
  static let tableWidth = 256

  /// Preconditions: `input` holds `spatial · channels` uint8 pixels (HWC), `table`
  /// `channels · 256` int8 (row `c` for channel `c`), `output` `channels · spatial` int8
  /// (CHW) not overlapping `input`. No allocation. Cost: O(channels · spatial).
  static func run(
    channels: Int, spatial: Int, table: UnsafeRawPointer, input: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    for c in 0..<channels {
      let row = table + c * tableWidth
      let plane = output + c * spatial
      for s in 0..<spatial {
        let pixel = Int(input.load(fromByteOffset: s * channels + c, as: UInt8.self))
        plane.storeBytes(of: row.load(fromByteOffset: pixel, as: Int8.self), toByteOffset: s, as: Int8.self)
      }
    }
  }
}
