/// Everything that can go wrong while reading a PyTorch checkpoint.
///
/// Checkpoints come from the internet, so every failure is an ordinary, typed
/// value: the reader never traps on input. Each case names the thing that was
/// wrong (entry, opcode offset, global, key) so a user can tell a damaged
/// download from an unsupported feature from a malicious file.
public enum CheckpointError: Error, Sendable, Equatable {
  /// The file could not be opened or read.
  case fileUnreadable(path: String, reason: String)
  /// No zip end-of-central-directory record: not a torch.save (>= 1.6) file.
  case notAZipArchive
  /// The pre-1.6 torch.save format (a bare pickle stream), which is not supported.
  case legacyFormat
  /// A TorchScript archive (`torch.jit.save`) rather than a `torch.save` file.
  case torchScriptArchive
  /// The data ended before a structure that it declares.
  case truncated(what: String)
  /// A zip structure is malformed in a way that is not a plain truncation.
  case malformedArchive(String)
  /// A zip entry's header or data lies outside the file or inside the central directory.
  case entryOutOfBounds(name: String)
  /// Two zip entries claim the same bytes.
  case overlappingEntries(first: String, second: String)
  /// Two zip entries have the same name, so which one is meant is ambiguous.
  case duplicateEntry(name: String)
  /// A zip feature this reader deliberately does not implement.
  case unsupportedZipFeature(String)
  /// A size or count is above the reader's safety limit.
  case tooLarge(what: String, limit: Int)
  /// A zip entry's CRC-32 does not match its bytes.
  case crcMismatch(entry: String)
  /// The archive lacks an entry that torch always writes.
  case missingEntry(name: String)
  /// The archive holds tensors in big-endian byte order.
  case bigEndian
  /// The pickle imports a global outside the data-only allowlist.
  case forbiddenGlobal(module: String, name: String)
  /// The pickle uses an opcode outside the data-only subset.
  case unsupportedOpcode(opcode: UInt8, offset: Int)
  /// BINGET/LONG_BINGET refers to a memo slot that was never written.
  case memoOutOfRange(index: Int, offset: Int)
  /// An opcode needed more stack items (or a mark) than there were.
  case stackUnderflow(offset: Int)
  /// Containers are nested deeper than the limit.
  case nestingTooDeep(limit: Int)
  /// An opcode received operands of the wrong kind.
  case invalidPickle(String, offset: Int)
  /// A storage entry holds fewer bytes than its tensors need.
  case storageTooSmall(key: String, needed: Int, available: Int)
  /// A tensor's size/stride/offset reach outside its storage.
  case tensorOutOfBounds(key: String)
  /// `stateDict()` found no dictionary of tensors.
  case noStateDict
  /// A state dict entry is not a tensor.
  case notATensor(key: String)
}

extension CheckpointError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .fileUnreadable(let path, let reason):
      return "cannot read checkpoint '\(path)': \(reason)"
    case .notAZipArchive:
      return
        "not a PyTorch checkpoint: no zip directory found (torch.save writes a zip archive since PyTorch 1.6)"
    case .legacyFormat:
      return "this checkpoint uses the legacy pre-1.6 torch.save format, which is not supported; "
        + "re-save it with a current PyTorch: torch.save(torch.load(path), new_path)"
    case .torchScriptArchive:
      return "this is a TorchScript archive (torch.jit.save), not a torch.save checkpoint; "
        + "save model.state_dict() with torch.save instead"
    case .truncated(let what):
      return "checkpoint is truncated: \(what) runs past the end of the data (incomplete download?)"
    case .malformedArchive(let detail):
      return "malformed zip archive: \(detail)"
    case .entryOutOfBounds(let name):
      return "zip entry '\(name)' points outside the file or into the central directory"
    case .overlappingEntries(let first, let second):
      return "zip entries '\(first)' and '\(second)' overlap; the archive is corrupt or crafted"
    case .duplicateEntry(let name):
      return "zip entry '\(name)' appears more than once"
    case .unsupportedZipFeature(let feature):
      return "unsupported zip feature: \(feature)"
    case .tooLarge(let what, let limit):
      return "\(what) exceeds the limit of \(limit)"
    case .crcMismatch(let entry):
      return "CRC-32 mismatch in zip entry '\(entry)': the file is corrupt"
    case .missingEntry(let name):
      return "checkpoint has no '\(name)' entry"
    case .bigEndian:
      return "checkpoint was saved on a big-endian machine; re-save it on a little-endian one"
    case .forbiddenGlobal(let module, let name):
      return
        "checkpoint refers to '\(module).\(name)', which is not allowed in a data-only checkpoint "
        + "(it could run code); only tensors and plain containers are read"
    case .unsupportedOpcode(let opcode, let offset):
      return "unsupported pickle opcode 0x\(String(opcode, radix: 16)) at offset \(offset)"
    case .memoOutOfRange(let index, let offset):
      return "pickle memo slot \(index) read at offset \(offset) was never written"
    case .stackUnderflow(let offset):
      return "pickle stack underflow at offset \(offset)"
    case .nestingTooDeep(let limit):
      return "pickle containers are nested deeper than \(limit) levels"
    case .invalidPickle(let detail, let offset):
      return "invalid pickle at offset \(offset): \(detail)"
    case .storageTooSmall(let key, let needed, let available):
      return "storage '\(key)' needs \(needed) bytes but its entry holds \(available)"
    case .tensorOutOfBounds(let key):
      return "a tensor's size, stride and offset reach outside storage '\(key)'"
    case .noStateDict:
      return "no state dict found: the checkpoint root is neither a dict of tensors nor has "
        + "'state_dict', 'model' or 'model_state_dict'"
    case .notATensor(let key):
      return "state dict entry '\(key)' is not a tensor"
    }
  }
}
