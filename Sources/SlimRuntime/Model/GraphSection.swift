/// The parsed `GRPH` section: tensors, operators and graph inputs/outputs.
struct GraphSection {
  var tensors: [TensorDescriptor]
  var operators: [OperatorRecord]
  var inputs: [Int]
  var outputs: [Int]

  /// Parses the decoded section; it must end exactly after the last operator.
  /// Cost: O(section size).
  static func parse(_ bytes: UnsafeRawBufferPointer) throws(SlimError) -> GraphSection {
    var reader = ByteReader(bytes, section: SlimFormat.graphTag)
    let tensorCount = try reader.readU32()
    let operatorCount = try reader.readU32()
    let inputCount = try reader.readU32()
    let outputCount = try reader.readU32()
    guard tensorCount >= 1, tensorCount <= UInt32(SlimFormat.maxTensorCount) else {
      throw .invalidGraph(.tensorCount(tensorCount))
    }
    guard operatorCount >= 1, operatorCount <= UInt32(SlimFormat.maxOperatorCount) else {
      throw .invalidGraph(.operatorCount(operatorCount))
    }
    guard inputCount >= 1, inputCount <= UInt32(SlimFormat.maxGraphInputs) else {
      throw .invalidGraph(.inputCount(inputCount))
    }
    guard outputCount >= 1, outputCount <= UInt32(SlimFormat.maxGraphOutputs) else {
      throw .invalidGraph(.outputCount(outputCount))
    }
    var inputs: [Int] = []
    for _ in 0..<inputCount {
      let index = try reader.readU32()
      guard index < tensorCount else { throw .invalidGraph(.inputIndexOutOfRange(index)) }
      guard !inputs.contains(Int(index)) else { throw .invalidGraph(.duplicateInput(Int(index))) }
      inputs.append(Int(index))
    }
    var outputs: [Int] = []
    for _ in 0..<outputCount {
      let index = try reader.readU32()
      guard index < tensorCount else { throw .invalidGraph(.outputIndexOutOfRange(index)) }
      outputs.append(Int(index))
    }
    // Check the descriptors fit before reserving, so a hostile count cannot
    // make us allocate for data that is not there.
    let descriptorBytes = Int(tensorCount) * SlimFormat.tensorDescriptorSize
    guard descriptorBytes <= reader.remaining else {
      throw .truncated(section: SlimFormat.graphTag, offset: reader.position, needed: descriptorBytes)
    }
    var tensors: [TensorDescriptor] = []
    tensors.reserveCapacity(Int(tensorCount))
    for index in 0..<Int(tensorCount) {
      tensors.append(try TensorDescriptor.parse(&reader, index: index))
    }
    var operators: [OperatorRecord] = []
    for index in 0..<Int(operatorCount) {
      operators.append(try OperatorRecord.parse(&reader, index: index, tensorCount: Int(tensorCount)))
    }
    guard reader.isAtEnd else { throw .invalidGraph(.trailingBytes(reader.remaining)) }
    return GraphSection(tensors: tensors, operators: operators, inputs: inputs, outputs: outputs)
  }
}
