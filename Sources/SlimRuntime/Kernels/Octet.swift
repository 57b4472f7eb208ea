/// Eight values of one type: the accumulators of a micro-kernel call, one per
/// output pixel (or channel), kept as a tuple so they stay in registers.
typealias Octet<Value> = (Value, Value, Value, Value, Value, Value, Value, Value)

/// Calls `body(index, value)` for the first `count` (1...8) values of `octet`, in order.
@inline(__always)
func forEach<Value>(in octet: Octet<Value>, prefix count: Int, _ body: (Int, Value) -> Void) {
  body(0, octet.0)
  if count > 1 { body(1, octet.1) }
  if count > 2 { body(2, octet.2) }
  if count > 3 { body(3, octet.3) }
  if count > 4 { body(4, octet.4) }
  if count > 5 { body(5, octet.5) }
  if count > 6 { body(6, octet.6) }
  if count > 7 { body(7, octet.7) }
}

/// `octet`'s first four values, then its fourth again in the other four places. An
/// inlined micro-kernel whose result goes through this has no use for its last four
/// accumulators, so LLVM drops their multiply-adds: the micro-kernels' calls of at most
/// four pixels (2x2 planes, short tails) take half the work this way. Cost: O(1).
@_transparent
func firstFour<Value>(of octet: Octet<Value>) -> Octet<Value> {
  (octet.0, octet.1, octet.2, octet.3, octet.3, octet.3, octet.3, octet.3)
}
