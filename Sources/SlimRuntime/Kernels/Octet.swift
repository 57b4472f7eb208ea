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
