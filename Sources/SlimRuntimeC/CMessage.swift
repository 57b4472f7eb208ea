/// Writes `text` into a caller's C buffer as a NUL-terminated string.
///
/// Truncates to at most `capacity - 1` bytes, cutting only at a UTF-8
/// scalar boundary so the result stays valid UTF-8. Does nothing when
/// `buffer` is NULL or `capacity` is not positive. Cost: O(capacity).
func writeMessage(_ text: String, to buffer: UnsafeMutablePointer<CChar>?, capacity: Int) {
  guard let buffer, capacity > 0 else { return }
  let utf8 = text.utf8
  var end = min(utf8.count, capacity - 1)
  if end < utf8.count {
    // Back off so the cut does not split a multi-byte scalar: the byte at
    // `end` must not be a continuation byte (10xxxxxx).
    let bytes = Array(utf8.prefix(end + 1))
    while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
  }
  var length = 0
  for byte in utf8.prefix(end) {
    buffer[length] = CChar(bitPattern: byte)
    length += 1
  }
  buffer[length] = 0
}
