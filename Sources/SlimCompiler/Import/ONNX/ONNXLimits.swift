/// Caps applied while reading an ONNX file, so a hostile or damaged file is refused
/// before it can make the importer allocate or loop without bound.
public enum ONNXLimits {
  /// Largest `.onnx` file read (bytes); external data files have their own cap below.
  public static let maxModelBytes = 1 << 30
  /// Largest external data file (bytes).
  public static let maxExternalFileBytes = 1 << 31
  public static let maxNodes = 65_536
  public static let maxInitializers = 65_536
  /// Elements of one tensor (initializer, constant or folded value).
  public static let maxTensorElements = 1 << 28
  public static let maxRank = 8
  /// Largest single dimension (the `.slim` format's own extent limit).
  public static let maxDimension = 1 << 24
  /// Nesting depth protobuf decoding accepts.
  public static let maxMessageDepth = 64
  /// Default-domain opset versions the importer understands. The supported operators'
  /// semantics do not change in this range (versions after 13 only add element types).
  public static let opsets: ClosedRange<Int> = 7...25
}
