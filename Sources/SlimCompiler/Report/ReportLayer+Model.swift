import SlimRuntime

extension ReportLayer {
  /// The row of operator `index` of `model`. `storedPerRawByte` is the `WGHT`
  /// section's stored/raw ratio. Cost: O(the operator's operands).
  init(model: SlimModel, operator index: Int, storedPerRawByte: Double) {
    let op = model.operators[index]
    let output = model.tensors[op.outputs[0]]
    let constants = op.inputs.map { model.tensors[$0] }.filter { $0.storage == .constant }
    let weightBytes = constants.reduce(0) { $0 + $1.byteSize }
    var fused: [String] = []
    if Self.hasWeights(op.opcode), op.inputs.count > 2 { fused.append("bias") }
    if op.activation != .none { fused.append(op.activation.reportName) }
    self.init(
      index: index, op: "\(op.opcode)", fused: fused,
      inputShapes: op.inputs.map { model.tensors[$0] }.filter { $0.storage == .activation }.map(\.shape),
      outputShape: output.shape, channels: nil,
      parameters: constants.reduce(0) { $0 + $1.elementCount },
      macs: Self.macs(opcode: op.opcode, weight: constants.first, output: output),
      weightBytes: weightBytes, weightBytesStored: Int((Double(weightBytes) * storedPerRawByte).rounded()),
      // The output's element type: float32, or int8 for the integer operators.
      dtype: "\(output.dtype)", arenaOffset: output.offset, arenaBytes: output.byteSize,
      latencyMicroseconds: nil, baselineLayer: nil)
  }

  /// Whether the opcode carries a weight (and so has channels to compare), in float32 or int8.
  static func hasWeights(_ opcode: SlimOpcode) -> Bool {
    [.conv2d, .linear, .conv2dInt8, .linearInt8].contains(opcode)
  }

  /// Batch-1 multiply-accumulates: a conv does `C/groups · kH · kW` per output
  /// element (the weight's elements per output channel), a linear layer one
  /// per weight element, int8 ones as float ones; an int8 scale and shift one per
  /// element, as the depthwise 1x1 convolution it replaces. Other operators without
  /// weights count 0.
  static func macs(opcode: SlimOpcode, weight: TensorDescriptor?, output: TensorDescriptor) -> Int {
    if opcode == .scaleShiftInt8 { return output.elementCount }
    guard hasWeights(opcode), let weight, let outChannels = weight.shape.first, outChannels > 0 else { return 0 }
    return output.elementCount * (weight.elementCount / outChannels)
  }
}
