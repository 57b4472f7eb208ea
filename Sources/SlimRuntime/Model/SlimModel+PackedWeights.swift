#if !hasFeature(Embedded)
  extension SlimModel {
    /// The bytes of a `PACK` section for this model: every float32 convolution the
    /// blocked kernel runs, its weights in that kernel's layout (see
    /// `Formats/slim-v1.md`). `slim-pack --packed-weights` appends it to the file;
    /// hosted only (firmware runs the plain kernels and never reads it).
    /// Cost: O(weights).
    public func packedWeightsSection() -> [UInt8] {
      weightsSection(.blocked) {
        BlockedConv2D.isEligible($0)
      } fill: { g, weight, destination in
        BlockedConv2D.pack(g, weight: weight, into: destination)
      }
    }

    /// The bytes of a `WINO` section: every 3x3 convolution that a build may run with
    /// Winograd (`WinogradConv2D.isStored`), its weights transformed. Appended with
    /// `PACK`; nil when the model has no such layer. Cost: O(weights); the section is
    /// 4x the weights it holds.
    public func winogradWeightsSection() -> [UInt8]? {
      let stored = geometries.contains {
        if case .conv2d(let g) = $0 { return WinogradConv2D.isStored(g) } else { return false }
      }
      guard stored else { return nil }
      return weightsSection(.winograd) {
        WinogradConv2D.isStored($0)
      } fill: { g, weight, destination in
        WinogradConv2D.transform(g, weight: weight, into: destination)
      }
    }

    /// A section in `PACK`'s table format: the operators `includes` takes, their
    /// data (`layout.floatCount` floats each) written by `fill`.
    private func weightsSection(
      _ layout: PackedWeights.Layout, includes: (Conv2D.Geometry) -> Bool,
      fill: (Conv2D.Geometry, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    ) -> [UInt8] {
      var entries: [(index: Int, geometry: Conv2D.Geometry)] = []
      for (index, geometry) in geometries.enumerated() {
        if case .conv2d(let g) = geometry, includes(g) { entries.append((index, g)) }
      }
      func aligned(_ n: Int) -> Int {
        (n + SlimFormat.planAlignment - 1) / SlimFormat.planAlignment * SlimFormat.planAlignment
      }
      var offsets: [Int] = []
      var end = aligned(SlimFormat.packedWeightsHeaderSize + entries.count * SlimFormat.packedWeightsEntrySize)
      for entry in entries {
        offsets.append(end)
        end = aligned(end + layout.floatCount(entry.geometry) * MemoryLayout<Float>.size)
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
          let count = layout.floatCount(entry.geometry)
          put(UInt64(count * MemoryLayout<Float>.size), at: record + 16)
          let weight = constantData(operators[entry.index].inputs[1])
          let destination = (raw.baseAddress! + offsets[n]).bindMemory(to: Float.self, capacity: count)
          fill(entry.geometry, weight, destination)
        }
      }
      return bytes
    }
  }
#endif
