/// One slot on the unpickler's stack or in its memo.
///
/// Besides finished values it holds the things that only exist while
/// reading: mutable containers, allowlisted globals and loaded storages.
enum PickleItem {
  /// A scalar, string, bytes or tensor (never a container).
  case value(PickleValue)
  case container(PickleContainer)
  case global(TorchGlobal)
  case storage(TorchStorage)
}
