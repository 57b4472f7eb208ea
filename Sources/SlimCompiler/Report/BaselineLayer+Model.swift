import SlimRuntime

extension BaselineLayer {
  /// The conv and linear operators of a `.slim` model, in execution order.
  static func layers(of model: SlimModel) -> [BaselineLayer] {
    model.operators.enumerated().compactMap { index, op in
      guard ReportLayer.hasWeights(op.opcode), op.inputs.count > 1 else { return nil }
      let weight = model.tensors[op.inputs[1]]
      let parameters = op.inputs.dropFirst().reduce(0) { $0 + model.tensors[$1].elementCount }
      return BaselineLayer(
        name: "#\(index) \(op.opcode)", op: "\(op.opcode)", channels: weight.shape[0], parameters: parameters,
        macs: ReportLayer.macs(opcode: op.opcode, weight: weight, output: model.tensors[op.outputs[0]]),
        followedByBatchNorm: false)
    }
  }
}
