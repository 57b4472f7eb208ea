/// A mutable container while a pickle is being read.
///
/// Pickle builds containers by mutating them after creation (APPENDS,
/// SETITEMS) and shares them through the memo, so they need reference
/// semantics while reading; `Unpickler` turns them into `PickleValue`s at the
/// end. `height` bounds nesting so neither that conversion nor deallocation
/// can recurse deeply, and `sealed` forbids mutating a container once it is
/// nested in another (real pickles never do; refusing it rules out cycles
/// and keeps `height` exact).
final class PickleContainer {
  enum Kind {
    case list
    case tuple
    case dict
    case set
  }

  let kind: Kind
  /// Elements, or dict keys.
  private(set) var elements: [PickleItem] = []
  /// Dict values, parallel to `elements`.
  private(set) var values: [PickleItem] = []
  /// Position of hashable dict keys, so a repeated key replaces its value like Python.
  private var keyIndex: [PickleKey: Int] = [:]
  /// 1 + the largest height of an element (scalars have height 0).
  private(set) var height = 1
  private(set) var sealed = false

  init(kind: Kind) {
    self.kind = kind
  }

  var count: Int { elements.count }

  /// Marks the container as nested; returns its height for the parent.
  func seal() -> Int {
    sealed = true
    return height
  }

  /// Appends elements (list, tuple, set).
  func append(
    contentsOf items: ArraySlice<PickleItem>, limits: CheckpointLimits, offset: Int
  ) throws(CheckpointError) {
    try checkGrowth(by: items.count, limits: limits, offset: offset)
    for item in items {
      try absorb(item, limits: limits, offset: offset)
    }
    elements.append(contentsOf: items)
  }

  /// Sets `pairs` (alternating keys and values) in a dict.
  func setItems(
    _ pairs: ArraySlice<PickleItem>, limits: CheckpointLimits, offset: Int
  ) throws(CheckpointError) {
    guard pairs.count % 2 == 0 else {
      throw .invalidPickle("odd number of items for a dict", offset: offset)
    }
    try checkGrowth(by: pairs.count / 2, limits: limits, offset: offset)
    var index = pairs.startIndex
    while index < pairs.endIndex {
      let key = pairs[index]
      let value = pairs[index + 1]
      try absorb(key, limits: limits, offset: offset)
      try absorb(value, limits: limits, offset: offset)
      if let hashable = PickleKey(key), let existing = keyIndex[hashable] {
        values[existing] = value
      } else {
        if let hashable = PickleKey(key) { keyIndex[hashable] = elements.count }
        elements.append(key)
        values.append(value)
      }
      index += 2
    }
  }

  private func checkGrowth(
    by added: Int, limits: CheckpointLimits, offset: Int
  ) throws(CheckpointError) {
    if sealed {
      throw .invalidPickle("container modified after being nested in another", offset: offset)
    }
    if elements.count + added > limits.maxContainerElements {
      throw .tooLarge(what: "container element count", limit: limits.maxContainerElements)
    }
  }

  /// Seals a nested container and updates `height`.
  private func absorb(
    _ item: PickleItem, limits: CheckpointLimits, offset: Int
  ) throws(CheckpointError) {
    guard case .container(let child) = item else { return }
    if child === self {
      throw .invalidPickle("container contains itself", offset: offset)
    }
    let childHeight = child.seal()
    if childHeight + 1 > height {
      height = childHeight + 1
      if height > limits.maxDepth { throw .nestingTooDeep(limit: limits.maxDepth) }
    }
  }
}
