extension SlimModel {
  /// Checks the per-channel requantization constants of every int8 convolution and
  /// linear operator (input 3, `[2, O]` in `WGHT`): multipliers `>= 0`, shifts in
  /// `-31...30`. Shapes and types were validated before. Cost: O(output channels).
  static func validateRequantization(
    operators: [OperatorRecord], tensors: [TensorDescriptor], weights: UnsafeRawBufferPointer
  ) throws(SlimError) {
    for (index, op) in operators.enumerated() where op.opcode == .conv2dInt8 || op.opcode == .linearInt8 {
      let requantization = tensors[op.inputs[3]]
      let channels = requantization.elementCount / 2
      for channel in 0..<channels {
        let multiplier = weights.load(fromByteOffset: requantization.offset + channel * 4, as: Int32.self)
        let shift = weights.load(fromByteOffset: requantization.offset + (channels + channel) * 4, as: Int32.self)
        guard multiplier >= 0, Requantization.shiftRange.contains(shift) else {
          throw .invalidOperator(index: index, reason: .requantization(channel: channel))
        }
      }
    }
  }
}
