#if !hasFeature(Embedded)
  extension SlimModel {
    /// The bytes of a `PACK` section for this model: every float32 convolution the
    /// blocked kernel runs, its weights in that kernel's layout (see
    /// `Formats/slim-v1.md`). `slim-pack --packed-weights` appends it to the file;
    /// hosted only (firmware runs the plain kernels and never reads it). Nil when the
    /// model has no such layer (an int8 model). Cost: O(weights).
    public func packedWeightsSection() -> [UInt8]? {
      guard geometries.contains(where: { PackedWeights.Layout.blocked.convolution($0) != nil }) else { return nil }
      return weightsSection(.blocked) { _ in
        true
      } fill: { g, weight, destination in
        BlockedConv2D.pack(
          g, weight: weight.assumingMemoryBound(to: Float.self),
          into: destination.bindMemory(to: Float.self, capacity: BlockedConv2D.packedCount(g)))
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
        WinogradConv2D.transform(
          g, weight: weight.assumingMemoryBound(to: Float.self),
          into: destination.bindMemory(to: Float.self, capacity: WinogradConv2D.transformedCount(g)))
      }
    }

    /// The bytes of a `PKI8` section: the int8 convolutions the blocked int8 kernel
    /// runs (`BlockedConv2DInt8.isStored`), their weights packed as `pairs`; with
    /// `byteDot`, only those a build with the byte dot product runs as `pairs` (the
    /// others go in `int8QuadWeightsSection()`). Appended with `PACK`; nil when no
    /// layer qualifies. Cost: O(weights).
    public func int8PackedWeightsSection(byteDot: Bool = false) -> [UInt8]? {
      int8Section(.blockedInt8) {
        BlockedConv2DInt8.preferredPacking($0, byteDot: byteDot) == .pairs
      } fill: {
        g, weight, destination in
        BlockedConv2DInt8.pack(
          g, .pairs, weight: weight,
          into: destination.bindMemory(to: Int8.self, capacity: BlockedConv2DInt8.packedCount(g, .pairs)))
      }
    }

    /// The bytes of a `PKQ8` section: the stored int8 convolutions that a build with
    /// the byte dot product (`SLIM_VNNI`) runs as `quads` (today all of them), their weights packed so and each
    /// output channel's weight sum. Nil when no layer qualifies. Cost: O(weights).
    public func int8QuadWeightsSection() -> [UInt8]? {
      int8Section(.quadInt8) {
        BlockedConv2DInt8.preferredPacking($0, byteDot: true) == .quads
      } fill: {
        g, weight, destination in
        let count = BlockedConv2DInt8.packedCount(g, .quads)
        BlockedConv2DInt8.pack(g, .quads, weight: weight, into: destination.bindMemory(to: Int8.self, capacity: count))
        BlockedConv2DInt8.weightSums(
          g, weight: weight, into: (destination + count).bindMemory(to: Int32.self, capacity: g.outChannels))
      }
    }

    /// `weightsSection` over the stored int8 convolutions that `includes` takes; nil for none.
    private func int8Section(
      _ layout: PackedWeights.Layout, includes: (Conv2D.Geometry) -> Bool,
      fill: (Conv2D.Geometry, UnsafeRawPointer, UnsafeMutableRawPointer) -> Void
    ) -> [UInt8]? {
      let any = geometries.contains { geometry in layout.convolution(geometry).map(includes) ?? false }
      return any ? weightsSection(layout, includes: includes, fill: fill) : nil
    }

    /// A section in `PACK`'s table format: the operators of `layout` that `includes`
    /// takes, their data (`layout.byteCount` bytes each) written by `fill` from the
    /// `WGHT` tensor.
    private func weightsSection(
      _ layout: PackedWeights.Layout, includes: (Conv2D.Geometry) -> Bool,
      fill: (Conv2D.Geometry, UnsafeRawPointer, UnsafeMutableRawPointer) -> Void
    ) -> [UInt8] {
      var entries: [(index: Int, geometry: Conv2D.Geometry)] = []
      for (index, geometry) in geometries.enumerated() {
        if let g = layout.convolution(geometry), includes(g) { entries.append((index, g)) }
      }
      func aligned(_ n: Int) -> Int {
        (n + SlimFormat.planAlignment - 1) / SlimFormat.planAlignment * SlimFormat.planAlignment
      }
      var offsets: [Int] = []
      var end = aligned(SlimFormat.packedWeightsHeaderSize + entries.count * SlimFormat.packedWeightsEntrySize)
      for entry in entries {
        offsets.append(end)
        end = aligned(end + layout.byteCount(entry.geometry))
      }
      var bytes = [UInt8](repeating: 0, count: end)
      bytes.withUnsafeMutableBytes { raw in
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
          raw.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
        }
        put(UInt32(layout.lanes), at: 0)
        put(UInt32(entries.count), at: 4)
        for (n, entry) in entries.enumerated() {
          let record = SlimFormat.packedWeightsHeaderSize + n * SlimFormat.packedWeightsEntrySize
          put(UInt32(entry.index), at: record)
          put(UInt64(offsets[n]), at: record + 8)
          put(UInt64(layout.byteCount(entry.geometry)), at: record + 16)
          fill(entry.geometry, constantBytes(operators[entry.index].inputs[1]), raw.baseAddress! + offsets[n])
        }
      }
      return bytes
    }
  }
#endif
