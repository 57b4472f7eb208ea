extension SlimModel {
  /// Checks the per-channel requantization constants of every int8 convolution and
  /// linear operator (inputs 3 and 4, in `WGHT`): multipliers `>= 0`, shifts in
  /// `-31...30`. Shapes and types were validated before. Cost: O(output channels).
  static func validateRequantization(
    operators: [OperatorRecord], tensors: [TensorDescriptor], weights: UnsafeRawBufferPointer
  ) throws(SlimError) {
    for (index, op) in operators.enumerated() where op.opcode == .conv2dInt8 || op.opcode == .linearInt8 {
      let multipliers = tensors[op.inputs[3]], shifts = tensors[op.inputs[4]]
      for channel in 0..<multipliers.elementCount {
        let multiplier = weights.load(fromByteOffset: multipliers.offset + channel * 4, as: Int32.self)
        let shift = weights.load(fromByteOffset: shifts.offset + channel * 4, as: Int32.self)
        guard multiplier >= 0, Requantization.shiftRange.contains(shift) else {
          throw .invalidOperator(index: index, reason: .requantization(channel: channel))
        }
      }
    }
  }
}
