extension ONNXGraphBuilder {
  mutating func importConv(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(["auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"])
    let x = try value(node.inputs.first ?? "", for: node)
    guard let weight = try constant(1, of: node) else { throw node.invalid("has no weight input") }
    guard shape(x).count == 4, weight.shape.count == 4 else {
      throw node.unsupported("kernel_shape", "(only 2-D convolution over [1, C, H, W] is)")
    }
    let bias = try constant(2, of: node)
    if let kernel = try node.ints("kernel_shape"), kernel != Array(weight.shape[2...]) {
      throw node.invalid("kernel_shape \(kernel) does not match the weight \(weight.shape)")
    }
    let window = try window(node, input: shape(x), kernel: (weight.shape[2], weight.shape[3]))
    var conv = GraphOperation.Conv2D(
      weight: weight.tensor(), bias: bias.map { $0.tensor(shape: [$0.count]) },
      groups: try node.int("group", default: 1))
    conv.stride = window.stride
    conv.padding = window.padding
    conv.dilation = window.dilation
    try emit(.conv2d(conv), node, inputs: [x])
  }

  mutating func importPool(_ node: ONNXNode) throws(ONNXImportError) {
    let isMax = node.op == "MaxPool"
    try node.onlyAttributes(
      Set(["auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "strides"])
        .union(isMax ? ["storage_order"] : ["count_include_pad"]))
    try onlyOutputs(1, of: node)
    let x = try value(node.inputs.first ?? "", for: node)
    guard let kernel = try node.ints("kernel_shape"), kernel.count == 2, shape(x).count == 4 else {
      throw node.unsupported("kernel_shape", "(only 2-D pooling over [1, C, H, W] is)")
    }
    let window = try window(node, input: shape(x), kernel: (kernel[0], kernel[1]))
    guard window.dilation == (1, 1) else { throw node.unsupported("dilations", "other than 1") }
    var pool = GraphOperation.Pool2D(kernel: 1)
    pool.kernel = (kernel[0], kernel[1])
    pool.stride = window.stride
    pool.padding = window.padding
    pool.ceilMode = try node.int("ceil_mode", default: 0) != 0
    pool.countIncludePad = try node.int("count_include_pad", default: 0) != 0
    if try node.int("storage_order", default: 0) != 0 { throw node.unsupported("storage_order", "= 1") }
    // In ceil mode a last window that starts on the padding is divided differently by
    // ONNX than by PyTorch (whose rule the runtime follows); refuse rather than differ.
    let padded = pool.padding.top + pool.padding.left + pool.padding.bottom + pool.padding.right > 0
    if !isMax, pool.ceilMode, padded { throw node.unsupported("ceil_mode", "= 1 with padding in AveragePool") }
    try emit(isMax ? .maxPool2d(pool) : .avgPool2d(pool), node, inputs: [x])
  }

  mutating func importGlobalAveragePool(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes([])
    try emit(.globalAvgPool, node, inputs: [try value(node.inputs.first ?? "", for: node)])
  }

  mutating func importBatchNorm(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(["epsilon", "momentum", "training_mode", "spatial", "is_test"])
    if try node.int("training_mode", default: 0) != 0 { throw node.unsupported("training_mode", "= 1 (training)") }
    if try node.int("spatial", default: 1) != 1 { throw node.unsupported("spatial", "= 0") }
    try onlyOutputs(1, of: node)
    let x = try value(node.inputs.first ?? "", for: node)
    guard shape(x).first == 1, shape(x).count >= 2 else {
      throw node.unsupported("input", "of shape \(shape(x)) (only batch 1 is)")
    }
    var parameters: [Tensor] = []
    for index in 1...4 {
      guard let constant = try constant(index, of: node) else { throw node.invalid("input \(index) is missing") }
      parameters.append(constant.tensor(shape: [constant.count]))
    }
    let bn = GraphOperation.BatchNorm(
      gamma: parameters[0], beta: parameters[1], runningMean: parameters[2], runningVar: parameters[3],
      epsilon: Double(node.float("epsilon", default: 1e-5)))
    try emit(.batchNorm(bn), node, inputs: [x])
  }

  /// Strides, dilations and explicit padding of a 2-D window, with `auto_pad` resolved
  /// against the input size as ONNX defines it (SAME_*: output = ⌈input / stride⌉).
  func window(
    _ node: ONNXNode, input: [Int], kernel: (h: Int, w: Int)
  ) throws(ONNXImportError) -> (
    stride: (h: Int, w: Int), dilation: (h: Int, w: Int), padding: (top: Int, left: Int, bottom: Int, right: Int)
  ) {
    let strides = try node.ints("strides") ?? [1, 1]
    let dilations = try node.ints("dilations") ?? [1, 1]
    guard strides.count == 2, dilations.count == 2, (strides + dilations).allSatisfy({ $0 >= 1 }) else {
      throw node.invalid("strides \(strides) and dilations \(dilations) must be two positive numbers each")
    }
    let sizes = [input[2], input[3]], kernels = [kernel.h, kernel.w]
    var pads = [0, 0, 0, 0]
    switch node.string("auto_pad", default: "NOTSET") {
    case "NOTSET":
      pads = try node.ints("pads") ?? pads
      guard pads.count == 4, pads.allSatisfy({ $0 >= 0 }) else {
        throw node.invalid("pads \(pads) must be 4 non-negative numbers")
      }
    case "VALID":
      break
    case let mode where mode == "SAME_UPPER" || mode == "SAME_LOWER":
      for axis in 0..<2 {
        let output = (sizes[axis] + strides[axis] - 1) / strides[axis]
        let extent = dilations[axis] * (kernels[axis] - 1) + 1
        let total = max(0, (output - 1) * strides[axis] + extent - sizes[axis])
        let before = mode == "SAME_UPPER" ? total / 2 : total - total / 2
        pads[axis] = before
        pads[axis + 2] = total - before
      }
    case let mode:
      throw node.unsupported("auto_pad", "= \(mode)")
    }
    return ((strides[0], strides[1]), (dilations[0], dilations[1]), (pads[0], pads[1], pads[2], pads[3]))
  }
}
