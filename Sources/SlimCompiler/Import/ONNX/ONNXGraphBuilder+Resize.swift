extension ONNXGraphBuilder {
  /// Resize (opset 10+) and Upsample (opset 7–9) in nearest mode that upsample H and W of
  /// a `[1, C, H, W]` value by integer factors: an `.upsampleNearest`. The output size
  /// comes from `scales` (floor(in · scale)) or `sizes` (opset 11+, `axes` of opset 18,
  /// keep_aspect_ratio_policy stretch); every output index's source, by the node's
  /// coordinate_transformation_mode and nearest_mode, must be `index / factor` (so half_pixel
  /// with round_prefer_floor, asymmetric with floor, ... all qualify for integer factors).
  /// Anything else (linear/cubic, downsampling, fractional factors, N or C resized,
  /// tf_crop_and_resize, antialias) is refused naming the attribute.
  mutating func importResize(_ node: ONNXNode) throws(ONNXImportError) {
    let isUpsample = node.op == "Upsample"
    try node.onlyAttributes(
      isUpsample
        ? ["mode", "scales"]
        : [
          "mode", "coordinate_transformation_mode", "nearest_mode", "cubic_coeff_a", "exclude_outside",
          "extrapolation_value", "antialias", "axes", "keep_aspect_ratio_policy",
        ])
    let mode = node.string("mode", default: "nearest")
    guard mode == "nearest" else { throw node.unsupported("mode", "= \(mode) (only nearest is)") }
    guard let input = node.input(0) else { throw node.invalid("needs an input") }
    let x = try value(input, for: node)
    let inShape = shape(x)
    guard inShape.count == 4, inShape[0] == 1 else {
      throw node.unsupported("input", "of shape \(inShape) (only [1, C, H, W] is)")
    }
    let transform =
      isUpsample || opset < 11 ? "asymmetric" : node.string("coordinate_transformation_mode", default: "half_pixel")
    let rounding = isUpsample || opset < 11 ? "floor" : node.string("nearest_mode", default: "round_prefer_floor")
    guard try node.int("antialias", default: 0) == 0 else { throw node.unsupported("antialias", "= 1") }
    let policy = node.string("keep_aspect_ratio_policy", default: "stretch")
    guard policy == "stretch" else {
      throw node.unsupported("keep_aspect_ratio_policy", "= \(policy) (only stretch is)")
    }
    let axes = (try node.ints("axes")) ?? [0, 1, 2, 3]
    let resolvedAxes = axes.map { $0 < 0 ? $0 + 4 : $0 }
    guard resolvedAxes.allSatisfy({ (0..<4).contains($0) }), Set(resolvedAxes).count == axes.count else {
      throw node.invalid("axes \(axes) outside rank 4")
    }
    // Output extents and the scale of each axis.
    var outShape = inShape
    var scales = [Double](repeating: 1, count: 4)
    let scalesInput = isUpsample ? (opset < 9 ? nil : 1) : (opset < 11 ? 1 : 2)
    let given: [Float]? =
      if isUpsample && opset < 9 { node.attribute("scales").map { $0.floats } } else {
        try scalesInput.flatMap { index throws(ONNXImportError) in try constant(index, of: node) }
          .flatMap { $0.count == 0 ? nil : $0.floats }
      }
    if let given {
      guard given.count == resolvedAxes.count else { throw node.invalid("scales has \(given.count) values") }
      for (axis, scale) in zip(resolvedAxes, given) {
        guard scale.isFinite, scale > 0 else { throw node.invalid("scale \(scale) is not positive") }
        scales[axis] = Double(scale)
        outShape[axis] = Int((Double(inShape[axis]) * Double(scale)).rounded(.down))
      }
    } else if !isUpsample, opset >= 11, let sizes = try constant(3, of: node), let sizeValues = sizes.integers {
      guard sizeValues.count == resolvedAxes.count else { throw node.invalid("sizes has \(sizeValues.count) values") }
      for (axis, size) in zip(resolvedAxes, sizeValues) {
        guard size >= 1, size <= Int64(ONNXLimits.maxDimension) else { throw node.invalid("size \(size)") }
        outShape[axis] = Int(size)
        scales[axis] = Double(size) / Double(inShape[axis])
      }
    } else {
      throw node.invalid("needs constant scales or sizes")
    }
    guard outShape[0] == 1, outShape[1] == inShape[1] else {
      throw node.unsupported(given == nil ? "sizes" : "scales", "resizing N or C (output \(outShape))")
    }
    var factors: [Int] = []
    for axis in 2...3 {
      let (n, m) = (inShape[axis], outShape[axis])
      guard m >= n, m % n == 0 else {
        throw node.unsupported(
          given == nil ? "sizes" : "scales", "\(inShape) to \(outShape) (only upsampling by integer factors is)")
      }
      let factor = m / n
      for index in 0..<m {
        guard let source = nearestSource(index, in: n, out: m, scale: scales[axis], transform, rounding),
          source == index / factor
        else {
          throw node.unsupported(
            "coordinate_transformation_mode",
            "= \(transform) with nearest_mode = \(rounding) at scale \(scales[axis]) (only modes that pick "
              + "index / factor are)")
        }
      }
      factors.append(factor)
    }
    try emit(.upsampleNearest(scaleH: factors[0], scaleW: factors[1]), node, inputs: [x])
  }

  /// The input index ONNX's Resize reads for output `index` along an axis of `n` → `m`
  /// elements, or nil for a mode this importer does not know.
  func nearestSource(_ index: Int, in n: Int, out m: Int, scale: Double, _ transform: String, _ rounding: String)
    -> Int?
  {
    let i = Double(index)
    let original: Double
    switch transform {
    case "half_pixel": original = (i + 0.5) / scale - 0.5
    case "asymmetric": original = i / scale
    case "pytorch_half_pixel": original = m > 1 ? (i + 0.5) / scale - 0.5 : 0
    case "align_corners": original = m == 1 ? 0 : i * Double(n - 1) / Double(m - 1)
    default: return nil
    }
    let rounded: Double
    switch rounding {
    case "round_prefer_floor":
      rounded = original - original.rounded(.down) == 0.5 ? original.rounded(.down) : original.rounded()
    case "round_prefer_ceil":
      rounded = original - original.rounded(.down) == 0.5 ? original.rounded(.up) : original.rounded()
    case "floor": rounded = original.rounded(.down)
    case "ceil": rounded = original.rounded(.up)
    default: return nil
    }
    return min(max(Int(rounded), 0), n - 1)
  }
}
