extension SlimModel {
  /// Checks the per-channel requantization constants of every int8 convolution and
  /// linear operator (input 3, `[2, O]` in `WGHT`): multipliers `>= 0`, shifts in
  /// `-31...30`; and those of every `scaleShiftInt8` (input 1, `[3, C]`): each
  /// channel within `SingleRoundingBounds.scaleShiftIsExact`. Shapes and types were validated before.
  /// Cost: O(output channels).
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
    for (index, op) in operators.enumerated() where op.opcode == .scaleShiftInt8 {
      let constants = tensors[op.inputs[1]]
      let channels = constants.elementCount / 3
      func constant(_ row: Int, _ channel: Int) -> Int32 {
        weights.load(fromByteOffset: constants.offset + (row * channels + channel) * 4, as: Int32.self)
      }
      for channel in 0..<channels {
        guard
          SingleRoundingBounds.scaleShiftIsExact(
            multiplier: constant(0, channel), offset: constant(1, channel), shift: constant(2, channel))
        else { throw .invalidOperator(index: index, reason: .requantization(channel: channel)) }
      }
    }
  }
}
