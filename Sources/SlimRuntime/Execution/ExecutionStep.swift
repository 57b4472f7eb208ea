/// One operator resolved to a kernel call with concrete pointers.
///
/// Built once per session; `execute` only dispatches, so running a model
/// does no lookups, checks or allocation. Pointers are valid for the
/// session's lifetime (arena) and the model's (weights).
enum ExecutionStep {
  case conv2d(
    Conv2D.Geometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    output: UnsafeMutablePointer<Float>, activation: SlimActivation)
  case linear(
    inFeatures: Int, outFeatures: Int, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, activation: SlimActivation)
  case pool2d(
    Pool2D.Geometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, activation: SlimActivation)
  case globalAvgPool(
    channels: Int, spatial: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    activation: SlimActivation)
  case elementwise(
    Elementwise.Geometry, a: UnsafePointer<Float>, b: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    activation: SlimActivation)
  case concat(
    outerCount: Int, innerSizes: [Int], inputs: [UnsafePointer<Float>], output: UnsafeMutablePointer<Float>,
    activation: SlimActivation)
  /// Reshape or activation: copy unless aliased, then activate.
  case unary(count: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, activation: SlimActivation)
  /// An int8 operator (opcodes 20...33).
  case int8(Int8Step)
  #if !hasFeature(Embedded)
    /// Fast paths (see `ExecutionStep+Optimized.swift`); their reference kernels are the cases above.
    /// Hosted builds only: firmware sessions run the plain kernels, so leaving these out of
    /// Embedded builds keeps the SIMD kernels out of the image.
    case blockedConv2d(BlockedConv2D)
    case winogradConv2d(WinogradConv2D)
    case blockedConv2dInt8(BlockedConv2DInt8)
    case depthwiseConv2d(NarrowFloatDepthwiseConv2D)
    case wideDepthwiseConv2d(WideFloatDepthwiseConv2D)
    case depthwiseConv2dInt8(NarrowInt8DepthwiseConv2D)
    case wideDepthwiseConv2dInt8(WideInt8DepthwiseConv2D)
    case byteDotDepthwiseConv2dInt8(ByteDotDepthwiseConv2D)
    case byteDotStemConv2dInt8(ByteDotStemConv2D)
    case linearInt8SIMD(LinearInt8.Operands)
    case channelAffine(ChannelAffine)
    case channelAffineInt8(ChannelAffineInt8)
    case maxPool2x2(
      Pool2D.Geometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, activation: SlimActivation)
    case maxPool2x2Int8(Pool2D.Geometry, input: UnsafeRawPointer, output: UnsafeMutableRawPointer)
    /// A residual add the convolution before it computes (`ResidualFusion`): nothing to run.
    case residualAdded
    case linearSIMD(
      inFeatures: Int, outFeatures: Int, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
      bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, activation: SlimActivation)
  #endif
  case gatherChannels(
    spatial: Int, indexes: [Int], input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    activation: SlimActivation)
  case pad(Pad2D.Geometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, activation: SlimActivation)
  case upsampleNearest(
    UpsampleNearest.Geometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    activation: SlimActivation)

