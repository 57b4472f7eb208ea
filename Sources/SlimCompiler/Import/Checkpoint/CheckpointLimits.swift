/// Safety caps for reading untrusted checkpoints.
///
/// A checkpoint's headers declare sizes and counts that drive allocations and
/// loops; these caps bound them before any memory is reserved, so a crafted
/// file fails with `CheckpointError.tooLarge` instead of exhausting the host.
/// The defaults are far above what real CNN checkpoints need.
struct CheckpointLimits: Sendable {
  /// Largest checkpoint file accepted.
  var maxFileBytes = 4 << 30
  /// Most zip entries (torch writes a few per tensor storage).
  var maxEntries = 65_536
  /// Longest zip entry name, in bytes.
  var maxNameBytes = 4_096
  /// Largest single entry after decompression.
  var maxEntryBytes = 4 << 30
  /// Sum of the declared uncompressed sizes of all entries.
  var maxTotalUncompressedBytes = 4 << 30
  /// Highest uncompressed/compressed ratio believed for a deflated entry
  /// (deflate cannot exceed about 1032:1, so more is a zip bomb).
  var maxCompressionRatio = 1_100
  /// Largest `data.pkl`.
  var maxPickleBytes = 64 << 20
  /// Deepest container nesting in the pickle.
  var maxDepth = 1_000
  /// Most items on the pickle stack at once.
  var maxStackItems = 1 << 20
  /// Most marks open at once.
  var maxMarks = 1 << 16
  /// Most memo slots.
  var maxMemoEntries = 1 << 20
  /// Most elements in one list, tuple, dict or set.
  var maxContainerElements = 1 << 24
  /// Longest string or bytes object, in bytes.
  var maxStringBytes = 16 << 20
  /// Most bytes in a LONG1/LONG4 integer encoding.
  var maxLongBytes = 64
  /// Most tensor elements produced in total (each becomes a 4-byte Float).
  var maxTotalTensorElements = 1 << 30
  /// Highest tensor rank.
  var maxRank = 64
}
