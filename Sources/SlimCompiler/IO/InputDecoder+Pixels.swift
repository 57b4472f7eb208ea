/// Decoding for models whose graph input is uint8 pixels (`slim-pack --int8 --input uint8`):
/// such a model normalizes and quantizes inside, so the host passes pixels through
/// untouched and refuses float input (it could only be un-normalized by guessing).
extension InputDecoder {
  /// A decoder for a model input of shape `[1, H, W, C]` (uint8 HWC pixels). It has no
  /// mean or std: only `decodePixels` is meant for it.
  public init(pixelInputShape shape: [Int]) {
    let hwc = shape.count == 4 ? Array(shape.dropFirst()) : [1, 1, shape.last ?? 1]
    self.init(inputShape: [1, hwc[2], hwc[0], hwc[1]], mean: [], std: [])
  }

  /// The uint8 HWC pixel samples in `bytes`: raw `H·W·C` bytes, or a uint8 `.npy` of shape
  /// `[H,W,C]` or `[N,H,W,C]`. Float forms (raw float32, float `.npy`) are refused with
  /// `pixelsNeeded`; `.auto` tells the forms apart as `decode` does.
  public func decodePixels(_ bytes: [UInt8], format: Format, pathExtension: String) throws(Failure) -> [[UInt8]] {
    let resolved: Format
    do { resolved = try resolve(format, bytes, pathExtension: pathExtension) } catch {
      throw .pixelSizeMismatch(bytes: bytes.count, uint8Bytes: sampleCount)
    }
    switch resolved {
    case .auto, .f32:
      throw .pixelsNeeded(form: "raw float32 (\(bytes.count) bytes)")
    case .u8:
      guard bytes.count == sampleCount else { throw .pixelSizeMismatch(bytes: bytes.count, uint8Bytes: sampleCount) }
      return [bytes]
    case .npy:
      let array: NpyArray
      do { array = try NpyArray(bytes: bytes) } catch { throw .npy(error) }
      guard array.dtype == .uint8 else { throw .pixelsNeeded(form: "a .npy array of \(array.dtype.rawValue)") }
      let expected = [height, width, channels]
      let batch: Int
      if array.shape == expected {
        batch = 1
      } else if array.shape.count == 4, Array(array.shape.dropFirst()) == expected, array.shape[0] >= 1 {
        batch = array.shape[0]
      } else {
        throw .npyShape(shape: array.shape, expected: expected)
      }
      // uint8 elements convert to Float exactly, so this conversion back is exact too.
      return (0..<batch).map { n in array.values[n * sampleCount..<(n + 1) * sampleCount].map { UInt8($0) } }
    }
  }
}
