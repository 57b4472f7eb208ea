extension Elementwise.Geometry {
  /// The numpy broadcast of `a` and `b` (rank max(ranks), each axis equal or 1 in one
  /// operand), or nil when they do not broadcast or a rank exceeds 4. Cost: O(rank).
  static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = a.count > b.count ? a.count : b.count
    guard rank <= 4 else { return nil }
    var shape = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
      let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
      guard x == y || x == 1 || y == 1 else { return nil }
      shape[i] = x > y ? x : y
    }
    return shape
  }

  /// The geometry of an element-wise record with operand shapes `a`, `b` (rank 1...4,
  /// validated descriptors): numpy broadcasting, aligned to the right, each axis equal in
  /// both or 1 in one; the output shape must be the broadcast one (rank max(ranks)).
  /// Nil when the operands do not broadcast or `output` is not their broadcast.
  /// Cost: O(rank).
  static func broadcasting(_ operation: Elementwise.Operation, a: [Int], b: [Int], output: [Int]) -> Self? {
    let rank = a.count > b.count ? a.count : b.count
    guard output.count == rank, rank <= 4 else { return nil }
    var pa = [Int](repeating: 1, count: 4), pb = pa, po = pa
    for i in 0..<a.count { pa[4 - a.count + i] = a[i] }
    for i in 0..<b.count { pb[4 - b.count + i] = b[i] }
    for i in 0..<rank { po[4 - rank + i] = output[i] }
    for axis in 0..<4 {
      let x = pa[axis], y = pb[axis]
      guard x == y || x == 1 || y == 1, po[axis] == (x > y ? x : y) else { return nil }
    }
    if pa == po && pb == po { return Self(operation: operation, layout: .same(count: po[0] * po[1] * po[2] * po[3])) }
    // [1,C,1,1] over [1,C,H,W], with a plane of more than one element.
    if pa == po, po[0] == 1, pb == [1, po[1], 1, 1], po[2] * po[3] > 1 {
      return Self(operation: operation, layout: .perPlane(planes: po[1], planeSize: po[2] * po[3]))
    }
    func strides(_ dims: [Int]) -> [Int] {
      var result = [Int](repeating: 0, count: 4), step = 1
      for axis in (0..<4).reversed() {
        result[axis] = dims[axis] == 1 ? 0 : step
        step *= dims[axis]
      }
      return result
    }
    return Self(operation: operation, layout: .general(extents: po, aStrides: strides(pa), bStrides: strides(pb)))
  }
}
