import CZlib

/// zlib's CRC-32 and raw inflate, wrapped for untrusted input.
///
/// zlib's CRC-32 is vectorised and much faster than a table loop, which
/// matters when every storage of a 100 MB checkpoint is verified. Inflate is
/// only used for deflated entries, which torch itself never writes but other
/// zip tools do when a checkpoint is re-packed.
enum ZlibCodec {
  /// CRC-32 (the zip/PNG polynomial) of `bytes`.
  static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.withUnsafeBufferPointer { buffer -> UInt32 in
      guard var pointer = buffer.baseAddress else { return 0 }
      var crc = CZlib.crc32(0, nil, 0)
      var remaining = buffer.count
      // zlib's length parameter is 32-bit; feed at most 1 GiB at a time.
      while remaining > 0 {
        let chunk = min(remaining, 1 << 30)
        crc = CZlib.crc32(crc, pointer, uInt(chunk))
        pointer += chunk
        remaining -= chunk
      }
      return UInt32(truncatingIfNeeded: crc)
    }
  }

  /// Inflates a raw deflate stream into exactly `expectedSize` bytes.
  ///
  /// The output buffer is `expectedSize` bytes, which the caller has already
  /// checked against the caps, so a stream that would produce more is
  /// rejected rather than growing memory.
  static func inflate(
    _ input: ArraySlice<UInt8>, expectedSize: Int, entry: String
  ) throws(CheckpointError) -> [UInt8] {
    var stream = z_stream()
    let initStatus = inflateInit2_(
      &stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard initStatus == Z_OK else {
      throw .malformedArchive("zlib could not start inflating '\(entry)'")
    }
    defer { inflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: expectedSize)
    let status = input.withUnsafeBufferPointer { inBuffer -> Int32 in
      output.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
        stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
        stream.avail_in = uInt(inBuffer.count)
        stream.next_out = outBuffer.baseAddress
        stream.avail_out = uInt(outBuffer.count)
        return CZlib.inflate(&stream, Z_FINISH)
      }
    }
    guard status == Z_STREAM_END, Int(stream.total_out) == expectedSize else {
      throw .malformedArchive("deflated entry '\(entry)' is corrupt or not \(expectedSize) bytes")
    }
    return output
  }
}
