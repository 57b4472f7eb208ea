/// Serializes `{'cfg': [...], 'state_dict': OrderedDict(...)}` in `torch.save`'s zip
/// format, so that `torch.load(path, weights_only=True)` reads it and
/// `model.load_state_dict(checkpoint['state_dict'])` accepts it.
///
/// int64 tensors (`num_batches_tracked`) are written as `LongStorage`, every other
/// tensor as float32 `FloatStorage`.
public enum TorchCheckpointWriter {
  /// A `cfg` entry: a width or Python's `'M'`.
  public enum ConfigItem: Sendable, Equatable {
    case int(Int)
    case string(String)
  }

  /// The archive's bytes. Cost: O(tensor bytes).
  public static func serialize(
    config: [ConfigItem], stateDict: [(key: String, tensor: Tensor)], archiveName: String = "archive"
  ) throws(PruneError) -> [UInt8] {
    var entries: [(String, PickleWriter.Value)] = []
    var storages: [[UInt8]] = []
    for (key, tensor) in stateDict {
      let isLong = tensor.sourceDType == .int64
      var data: [UInt8] = []
      if isLong {
        for v in tensor.scalars { data += withUnsafeBytes(of: Int64(v).littleEndian, Array.init) }
      } else {
        for v in tensor.scalars { data += withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init) }
      }
      entries.append(
        (key, .tensor(storageKey: "\(storages.count)", storage: isLong ? .long : .float, shape: tensor.shape)))
      storages.append(data)
    }
    let cfg = PickleWriter.Value.list(
      config.map {
        switch $0 {
        case .int(let v): .int(v)
        case .string(let s): .string(s)
        }
      })
    var pickle = PickleWriter()
    pickle.write(.dict([("cfg", cfg), ("state_dict", .orderedDict(entries))]))
    var zip = ZipStoreWriter()
    do {
      try zip.add(name: "\(archiveName)/data.pkl", data: pickle.finish())
      try zip.add(name: "\(archiveName)/byteorder", data: Array("little".utf8))
      for (index, data) in storages.enumerated() { try zip.add(name: "\(archiveName)/data/\(index)", data: data) }
      try zip.add(name: "\(archiveName)/version", data: Array("3\n".utf8))
      return try zip.finish()
    } catch {
      throw .export("the checkpoint would exceed the zip format's 4 GiB limit (\(error))")
    }
  }
}
