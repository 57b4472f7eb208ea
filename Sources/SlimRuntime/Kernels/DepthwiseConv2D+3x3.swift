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
  /// inside `rows`: its last lanes land on the next rows, which are computed later
  /// and overwrite them. Lane by lane otherwise (on 7x7 planes, storing every row
  /// lane by lane was most of the layer's time).
  /// Precondition: `takes3x3Path(geometry)`, `band == bandRows(geometry, rows)`.
  /// Cost: O(|channels|·(9·|rows|·outW + |band|·paddedW)).
  func run3x3(channels: Range<Int>, rows: Range<Int>, band: Range<Int>, padded: UnsafeMutablePointer<Lane.Scalar>) {
    let g = geometry
    let rowStride = BlockedConv2D.paddedExtent(g).width
    let width = Lane.scalarCount
    let columnStride = g.strideW
    let rowsEnd = rows.upperBound &* g.outWidth
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
      let output = epilogue.output(of: channel)
      /// One vector of outputs whose first column reads input column `column` of rows `r0...`.
      @inline(__always) func sums(_ r0: UnsafePointer<Lane.Scalar>, _ column: Int) -> Lane {
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
          let s = sums(r0, 0)
          if outRow &+ width <= rowsEnd {
            epilogue.store(s, output, at: outRow)
          } else {
            for lane in 0..<g.outWidth { epilogue.store(s[lane], output, at: outRow &+ lane) }
          }
          continue
        }
        var ow = 0
        while ow < g.outWidth {
          let column = min(ow, g.outWidth &- width)
          epilogue.store(sums(r0, column &* columnStride), output, at: outRow &+ column)
          ow = column &+ width
        }
      }
      epilogue.finish(channel, from: rows.lowerBound * g.outWidth, count: rows.count * g.outWidth)
    }
  }
}
