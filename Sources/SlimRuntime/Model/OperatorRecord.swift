/// One operator of the graph as stored in `GRPH`, in execution order.
///
/// Parsing checks the record's own consistency (size, opcode, activation and its
/// parameters, tensor indices in range); operand shapes and parameters are checked by the
/// model's validation, which knows the tensors.
public struct OperatorRecord: Equatable, Sendable {
  public let opcode: SlimOpcode
  /// Activation fused into the output.
  public let activation: SlimActivation
  /// Tensor indices, validated `< tensorCount`.
  public let inputs: [Int]
  public let outputs: [Int]
  /// Raw parameters of the operator, the activation's trailing ones removed; their
  /// meaning depends on `opcode` (see the spec's table).
  public let params: [Int32]

  /// Reads one record. Cost: O(inputs + outputs + params).
  static func parse(_ reader: inout ByteReader, index: Int, tensorCount: Int) throws(SlimError) -> OperatorRecord {
    func fail(_ reason: SlimError.OperatorProblem) -> SlimError { .invalidOperator(index: index, reason: reason) }
    let recordSize = try reader.readU32()
    let opcodeValue = try reader.readU16()
    let activationValue = try reader.readU8()
    try reader.skip(1)
    let inputCount = Int(try reader.readU16())
    let outputCount = Int(try reader.readU16())
    let paramCount = Int(try reader.readU16())
    try reader.skip(2)
    // Counts are u16, so this stays far below 2^31.
    guard recordSize == UInt32(SlimFormat.operatorHeaderSize + 4 * (inputCount + outputCount + paramCount)) else {
      throw fail(.recordSize(recordSize))
    }
    guard let opcode = SlimOpcode(rawValue: opcodeValue) else { throw fail(.unknownOpcode(opcodeValue)) }
    guard let activationParams = SlimActivation.parameterCount(code: activationValue) else {
      throw fail(.unknownActivation(activationValue))
    }
    guard activationParams <= paramCount else { throw fail(.paramCount(paramCount)) }
    func readIndices(_ count: Int) throws(SlimError) -> [Int] {
      var indices: [Int] = []
      indices.reserveCapacity(count)
      for _ in 0..<count {
        let value = try reader.readU32()
        guard value < UInt32(tensorCount) else { throw fail(.tensorIndexOutOfRange(value)) }
        indices.append(Int(value))
      }
      return indices
    }
    let inputs = try readIndices(inputCount)
    let outputs = try readIndices(outputCount)
    var params: [Int32] = []
    params.reserveCapacity(paramCount)
    for _ in 0..<paramCount { params.append(try reader.readI32()) }
    // The activation's parameters are the record's last params (format 1.2).
    let operatorParams = paramCount - activationParams
    let activation: SlimActivation
    do throws(SlimActivationProblem) {
      activation = try SlimActivation(code: activationValue, parameters: params[operatorParams...])
    } catch {
      switch error {
      case .unknownCode: throw fail(.unknownActivation(activationValue))
      case .parameter(let i): throw fail(.activationParameter(index: i))
      }
    }
    params.removeLast(activationParams)
    return OperatorRecord(opcode: opcode, activation: activation, inputs: inputs, outputs: outputs, params: params)
  }
}
