/// Runs a `SlimModel`: owns (or borrows) the activation arena and the
/// resolved execution steps.
///
/// All memory is set up in `init`; `run` allocates nothing and only
/// dispatches kernels. A session is not thread-safe; create one per thread
/// (they can share one model).
public final class SlimSession {
  public let model: SlimModel
  private let arena: UnsafeMutableRawBufferPointer
  /// The arena's memory when the session allocated it (nil: caller memory).
  private let ownedArena: ZeroedMemory?
  /// Internal (not private) so that `SlimSession+Profiling.swift` can run steps one at a time.
  let steps: [ExecutionStep]
  /// Packed weights and padded-input scratch of the fast kernels (nil for caller arenas).
  private let workspace: UnsafeMutableRawBufferPointer?
  #if canImport(Glibc)
    private let pool: WorkerPool?
  #endif
  /// Steps with fewer multiply-adds run on the caller's thread even with a pool.
  private let minimumSplitWork: Int
  /// Arena bytes of the graph inputs (float32 or uint8) and their element types.
  private let inputSlots: [UnsafeMutableRawBufferPointer]
  private let inputTypes: [SlimDType]
  /// The float32 view of each input slot; empty for inputs of another dtype.
  private let floatInputSlots: [UnsafeMutableBufferPointer<Float>]
  /// Arena slots of the graph outputs (always float32).
  private let outputSlots: [UnsafeMutableBufferPointer<Float>]

  /// Creates a session with its own arena of `model.arenaSize` bytes,
  /// 64-aligned and zeroed, running the fast kernels: convolution weights are
  /// repacked into their blocked layout here (a second copy of them in RAM).
  ///
  /// `threads` (≥ 1, clamped) is how many threads run each convolution and
  /// linear layer; `threads − 1` pthreads are started here and kept until the
  /// session ends. Builds without Glibc (Embedded) ignore it and run on the
  /// caller's thread; Embedded builds also leave the fast kernels out and run the plain ones. Cost: two allocations, O(weights) repacking, thread start-up.
  public convenience init(model: SlimModel, threads: Int = 1) throws(SlimError) {
    try self.init(model: model, threads: threads, minimumSplitWork: Self.defaultMinimumSplitWork)
  }

  /// As `init(model:threads:)`, splitting every splittable step with at least
  /// `minimumSplitWork` multiply-adds (tests: 0 splits them all).
  convenience init(model: SlimModel, threads: Int, minimumSplitWork: Int) throws(SlimError) {
    let arena = ZeroedMemory.allocate(
      byteCount: max(model.arenaSize, MemoryLayout<Float>.size), alignment: SlimFormat.planAlignment)
    self.init(
      model: model, validatedArena: arena.bytes, ownedArena: arena, optimized: true, threads: threads,
      minimumSplitWork: minimumSplitWork)
  }

  /// Multiply-adds below which a step is not split (hosted builds; see `ExecutionStep.splitWork`).
  static var defaultMinimumSplitWork: Int {
    #if hasFeature(Embedded)
      return 0
    #else
      return ExecutionStep.defaultMinimumSplitWork
    #endif
  }

  /// Creates a session that uses caller memory as its arena (firmware:
  /// a static buffer). The memory must stay valid and unused by anything
  /// else for the session's lifetime; it is bound to `Float` and zeroed.
  ///
  /// Throws `arenaTooSmall` when it holds fewer than `model.arenaSize`
  /// bytes and `misalignedBuffer` when its base is not 4-aligned (64 is
  /// recommended for cache lines).
  public convenience init(model: SlimModel, arena: UnsafeMutableRawBufferPointer) throws(SlimError) {
    guard arena.count >= model.arenaSize, let base = arena.baseAddress else {
      throw .arenaTooSmall(required: model.arenaSize, provided: arena.count)
    }
    guard Int(bitPattern: base) % MemoryLayout<Float>.alignment == 0 else {
      throw .misalignedBuffer(alignment: MemoryLayout<Float>.alignment)
    }
    self.init(
      model: model, validatedArena: arena, ownedArena: nil, optimized: false, threads: 1, minimumSplitWork: 0)
  }

  private init(
    model: SlimModel, validatedArena arena: UnsafeMutableRawBufferPointer, ownedArena: ZeroedMemory?, optimized: Bool,
    threads: Int, minimumSplitWork: Int
  ) {
    self.model = model
    self.minimumSplitWork = minimumSplitWork
    self.arena = arena
    self.ownedArena = ownedArena
    // Non-empty and aligned: checked by the public initializers.
    let floats = arena.baseAddress!.bindMemory(to: Float.self, capacity: arena.count / 4)
    // An owned arena comes zeroed (`ZeroedMemory`); caller memory is zeroed here.
    if ownedArena == nil { floats.initialize(repeating: 0, count: arena.count / 4) }
    #if hasFeature(Embedded)
      // Firmware runs the plain kernels; the fast paths are compiled out of Embedded builds.
      steps = model.operators.indices.map { ExecutionStep(model: model, operator: $0, arena: floats) }
      workspace = nil
    #else
      if optimized {
        let sizes = ExecutionStep.Workspace.sizes(for: model, parts: max(1, min(threads, 64)))
        let memory = UnsafeMutableRawBufferPointer.allocate(
          byteCount: max(sizes.byteCount, 1), alignment: SlimFormat.planAlignment)
        var space = ExecutionStep.Workspace(memory: memory.baseAddress!, sizes: sizes)
        steps = model.operators.indices.map {
          ExecutionStep(optimizing: model, operator: $0, arena: floats, workspace: &space)
            ?? ExecutionStep(model: model, operator: $0, arena: floats)
        }
        workspace = memory
      } else {
        steps = model.operators.indices.map { ExecutionStep(model: model, operator: $0, arena: floats) }
        workspace = nil
      }
    #endif
    #if canImport(Glibc)
      pool = optimized && threads > 1 ? WorkerPool(width: min(threads, 64)) : nil
    #endif
    func slot(_ tensor: Int) -> UnsafeMutableBufferPointer<Float> {
      let descriptor = model.tensors[tensor]
      let count = descriptor.dtype == .float32 ? descriptor.elementCount : 0
      return UnsafeMutableBufferPointer(start: floats + descriptor.offset / 4, count: count)
    }
    inputSlots = model.inputIndices.map { tensor in
      let descriptor = model.tensors[tensor]
      return UnsafeMutableRawBufferPointer(start: floats + descriptor.offset / 4, count: descriptor.byteSize)
    }
    inputTypes = model.inputIndices.map { model.tensors[$0].dtype }
    floatInputSlots = model.inputIndices.map(slot)
    outputSlots = model.outputIndices.map(slot)
  }

