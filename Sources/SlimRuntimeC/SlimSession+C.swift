import SlimRuntime

// The session half of `include/slim.h`. A `slim_session *` is a retained
// `SlimSession`, which itself keeps its model alive.

@_cdecl("slim_session_open")
public func slimSessionOpen(
  _ model: OpaquePointer?, _ arena: UnsafeMutableRawPointer?, _ arenaSize: Int,
  _ session: UnsafeMutablePointer<OpaquePointer?>?, _ message: UnsafeMutablePointer<CChar>?, _ messageCapacity: Int
) -> Int32 {
  guard let session else {
    writeMessage("session (the out-parameter) is NULL", to: message, capacity: messageCapacity)
    return SlimStatus.invalidArgument.rawValue
  }
  session.pointee = nil
  guard let model = borrowModel(model), let arena, arenaSize >= 0 else {
    writeMessage("model or arena is NULL", to: message, capacity: messageCapacity)
    return SlimStatus.invalidArgument.rawValue
  }
  do {
    let opened = try SlimSession(model: model, arena: UnsafeMutableRawBufferPointer(start: arena, count: arenaSize))
    session.pointee = OpaquePointer(Unmanaged.passRetained(opened).toOpaque())
    writeMessage("", to: message, capacity: messageCapacity)
    return SlimStatus.ok.rawValue
  } catch {
    writeMessage(error.description, to: message, capacity: messageCapacity)
    return SlimStatus(error).rawValue
  }
}

@_cdecl("slim_session_close")
public func slimSessionClose(_ session: OpaquePointer?) {
  guard let session else { return }
  Unmanaged<SlimSession>.fromOpaque(UnsafeRawPointer(session)).release()
}

/// No allocation: the buffers are wrapped, not copied, and `run(input:output:)`
/// allocates nothing.
@_cdecl("slim_session_run")
public func slimSessionRun(
  _ session: OpaquePointer?, _ input: UnsafePointer<Float>?, _ inputCount: Int, _ output: UnsafeMutablePointer<Float>?,
  _ outputCount: Int
) -> Int32 {
  guard let input, inputCount >= 0 else { return SlimStatus.invalidArgument.rawValue }
  return runSession(session, output, outputCount) { (running, logits) throws(SlimError) in
    try running.run(input: UnsafeBufferPointer(start: input, count: inputCount), output: logits)
  }
}

/// `slim_session_run` for uint8 pixel inputs; no allocation (`run(pixels:output:)` allocates nothing).
@_cdecl("slim_session_run_u8")
public func slimSessionRunU8(
  _ session: OpaquePointer?, _ pixels: UnsafePointer<UInt8>?, _ pixelCount: Int,
  _ output: UnsafeMutablePointer<Float>?, _ outputCount: Int
) -> Int32 {
  guard let pixels, pixelCount >= 0 else { return SlimStatus.invalidArgument.rawValue }
  return runSession(session, output, outputCount) { (running, logits) throws(SlimError) in
    try running.run(pixels: UnsafeBufferPointer(start: pixels, count: pixelCount), output: logits)
  }
}

/// The session and output checks both run functions share; `body` runs the session
/// into the wrapped output buffer. Returns the status code.
private func runSession(
  _ session: OpaquePointer?, _ output: UnsafeMutablePointer<Float>?, _ outputCount: Int,
  _ body: (SlimSession, UnsafeMutableBufferPointer<Float>) throws(SlimError) -> Void
) -> Int32 {
  guard let session, let output, outputCount >= 0 else { return SlimStatus.invalidArgument.rawValue }
  let running = Unmanaged<SlimSession>.fromOpaque(UnsafeRawPointer(session)).takeUnretainedValue()
  do {
    try body(running, UnsafeMutableBufferPointer(start: output, count: outputCount))
    return SlimStatus.ok.rawValue
  } catch {
    return SlimStatus(error).rawValue
  }
}
