// Hosted builds only (see the fast-path cases of `ExecutionStep`).
#if !hasFeature(Embedded)
  extension ExecutionStep {
    /// A residual add fused into the convolution before it: the convolution adds
    /// `residual` to its results as it stores them, into the add's output, with the
    /// add's activation; the add's step then does nothing (`residualAdded`). ResNets
    /// end every block so (PreResNet-164: 54 adds, each a pass that read two tensors
    /// and wrote one), and ONNX Runtime fuses them the same way.
    struct ResidualFusion {
      let residual: UnsafePointer<Float>
      let output: UnsafeMutablePointer<Float>
      let activation: SlimActivation
    }

    /// How operator `index + 1`, when it is a residual add, fuses into convolution
    /// `index`; nil when any condition fails:
    /// - `index` is a float convolution without activation that sessions run with a
    ///   blocked kernel which reads residuals (`BlockedConv2D.readsResidual`);
    /// - `index + 1` adds its output to another activation of the same shape (no
    ///   broadcasting), and nothing else reads that output, nor is it a graph output;
    /// - the add's output overlaps neither the convolution's input (read while it is
    ///   written) nor, unless it is that very tensor (the add in place), the other operand.
    ///
    /// Operators are in execution order, so nothing runs between the two: the add's
    /// output, which the plan keeps clear of every tensor live at the add, is free
    /// when the convolution writes it, except where a tensor dies at the convolution,
    /// which only its input can. Cost: O(operators).
    static func residualFusion(
      _ model: SlimModel, convolution index: Int, arena: UnsafeMutablePointer<Float>
    ) -> ResidualFusion? {
      let operators = model.operators
      guard index >= 0, index + 1 < operators.count else { return nil }
      let convolution = operators[index], add = operators[index + 1]
      guard case .conv2d(let g) = model.geometries[index], convolution.activation == .none,
        !WinogradConv2D.isPreferred(g), BlockedConv2D.isEligible(g),
        BlockedConv2D.readsResidual(BlockedConv2D.preferredKernel(g)),
        case .elementwise(let e) = model.geometries[index + 1], e.operation == .add, case .same = e.layout
      else { return nil }
      let sum = convolution.outputs[0]
      guard add.inputs.count == 2, add.inputs.filter({ $0 == sum }).count == 1,
        !model.outputIndices.contains(sum),
        !operators[(index + 2)...].contains(where: { $0.inputs.contains(sum) })
      else { return nil }
      let other = add.inputs[0] == sum ? add.inputs[1] : add.inputs[0]
      let input = model.tensors[convolution.inputs[0]], residual = model.tensors[other]
      let output = model.tensors[add.outputs[0]]
      guard residual.storage == .activation, residual.byteSize == output.byteSize else { return nil }
      func overlaps(_ a: TensorDescriptor, _ b: TensorDescriptor) -> Bool {
        a.storage == .activation && a.offset < b.offset + b.byteSize && b.offset < a.offset + a.byteSize
      }
      guard !overlaps(input, output), residual.offset == output.offset || !overlaps(residual, output) else {
        return nil
      }
      // Arena offsets are multiples of 64, so dividing by 4 is exact.
      return ResidualFusion(
        residual: UnsafePointer(arena + residual.offset / 4), output: arena + output.offset / 4,
        activation: add.activation)
    }
  }
#endif
