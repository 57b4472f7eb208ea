#if !hasFeature(Embedded)
  extension SlimModel {
    /// The bytes of a `PACK` section for this model: every float32 convolution the
    /// blocked kernel runs, its weights in that kernel's layout (see
    /// `Formats/slim-v1.md`). `slim-pack --packed-weights` appends it to the file;
    /// hosted only (firmware runs the plain kernels and never reads it).
    /// Cost: O(weights).
    public func packedWeightsSection() -> [UInt8] {
      var entries: [(index: Int, geometry: Conv2D.Geometry)] = []
      for (index, geometry) in geometries.enumerated() {
        if case .conv2d(let g) = geometry, BlockedConv2D.isEligible(g) { entries.append((index, g)) }
      }
      func aligned(_ n: Int) -> Int {
        (n + SlimFormat.planAlignment - 1) / SlimFormat.planAlignment * SlimFormat.planAlignment
      }
      var offsets: [Int] = []
      var end = aligned(SlimFormat.packedWeightsHeaderSize + entries.count * SlimFormat.packedWeightsEntrySize)
      for entry in entries {
        offsets.append(end)
        end = aligned(end + BlockedConv2D.packedCount(entry.geometry) * MemoryLayout<Float>.size)
      }
      var bytes = [UInt8](repeating: 0, count: end)
      bytes.withUnsafeMutableBytes { raw in
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
          raw.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
        }
        put(UInt32(SlimFormat.packedWeightsLanes), at: 0)
        put(UInt32(entries.count), at: 4)
        for (n, entry) in entries.enumerated() {
          let record = SlimFormat.packedWeightsHeaderSize + n * SlimFormat.packedWeightsEntrySize
          put(UInt32(entry.index), at: record)
          put(UInt64(offsets[n]), at: record + 8)
          put(UInt64(BlockedConv2D.packedCount(entry.geometry) * MemoryLayout<Float>.size), at: record + 16)
          let weight = constantData(operators[entry.index].inputs[1])
          let destination = (raw.baseAddress! + offsets[n]).bindMemory(
            to: Float.self, capacity: BlockedConv2D.packedCount(entry.geometry))
          BlockedConv2D.pack(entry.geometry, weight: weight, into: destination)
        }
      }
      return bytes
    }
  }
#endif
