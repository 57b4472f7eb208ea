extension GatherChannels {
  /// `run` on int8 values (`gatherChannelsInt8`): a byte copy per output channel, the
  /// values keeping their scale and zero point. Preconditions: `input` holds
  /// `spatial · (max(indexes) + 1)` bytes, `output` holds `spatial · indexes.count` and
  /// does not overlap `input`. Cost: O(output), no allocation.
  static func runInt8(
    spatial: Int, indexes: UnsafeBufferPointer<Int>, input: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    for k in 0..<indexes.count {
      (output + k &* spatial).copyMemory(from: input + indexes[k] &* spatial, byteCount: spatial)
    }
  }
}
