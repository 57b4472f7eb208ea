/// A tensor storage loaded from `data/<key>` in the archive.
///
/// Several tensors may view one storage (a transposed weight, slices of a
/// bigger buffer), so the bytes are loaded once per key and each tensor
/// gathers its own elements from them.
struct TorchStorage: Sendable {
  var key: String
  /// Element type; `.uint8` for an untyped (byte) storage.
  var elementType: Tensor.DType
  /// Element count declared in the persistent id, already checked to fit `bytes`.
  var count: Int
  /// The entry's bytes (a slice of the archive for stored entries).
  var bytes: ArraySlice<UInt8>
}