  /// Resolves operator `index` of `model` against an arena bound to `Float`.
  init(model: SlimModel, operator index: Int, arena: UnsafeMutablePointer<Float>) {
    let op = model.operators[index]
    func read(_ tensor: Int) -> UnsafePointer<Float> {
      let descriptor = model.tensors[tensor]
      switch descriptor.storage {
      case .constant: return model.constantData(tensor)
      // Arena offsets are multiples of 64, so dividing by 4 is exact.
      case .activation: return UnsafePointer(arena + descriptor.offset / 4)
      }
    }
    func optionalRead(_ operand: Int) -> UnsafePointer<Float>? {
      operand < op.inputs.count ? read(op.inputs[operand]) : nil
    }
    // Validation proved outputs are activations.
    let output = arena + model.tensors[op.outputs[0]].offset / 4
    let activation = op.activation
    switch model.geometries[index] {
    case .conv2d(let g):
      self = .conv2d(
        g, input: read(op.inputs[0]), weight: read(op.inputs[1]), bias: optionalRead(2), output: output,
        activation: activation)
    case .linear(let inFeatures, let outFeatures):
      self = .linear(
        inFeatures: inFeatures, outFeatures: outFeatures, input: read(op.inputs[0]), weight: read(op.inputs[1]),
        bias: optionalRead(2), output: output, activation: activation)
    case .pool2d(let g):
      self = .pool2d(g, input: read(op.inputs[0]), output: output, activation: activation)
    case .globalAvgPool(let channels, let spatial):
      self = .globalAvgPool(
        channels: channels, spatial: spatial, input: read(op.inputs[0]), output: output, activation: activation)
    case .elementwise(let g):
      self = .elementwise(g, a: read(op.inputs[0]), b: read(op.inputs[1]), output: output, activation: activation)
    case .concat(let outerCount, let innerSizes):
      self = .concat(
        outerCount: outerCount, innerSizes: innerSizes, inputs: op.inputs.map(read), output: output,
        activation: activation)
    case .unary(let count):
      self = .unary(count: count, input: read(op.inputs[0]), output: output, activation: activation)
    case .int8(let geometry):
      self = .int8(Int8Step(model: model, operator: index, geometry: geometry, arena: arena))
    case .gatherChannels(let spatial, let indexes):
      self = .gatherChannels(
        spatial: spatial, indexes: indexes, input: read(op.inputs[0]), output: output, activation: activation)
    case .pad(let g):
      self = .pad(g, input: read(op.inputs[0]), output: output, activation: activation)
    case .upsampleNearest(let g):
      self = .upsampleNearest(g, input: read(op.inputs[0]), output: output, activation: activation)
    }
  }

  /// Runs the kernel. No allocation, no checks.
  func execute() {
    switch self {
    case .conv2d(let g, let input, let weight, let bias, let output, let activation):
      Conv2D.run(g, input: input, weight: weight, bias: bias, output: output, activation: activation)
    case .linear(let inFeatures, let outFeatures, let input, let weight, let bias, let output, let activation):
      Linear.run(
        inFeatures: inFeatures, outFeatures: outFeatures, input: input, weight: weight, bias: bias, output: output,
        activation: activation)
    case .pool2d(let g, let input, let output, let activation):
      Pool2D.run(g, input: input, output: output, activation: activation)
    case .globalAvgPool(let channels, let spatial, let input, let output, let activation):
      Pool2D.globalAverage(channels: channels, spatial: spatial, input: input, output: output, activation: activation)
    case .elementwise(let g, let a, let b, let output, let activation):
      Elementwise.run(g, a: a, b: b, output: output, activation: activation)
    case .concat(let outerCount, let innerSizes, let inputs, let output, let activation):
      Concat.run(outerCount: outerCount, innerSizes: innerSizes, inputs: inputs, output: output, activation: activation)
    case .unary(let count, let input, let output, let activation):
      Activation.apply(activation, input: input, output: output, count: count)
    case .int8(let step):
      step.execute()
    #if !hasFeature(Embedded)
      case .blockedConv2d, .winogradConv2d, .blockedConv2dInt8, .depthwiseConv2d, .wideDepthwiseConv2d,
        .depthwiseConv2dInt8, .wideDepthwiseConv2dInt8, .byteDotDepthwiseConv2dInt8, .byteDotStemConv2dInt8,
        .linearSIMD, .linearInt8SIMD, .channelAffine, .channelAffineInt8, .maxPool2x2, .maxPool2x2Int8:
        execute(part: 0, of: 1)
      case .residualAdded:
        break
    #endif
    case .gatherChannels(let spatial, let indexes, let input, let output, let activation):
      indexes.withUnsafeBufferPointer {
        GatherChannels.run(spatial: spatial, indexes: $0, input: input, output: output, activation: activation)
      }
    case .pad(let g, let input, let output, let activation):
      Pad2D.run(g, input: input, output: output, activation: activation)
    case .upsampleNearest(let g, let input, let output, let activation):
      UpsampleNearest.run(g, input: input, output: output, activation: activation)
    }
  }
}
