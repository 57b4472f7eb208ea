/// Places activation buffers in one arena by lifetime, offline.
///
/// Greedy by size, as TensorFlow Lite Micro's `GreedyMemoryPlanner` does:
/// buffers are placed largest first, each at the lowest aligned offset that does
/// not overlap a placed buffer whose lifetime intersects its own. Lifetimes are
/// closed intervals of operator indices, so an operator's inputs and outputs
/// never share memory (the runtime's kernels may then read and write freely).
public enum MemoryPlanner {
  /// One activation buffer: `bytes` long, live from operator `first` through `last`.
  public struct Buffer: Sendable, Equatable {
    public var bytes: Int
    public var first: Int
    public var last: Int
    public init(bytes: Int, first: Int, last: Int) {
      self.bytes = bytes
      self.first = first
      self.last = last
    }

    func overlapsLifetime(of other: Buffer) -> Bool { first <= other.last && other.first <= last }
  }

  /// The arena offset of each buffer (in input order) and the arena's size.
  public struct Plan: Sendable, Equatable {
    public var offsets: [Int]
    public var arenaSize: Int
  }

  /// Plans `buffers`. Cost: O(n² log n) for n buffers, fine for the few hundred a CNN has.
  public static func plan(_ buffers: [Buffer], alignment: Int = 64) -> Plan {
    let order = buffers.indices.sorted {
      (buffers[$0].bytes, buffers[$1].first) > (buffers[$1].bytes, buffers[$0].first)
    }
    var offsets = [Int](repeating: 0, count: buffers.count)
    var placed: [Int] = []
    var arenaSize = 0
    for index in order {
      let buffer = buffers[index]
      let conflicts = placed.filter { buffers[$0].overlapsLifetime(of: buffer) }
        .map { (start: offsets[$0], end: offsets[$0] + buffers[$0].bytes) }
        .sorted { $0.start < $1.start }
      var candidate = 0
      for conflict in conflicts {
        if candidate + buffer.bytes <= conflict.start { break }
        candidate = max(candidate, align(conflict.end, to: alignment))
      }
      offsets[index] = candidate
      placed.append(index)
      arenaSize = max(arenaSize, align(candidate + buffer.bytes, to: alignment))
    }
    return Plan(offsets: offsets, arenaSize: arenaSize)
  }

  /// The largest total of simultaneously live buffers: the lower bound any plan must meet.
  public static func peakLiveBytes(_ buffers: [Buffer]) -> Int {
    let steps = Set(buffers.flatMap { [$0.first, $0.last] })
    return steps.map { step in
      buffers.filter { $0.first <= step && step <= $0.last }.reduce(0) { $0 + $1.bytes }
    }.max() ?? 0
  }

  static func align(_ value: Int, to alignment: Int) -> Int {
    (value + alignment - 1) / alignment * alignment
  }
}
