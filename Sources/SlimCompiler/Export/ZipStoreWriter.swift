import SlimRuntime

/// Writes a zip archive of stored (uncompressed) entries whose data starts on a
/// 64-byte boundary, the layout `torch.save` produces and `torch.load` (including
/// its mmap mode) reads.
///
/// We write our own rather than use a zip library: the format subset is tiny
/// (stored entries, no zip64, no encryption), the project may only depend on the
/// packages this machine has, and the alignment padding torch expects is not
/// something general zip writers offer.
struct ZipStoreWriter {
  /// Entries and archives stay below the 32-bit zip limits (no zip64).
  static let maxSize = Int(UInt32.max) - 1

  private(set) var bytes: [UInt8] = []
  private var central: [UInt8] = []
  private var count = 0

  enum Failure: Error { case tooLarge(String) }

  /// Appends one entry. Cost: O(data) (copy and CRC).
  mutating func add(name: String, data: [UInt8]) throws(Failure) {
    let nameBytes = Array(name.utf8)
    guard data.count <= Self.maxSize, bytes.count + data.count + 200 <= Self.maxSize else {
      throw .tooLarge(name)
    }
    let offset = bytes.count
    // Pad with an extra field so the data starts at a multiple of 64.
    let headerEnd = offset + 30 + nameBytes.count + 4
    let padding = (64 - headerEnd % 64) % 64
    let extra: [UInt8] = [0x46, 0x42] + le16(padding) + [UInt8](repeating: 0x5A, count: padding)  // 'FB', torch's tag
    let crc = CRC32.checksum(data)
    // Signature, version, flags, stored, time, date.
    bytes += le32(0x0403_4b50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
    bytes += le32(Int(crc)) + le32(data.count) + le32(data.count) + le16(nameBytes.count) + le16(extra.count)
    bytes += nameBytes + extra + data
    central += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
    central += le32(Int(crc)) + le32(data.count) + le32(data.count) + le16(nameBytes.count) + le16(0) + le16(0)
    central += le16(0) + le16(0) + le32(0) + le32(offset) + nameBytes
    count += 1
  }

  /// The finished archive (central directory and end record appended).
  mutating func finish() throws(Failure) -> [UInt8] {
    guard count < 0xFFFF, bytes.count + central.count + 22 <= Self.maxSize else { throw .tooLarge("archive") }
    let directoryOffset = bytes.count
    var result = bytes + central
    result += le32(0x0605_4b50) + le16(0) + le16(0) + le16(count) + le16(count)
    result += le32(central.count) + le32(directoryOffset) + le16(0)
    return result
  }

  private func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
  private func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
}
