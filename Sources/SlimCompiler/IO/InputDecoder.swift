/// Turns an input file's bytes into normalized float32 NCHW samples for a model.
///
/// Accepted forms, for a model input of shape `[1, C, H, W]`:
/// - raw float32, little-endian, NCHW, already normalized: exactly `C·H·W·4` bytes;
/// - raw uint8 HWC pixels: exactly `H·W·C` bytes, normalized as
///   `(pixel / 255 − mean[c]) / std[c]` with the model's stored mean and std;
/// - `.npy`: float arrays of shape `[C,H,W]`, `[1,C,H,W]` or `[N,C,H,W]` taken as
///   normalized, uint8 arrays of shape `[H,W,C]` or `[N,H,W,C]` taken as pixels.
public struct InputDecoder: Sendable {
  public enum Format: String, CaseIterable, Sendable {
    case auto, f32, u8, npy
  }

  public enum Failure: Error, Equatable, CustomStringConvertible {
    case sizeMismatch(bytes: Int, float32Bytes: Int, uint8Bytes: Int)
    case npy(NpyError)
    case npyShape(shape: [Int], expected: [Int])
    /// The model's stored mean/std do not have one value per input channel (a damaged or hostile model).
    case preprocessingMismatch(channels: Int, mean: Int, std: Int)
    /// Pixels were needed (the model's input is uint8) but the input is float (`form` says which).
    case pixelsNeeded(form: String)
    /// A raw pixel input of the wrong size.
    case pixelSizeMismatch(bytes: Int, uint8Bytes: Int)

    public var description: String {
      switch self {
      case .sizeMismatch(let bytes, let f32, let u8):
        return "the input has \(bytes) bytes; the model takes \(f32) bytes of raw float32 NCHW "
          + "or \(u8) bytes of raw uint8 HWC (or a .npy file); use --format to say which it is"
      case .npy(let error): return "cannot read the .npy input: \(error)"
      case .npyShape(let shape, let expected):
        return "the .npy input has shape \(shape); expected \(expected), with an optional batch dimension"
      case .preprocessingMismatch(let channels, let mean, let std):
        return "the model stores \(mean) mean and \(std) std values for its \(channels) input channels, "
          + "so uint8 pixels cannot be normalized; re-pack it with --mean/--std, or give float32 input"
      case .pixelsNeeded(let form):
        return "the input is \(form), but uint8 HWC pixels are needed (the model's input is uint8, packed with "
          + "--input uint8, and normalizes inside): give raw uint8 HWC pixels or a uint8 .npy [N,]H,W,C"
      case .pixelSizeMismatch(let bytes, let u8):
        return
          "the input has \(bytes) bytes; the model takes \(u8) bytes of raw uint8 HWC pixels (or a uint8 .npy file)"
      }
    }
  }

  public var channels: Int
  public var height: Int
  public var width: Int
  public var mean: [Float]
  public var std: [Float]

  /// `inputShape` is the model's `[1, C, H, W]`; mean and std default to 0 and 1 per channel.
  public init(inputShape: [Int], mean: [Float]?, std: [Float]?) {
    channels = inputShape.count == 4 ? inputShape[1] : 1
    height = inputShape.count == 4 ? inputShape[2] : 1
    width = inputShape.count == 4 ? inputShape[3] : inputShape.last ?? 1
    self.mean = mean ?? Array(repeating: 0, count: channels)
    self.std = std ?? Array(repeating: 1, count: channels)
  }

  var sampleCount: Int { channels * height * width }

  /// Decodes `bytes`. `pathExtension` decides `.auto` between npy and raw; raw
  /// forms are told apart by size. Returns one `C·H·W` array per sample.
  public func decode(_ bytes: [UInt8], format: Format, pathExtension: String) throws(Failure) -> [[Float]] {
    switch try resolve(format, bytes, pathExtension: pathExtension) {
    case .auto, .f32:
      guard bytes.count == sampleCount * 4 else {
        throw .sizeMismatch(bytes: bytes.count, float32Bytes: sampleCount * 4, uint8Bytes: sampleCount)
      }
      let values = bytes.withUnsafeBytes { raw in
        (0..<sampleCount).map {
          Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
        }
      }
      return [values]
    case .u8:
      guard bytes.count == sampleCount else {
        throw .sizeMismatch(bytes: bytes.count, float32Bytes: sampleCount * 4, uint8Bytes: sampleCount)
      }
      try requirePerChannelStatistics()
      return [normalize(pixels: bytes.map(Float.init))]
    case .npy:
      let array: NpyArray
      do { array = try NpyArray(bytes: bytes) } catch { throw .npy(error) }
      return try samples(from: array)
    }
  }

  /// `format`, or for `.auto` the form `bytes` have: npy by extension or magic, else raw
  /// float32 or uint8 by size. Throws `sizeMismatch` when no raw size fits.
  func resolve(_ format: Format, _ bytes: [UInt8], pathExtension: String) throws(Failure) -> Format {
    guard format == .auto else { return format }
    if pathExtension.lowercased() == "npy" || bytes.starts(with: NpyArray.magic) { return .npy }
    if bytes.count == sampleCount * 4 { return .f32 }
    if bytes.count == sampleCount { return .u8 }
    throw .sizeMismatch(bytes: bytes.count, float32Bytes: sampleCount * 4, uint8Bytes: sampleCount)
  }

  func samples(from array: NpyArray) throws(Failure) -> [[Float]] {
    let chw = [channels, height, width]
    let hwc = [height, width, channels]
    let isPixels = array.dtype == .uint8
    let expected = isPixels ? hwc : chw
    let shape = array.shape
    let batch: Int
    if shape == expected {
      batch = 1
    } else if shape.count == 4, Array(shape.dropFirst()) == expected, shape[0] >= 1 {
      batch = shape[0]
    } else {
      throw .npyShape(shape: shape, expected: expected)
    }
    if isPixels { try requirePerChannelStatistics() }
    return (0..<batch).map { n in
      let sample = Array(array.values[n * sampleCount..<(n + 1) * sampleCount])
      return isPixels ? normalize(pixels: sample) : sample
    }
  }

  /// Pixels are normalized per channel, so `mean` and `std` need one value each
  /// per channel; they come from the model file, which may be damaged.
  func requirePerChannelStatistics() throws(Failure) {
    guard mean.count == channels, std.count == channels else {
      throw .preprocessingMismatch(channels: channels, mean: mean.count, std: std.count)
    }
  }

  /// HWC pixels in 0...255 to normalized CHW floats.
  /// Precondition: `requirePerChannelStatistics()` passed.
  func normalize(pixels: [Float]) -> [Float] {
    let preprocessing = PixelPreprocessing(mean: mean, std: std)
    var chw = [Float](repeating: 0, count: sampleCount)
    for y in 0..<height {
      for x in 0..<width {
        for c in 0..<channels {
          let pixel = pixels[(y * width + x) * channels + c]
          chw[(c * height + y) * width + x] = preprocessing.normalize(pixel, channel: c)
        }
      }
    }
    return chw
  }
}
