/// Whole-graph checks that need tensors, operators and the plan together:
/// constants inside `WGHT`, graph inputs and outputs, per-operator shapes,
/// topological order, single writers and the plan's aliasing rule.
extension SlimModel {
  /// Fills each activation's arena offset into `graph.tensors` and returns the
  /// kernel geometry of each operator.
  ///
  /// Cost: O(file) plus O(operators · activations) for the aliasing check.
  static func validate(
    graph: inout GraphSection, plan: MemoryPlan, weightsSize: Int
  ) throws(SlimError) -> [OperatorGeometry] {
    for index in graph.tensors.indices {
      switch graph.tensors[index].storage {
      case .constant:
        // offset ≤ 1 GiB and byteSize ≤ 1 GiB (checked at parse), so no overflow.
        guard graph.tensors[index].offset + graph.tensors[index].byteSize <= weightsSize else {
          throw .invalidTensor(index: index, reason: .constantOutOfWeights)
        }
      case .activation:
        graph.tensors[index].offset = plan.offsets[index]
      }
    }
    for index in graph.inputs + graph.outputs where graph.tensors[index].storage != .activation {
      throw .invalidGraph(.ioNotActivation(index))
    }
    // uint8 inputs are camera pixels for `quantizePixels`; the operators' own dtype checks
    // keep any other operator from reading them.
    for index in graph.inputs where graph.tensors[index].dtype != .float32 && graph.tensors[index].dtype != .uint8 {
      throw .invalidGraph(.inputDType(index))
    }
    for index in graph.outputs where graph.tensors[index].dtype != .float32 {
      throw .invalidGraph(.ioNotFloat(index))
    }

    let tensors = graph.tensors
    let operatorCount = graph.operators.count
    // Operator index that writes each activation; -1 for graph inputs.
    let unwritten = Int.min
    var writer = [Int](repeating: unwritten, count: tensors.count)
    // Last operator index reading each tensor; operatorCount for graph outputs
    // (the caller reads them after the run).
    var lastReader = [Int](repeating: -2, count: tensors.count)
    for input in graph.inputs { writer[input] = -1 }
    for output in graph.outputs { lastReader[output] = operatorCount }

    var geometries: [OperatorGeometry] = []
    geometries.reserveCapacity(operatorCount)
    for (index, op) in graph.operators.enumerated() {
      if !op.opcode.isInt8 { try ShapeInference.checkFloatOperands(op, index: index, tensors: tensors) }
      geometries.append(try ShapeInference.infer(op, index: index, tensors: tensors))
      for input in op.inputs where tensors[input].storage == .activation {
        guard writer[input] != unwritten, writer[input] < index else {
          throw .invalidOperator(index: index, reason: .inputNotReady(tensor: input))
        }
        lastReader[input] = max(lastReader[input], index)
      }
      for output in op.outputs {
        guard tensors[output].storage == .activation else {
          throw .invalidOperator(index: index, reason: .outputNotActivation(tensor: output))
        }
        guard writer[output] == unwritten else { throw .invalidTensor(index: output, reason: .writtenTwice) }
        writer[output] = index
      }
    }
    for index in tensors.indices where tensors[index].storage == .activation && writer[index] == unwritten {
      throw .invalidTensor(index: index, reason: .neverWritten)
    }

    try checkAliasing(graph: graph, tensors: tensors, writer: writer, lastReader: lastReader)
    return geometries
  }

  /// The plan's rule: no operator writes its output over a tensor that is
  /// live when it starts (written before, read by it or later), except an
  /// exact in-place alias of the spec's in-place operand (add's `a`,
  /// activation's or reshape's `x`) that nothing reads afterwards. Graph
  /// inputs are all written at once, so they must not overlap each other.
  private static func checkAliasing(
    graph: GraphSection, tensors: [TensorDescriptor], writer: [Int], lastReader: [Int]
  ) throws(SlimError) {
    func overlap(_ a: Int, _ b: Int) -> Bool {
      tensors[a].offset < tensors[b].offset + tensors[b].byteSize
        && tensors[b].offset < tensors[a].offset + tensors[a].byteSize
    }
    for (i, a) in graph.inputs.enumerated() {
      for b in graph.inputs[(i + 1)...] where overlap(a, b) {
        throw .invalidTensor(index: b, reason: .overlapsTensor(a))
      }
    }
    var activations: [Int] = []
    for index in tensors.indices where tensors[index].storage == .activation { activations.append(index) }
    for (index, op) in graph.operators.enumerated() {
      for output in op.outputs {
        for other in activations where other != output && writer[other] <= index && lastReader[other] >= index {
          guard overlap(output, other) else { continue }
          let inPlaceOperand: Int? =
            switch op.opcode {
            case .add, .mul, .sub, .div, .activation, .reshape: op.inputs[0]
            default: nil
            }
          // A broadcast `a` smaller than the output is read after it is overwritten: never in place.
          let isExactInPlace =
            other == inPlaceOperand && lastReader[other] == index && tensors[other].offset == tensors[output].offset
            && tensors[other].byteSize == tensors[output].byteSize
          guard isExactInPlace else {
            throw .invalidOperator(index: index, reason: .outputOverlapsLiveTensor(tensor: other))
          }
        }
      }
    }
  }
}