  deinit {
    #if canImport(Glibc)
      pool?.shutdown()
    #endif
    workspace?.deallocate()
    ownedArena?.deallocate()
  }

  /// The arena memory of float32 graph input `index`; fill it before each `run()`
  /// (the arena is reused during a run, so its contents do not survive). Empty for an
  /// input of another dtype (uint8 pixels: use `inputBytes(_:)`), so that code written
  /// for float inputs writes nothing rather than past the slot.
  /// Precondition: `index < model.inputIndices.count`.
  public func inputBuffer(_ index: Int) -> UnsafeMutableBufferPointer<Float> { floatInputSlots[index] }

  /// The arena bytes of graph input `index`, whatever its dtype (`byteSize` bytes: one per
  /// pixel for a uint8 input, HWC); fill them before each `run()`, as `inputBuffer(_:)`.
  /// Precondition: `index < model.inputIndices.count`.
  public func inputBytes(_ index: Int) -> UnsafeMutableRawBufferPointer { inputSlots[index] }

  /// The arena memory of graph output `index`, valid until the next run.
  /// Precondition: `index < model.outputIndices.count`.
  public func outputBuffer(_ index: Int) -> UnsafeBufferPointer<Float> { UnsafeBufferPointer(outputSlots[index]) }

  /// Runs the model on the inputs already written to `inputBuffer(_:)`.
  /// No allocation. Cost: the sum of the kernels' costs.
  public func run() {
    for index in steps.indices { execute(step: index) }
  }

  /// Runs step `index` on the pool when the session has one and the step is worth
  /// splitting, else on the caller's thread. No allocation.
  func execute(step index: Int) {
    #if canImport(Glibc)
      if let pool {
        steps.withUnsafeBufferPointer { steps in
          let step = steps.baseAddress! + index
          if step.pointee.isSplittable && step.pointee.splitWork >= minimumSplitWork {
            pool.run(step)
          } else {
            step.pointee.execute()
          }
        }
        return
      }
    #endif
    steps[index].execute()
  }

  /// Copies `input` in, runs, and copies the result to `output`. For models
  /// with exactly one input, float32, and one output. No allocation.
  ///
  /// Throws `inputCountMismatch`/`outputCountMismatch` for other models,
  /// `inputDTypeMismatch` when the model takes uint8 pixels (use `run(pixels:output:)`),
  /// and `inputSizeMismatch`/`outputSizeMismatch` when a buffer's element count
  /// differs from the tensor's.
  public func run(input: UnsafeBufferPointer<Float>, output: UnsafeMutableBufferPointer<Float>) throws(SlimError) {
    try runSingle(.float32, UnsafeRawBufferPointer(input), count: input.count, output: output)
  }

  /// Copies uint8 HWC `pixels` in (as a camera gives them: row by row, the channels of
  /// each pixel together), runs, and copies the result to `output`. For models with
  /// exactly one input, uint8 (`slim-pack --int8 --input uint8`), and one output. The
  /// model normalizes and quantizes inside, with integers only. No allocation.
  ///
  /// Throws as `run(input:output:)`, with `inputDTypeMismatch` when the model's input is
  /// float32; `pixels.count` must be `H·W·C`.
  public func run(pixels: UnsafeBufferPointer<UInt8>, output: UnsafeMutableBufferPointer<Float>) throws(SlimError) {
    try runSingle(.uint8, UnsafeRawBufferPointer(pixels), count: pixels.count, output: output)
  }

  /// The checks and copies of the single-input entry points; `input` holds `count`
  /// elements of `dtype`.
  private func runSingle(
    _ dtype: SlimDType, _ input: UnsafeRawBufferPointer, count: Int, output: UnsafeMutableBufferPointer<Float>
  ) throws(SlimError) {
    guard inputSlots.count == 1 else { throw .inputCountMismatch(expected: inputSlots.count, actual: 1) }
    guard outputSlots.count == 1 else { throw .outputCountMismatch(expected: outputSlots.count, actual: 1) }
    guard inputTypes[0] == dtype else { throw .inputDTypeMismatch(expected: inputTypes[0], actual: dtype) }
    let expected = inputSlots[0].count / dtype.size
    guard count == expected else { throw .inputSizeMismatch(expected: expected, actual: count) }
    guard output.count == outputSlots[0].count else {
      throw .outputSizeMismatch(expected: outputSlots[0].count, actual: output.count)
    }
    // Counts are ≥ 1 (validated shapes), so the base addresses exist.
    inputSlots[0].baseAddress!.copyMemory(from: input.baseAddress!, byteCount: inputSlots[0].count)
    run()
    output.baseAddress!.update(from: outputSlots[0].baseAddress!, count: output.count)
  }
}
