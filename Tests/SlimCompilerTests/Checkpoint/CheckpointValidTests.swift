import Testing

@testable import SlimCompiler

@Suite struct CheckpointValidTests {
  static let validNames = CheckpointFixtures.validFiles.keys.sorted()

  @Test func manifestIsPresent() {
    #expect(Self.validNames.count >= 10)
    #expect(CheckpointFixtures.hostileFiles.count >= 20)
  }

  @Test(arguments: validNames)
  func stateDictMatchesTorch(name: String) throws {
    let expected = CheckpointFixtures.validFiles[name] ?? []
    let stateDict = try CheckpointReader.read(contentsOf: CheckpointFixtures.path(name)).stateDict()
    #expect(stateDict.map(\.key) == expected.map { $0["key"] as? String ?? "" })
    for (entry, tensor) in zip(expected, stateDict.map(\.tensor)) {
      let key = entry["key"] as? String ?? ""
      #expect(tensor.shape == entry["shape"] as? [Int], "\(name) \(key)")
      #expect(tensor.sourceDType.rawValue == entry["dtype"] as? String, "\(name) \(key)")
      #expect(tensor.count == entry["count"] as? Int, "\(name) \(key)")
      if let values = entry["values"] as? [Any] {
        let want = values.map { CheckpointFixtures.float($0) ?? 0 }
        #expect(same(tensor.scalars, want), "\(name) \(key): \(tensor.scalars) vs \(want)")
      }
      if tensor.count > 0 {
        #expect(same([tensor.scalars[0]], [CheckpointFixtures.float(entry["first"]) ?? 0]))
        #expect(
          same([tensor.scalars[tensor.count - 1]], [CheckpointFixtures.float(entry["last"]) ?? 0]))
      }
      if let sum = CheckpointFixtures.float(entry["sum"]), sum.isFinite {
        let actual = tensor.scalars.reduce(0.0) { $0 + Double($1) }
        #expect(abs(actual - Double(sum)) <= 1e-5 * max(1, abs(Double(sum))), "\(name) \(key)")
      }
    }
  }

  /// Exact equality, with NaN equal to NaN.
  private func same(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
  }

  @Test func trainingCheckpointKeepsPlainData() throws {
    let root = try CheckpointReader.read(contentsOf: CheckpointFixtures.path("training.pt")).root
    #expect(root["epoch"]?.intValue == 3)
    #expect(root["arch"]?.stringValue == "tiny")
    #expect(root["best_prec1"]?.doubleValue == 71.5)
    #expect(root["big"]?.intValue == 1 << 40)
    #expect(root["neg"]?.intValue == -5)
    #expect(root["nothing"]?.isNone == true)
    #expect(root["flag"]?.boolValue == true)
    let mixed = root["mixed"]?.listValue ?? []
    #expect(mixed.count == 5)
    #expect(mixed.first?.intValue == 1)
    #expect(mixed.count == 5 && mixed[1].doubleValue == 2.5)
    #expect(mixed.count == 5 && mixed[2].stringValue == "x")
    if mixed.count == 5, case .tuple(let pair) = mixed[3] {
      #expect(pair.count == 2 && pair[0].isNone && pair[1].boolValue == false)
    } else {
      Issue.record("mixed[3] is not a tuple")
    }
    if mixed.count == 5, case .bytes(let raw) = mixed[4] {
      #expect(raw == Array("raw".utf8))
    } else {
      Issue.record("mixed[4] is not bytes")
    }
    // SGD momentum buffers are tensors inside the optimizer state.
    let state = root["optimizer"]?["state"]?.dictValue ?? []
    #expect(!state.isEmpty)
    #expect(state.first?.value["momentum_buffer"]?.tensorValue != nil)
    let groups = root["optimizer"]?["param_groups"]?.listValue ?? []
    #expect(groups.first?["lr"]?.doubleValue == 0.1)
    #expect(groups.first?["momentum"]?.doubleValue == 0.9)
  }

  @Test func sharedStorageIsGatheredPerView() throws {
    let tensors = try CheckpointReader.read(contentsOf: CheckpointFixtures.path("views.pt"))
      .stateDict()
    let byKey = Dictionary(uniqueKeysWithValues: tensors.map { ($0.key, $0.tensor) })
    #expect(byKey["slice_a"]?.scalars == [1, 1.5, 2, 2.5, 3, 3.5])
    #expect(byKey["strided"]?.scalars == [0.5, 3, 5.5, 8, 10.5])
    #expect(byKey["expanded"]?.scalars == [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3])
    #expect(byKey["zero_d"]?.shape == [])
    #expect(byKey["zero_d"]?.scalars == [-7.25])
    #expect(byKey["empty"]?.shape == [0, 3])
  }

  @Test func handLaidOutPickleMatchesTorchLayout() throws {
    let stateDict = try CheckpointReader.read(contentsOf: CheckpointFixtures.path("hand_tensor.pt"))
      .stateDict()
    #expect(stateDict.count == 1)
    // Storage [1...6], offset 1, size (2, 2), stride (1, 2): [[2, 4], [3, 5]].
    #expect(stateDict.first?.tensor.scalars == [2, 4, 3, 5])
  }

  @Test func lightningKeysKeepTheirPrefix() throws {
    let stateDict = try CheckpointReader.read(contentsOf: CheckpointFixtures.path("lightning.ckpt"))
      .stateDict()
    #expect(stateDict.allSatisfy { $0.key.hasPrefix("model.") })
  }

  @Test func bytesAndPathReadTheSame() throws {
    let fromBytes = try CheckpointReader.read(bytes: CheckpointFixtures.bytes("dtypes.pt"))
    #expect(fromBytes.entryNames.contains("dtypes/data.pkl"))
    #expect(try fromBytes.stateDict().count == 11)
  }

  @Test func stateDictErrorsNameTheProblem() throws {
    let training = try CheckpointReader.read(contentsOf: CheckpointFixtures.path("training.pt"))
    let optimizerOnly = TorchCheckpoint(root: training.root["optimizer"] ?? .none, entryNames: [])
    #expect(throws: CheckpointError.noStateDict) { try optimizerOnly.stateDict() }
    let mixed = TorchCheckpoint(
      root: .dict([
        (key: .string("w"), value: .tensor(Tensor(zeros: [1]))),
        (key: .string("step"), value: .int(3)),
      ]), entryNames: [])
    #expect(throws: CheckpointError.notATensor(key: "step")) { try mixed.stateDict() }
  }

  @Test func missingFileIsTyped() {
    let error = CheckpointFixtures.readError("does-not-exist.pt")
    #expect(error.map(CheckpointFixtures.caseName) == "fileUnreadable")
  }
}
