#if Zlib
  import CZlib
#endif

/// Decodes zlib-compressed sections (RFC 1950). Without the `Zlib` trait every
/// compressed section is rejected with `SlimError.compressionUnavailable`.
enum Inflater {
  /// Whether this build can inflate.
  static var isAvailable: Bool {
    #if Zlib
      return true
    #else
      return false
    #endif
  }

  /// Inflates `source` into exactly `destination.count` bytes.
  ///
  /// Throws `inflateFailed` unless the stream is valid, consumes all of
  /// `source` and produces exactly the destination's size. Cost: O(output).
  static func inflate(
    _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer,
    section: FourCC
  ) throws(SlimError) {
    #if Zlib
      guard let out = destination.baseAddress, let src = source.baseAddress else {
        throw .inflateFailed(section: section)
      }
      var outLength = uLongf(destination.count)
      var inLength = uLong(source.count)
      let status = uncompress2(
        out.assumingMemoryBound(to: Bytef.self), &outLength,
        src.assumingMemoryBound(to: Bytef.self), &inLength)
      guard status == Z_OK, outLength == uLongf(destination.count), inLength == uLong(source.count)
      else { throw .inflateFailed(section: section) }
    #else
      throw .compressionUnavailable(section: section)
    #endif
  }
}
