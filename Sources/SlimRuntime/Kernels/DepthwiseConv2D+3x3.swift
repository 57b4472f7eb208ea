extension DepthwiseConv2D {
  /// `run(channels:rows:)` for 3x3 taps without dilation, column stride 1 or 2
  /// (`takes3x3Path`): the taps held in registers and unrolled, one vector of
  /// output columns at a time, stride-2 columns taken from a double-width load.
  /// The general loop reloads each tap and builds strided vectors lane by lane;
  /// this path measured 3-5x faster on MobileNetV2's layers (AVX2). Taps are summed
  /// in the same order as the general loop and the plain `Conv2D`.
  ///
  /// A row's last vector ends at the row's end, recomputing a few columns. A row
  /// narrower than a vector is computed whole from its first column (the loads past
  /// it stay inside the scratch's `slack`) and stored whole when the vector ends
  /// inside `rows`, or, when `rows` are whole planes, inside the planes of this
  /// call's next channels: its last lanes land on outputs that are computed later
  /// and overwrite them. Lane by lane otherwise, out of line (`storeLanes`): on 7x7
  /// planes, storing every row lane by lane was most of the layer's time, and with
  /// the lane-by-lane store inline (for each plane's last row) LLVM split every
  /// row's sums into pieces, one lane a chain of 9 scalar multiply-adds, which made
  /// MobileNetV2's 960-channel 7x7 layer 2x slower.
  /// With sums kept for `finish` (`DepthwiseEpilogue.sumsCount`), every row's vector
  /// is stored whole: `sums` has room past the plane.
  /// Precondition: `takes3x3Path(geometry)`, `band == bandRows(geometry, rows)`, `sums`
  /// holds the part's `Epilogue.sumsCount(geometry)` scalars.
  /// Cost: O(|channels|·(9·|rows|·outW + |band|·paddedW)).
  func run3x3(
    channels: Range<Int>, rows: Range<Int>, band: Range<Int>, padded: UnsafeMutablePointer<Lane.Scalar>,
    sums: UnsafeMutablePointer<Lane.Scalar>
  ) {
    if geometry.strideW == 1 {
      run3x3(channels: channels, rows: rows, band: band, padded: padded, sums: sums, columnStride: 1)
    } else {
      #if SLIM_AVX512
        run3x3(channels: channels, rows: rows, band: band, padded: padded, sums: sums, columnStride: 2)
      #else
        run3x3AnyStride(channels: channels, rows: rows, band: band, padded: padded, sums: sums)
      #endif
    }
  }

  /// `run3x3` with the column stride read from the geometry: the loop tests it before
  /// every tap. Out of line, so that LLVM does not know the stride is not 1 here: below
  /// AVX-512, that is the stride-2 loop that measured fastest (with the stride known to
  /// be 2, LLVM shuffled the 8-lane stride-2 loads otherwise, and MobileNetV2's stride-2
  /// layers took 1.3x as long with `-target-cpu haswell`).
  @inline(never)
  private func run3x3AnyStride(
    channels: Range<Int>, rows: Range<Int>, band: Range<Int>, padded: UnsafeMutablePointer<Lane.Scalar>,
    sums: UnsafeMutablePointer<Lane.Scalar>
  ) {
    run3x3(channels: channels, rows: rows, band: band, padded: padded, sums: sums, columnStride: geometry.strideW)
  }

  /// `run3x3` with the column stride a constant where it is inlined, so that each
  /// stride's loop has its own loads rather than a test before every tap
  /// (`Tools/bench/depthwise.swift`, best of 4–6 alternated runs, µs, Intel Xeon:
  /// AVX-512, 16 lanes: 144@56x56 185 → 174, stride 2 109 → 88, 96@112x112 stride 2
  /// 316 → 263; `-target-cpu haswell`, 8 lanes: 32@112x112 207 → 168, 144@56x56
  /// 220 → 164).
  @inline(__always)
  private func run3x3(
    channels: Range<Int>, rows: Range<Int>, band: Range<Int>, padded: UnsafeMutablePointer<Lane.Scalar>,
    sums: UnsafeMutablePointer<Lane.Scalar>, columnStride: Int
  ) {
    let g = geometry
    let rowStride = BlockedConv2D.paddedExtent(g).width
    let width = Lane.scalarCount
    let rowsEnd = rows.upperBound &* g.outWidth
    let plane = g.outHeight &* g.outWidth
    let wholePlanes = rows.lowerBound == 0 && rows.upperBound == g.outHeight
    let buffered = Epilogue.sumsCount(g) > 0
    for channel in channels {
      epilogue.copyBand(g, channel: channel, rows: band, from: input, into: padded)
      let source = UnsafePointer(padded)
      let t = channel &* 9
      let w0 = epilogue.weight(weights, t), w1 = epilogue.weight(weights, t &+ 1)
      let w2 = epilogue.weight(weights, t &+ 2), w3 = epilogue.weight(weights, t &+ 3)
      let w4 = epilogue.weight(weights, t &+ 4), w5 = epilogue.weight(weights, t &+ 5)
      let w6 = epilogue.weight(weights, t &+ 6), w7 = epilogue.weight(weights, t &+ 7)
      let w8 = epilogue.weight(weights, t &+ 8)
      let start = Lane(repeating: epilogue.bias(channel))
      let output = epilogue.output(of: channel, sums: sums)
      // How far this channel's stores may reach: anywhere when they go to the sums,
      // else the end of its rows or, when every channel's rows are whole planes, the
      // end of this call's last channel.
      let storeLimit = buffered ? Int.max : wholePlanes ? (channels.upperBound &- channel) &* plane : rowsEnd
      /// One vector of outputs whose first column reads input column `column` of rows `r0...`.
      @inline(__always) func tapSums(_ r0: UnsafePointer<Lane.Scalar>, _ column: Int) -> Lane {
        @inline(__always) func load(_ row: UnsafePointer<Lane.Scalar>, _ tap: Int) -> Lane {
          let pointer = row + (column &+ tap)
          return columnStride == 1
            ? UnsafeRawPointer(pointer).loadUnaligned(as: Lane.self) : Lane.loadEvenLanes(pointer)
        }
        let r1 = r0 + rowStride, r2 = r1 + rowStride
        var s = start
        s.multiplyAdd(load(r0, 0), w0)
        s.multiplyAdd(load(r0, 1), w1)
        s.multiplyAdd(load(r0, 2), w2)
        s.multiplyAdd(load(r1, 0), w3)
        s.multiplyAdd(load(r1, 1), w4)
        s.multiplyAdd(load(r1, 2), w5)
        s.multiplyAdd(load(r2, 0), w6)
        s.multiplyAdd(load(r2, 1), w7)
        s.multiplyAdd(load(r2, 2), w8)
        return s
      }
      for oh in rows {
        let r0 = source + (oh &* g.strideH &- band.lowerBound) &* rowStride
        let outRow = oh &* g.outWidth
        guard g.outWidth >= width else {
          var s = tapSums(r0, 0)
          if outRow &+ width <= storeLimit {
            epilogue.store(s, output, at: outRow)
          } else {
            storeLanes(&s, count: g.outWidth, output, at: outRow)
          }
          continue
        }
        var ow = 0
        while ow < g.outWidth {
          let column = min(ow, g.outWidth &- width)
          epilogue.store(tapSums(r0, column &* columnStride), output, at: outRow &+ column)
          ow = column &+ width
        }
      }
      epilogue.finish(output, from: rows.lowerBound * g.outWidth, count: rows.count * g.outWidth)
    }
  }

  /// Stores the first `count` (< `Lane.scalarCount`) lanes of `sums` one by one.
  /// Not inlined, and `inout` so that the vector is passed in memory: the caller's
  /// sums then stay one vector (`run3x3`). Passed by value, an 8-lane vector travels
  /// in two 4-lane registers, and LLVM computed every row's sums in those halves.
  @inline(never)
  func storeLanes(_ sums: inout Lane, count: Int, _ output: Epilogue.ChannelOutput, at index: Int) {
    for lane in 0..<count { epilogue.store(sums[lane], output, at: index &+ lane) }
  }
}
