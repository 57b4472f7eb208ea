import SlimRuntime

extension ModelReport {
  /// The report of a loaded model, without baseline or measurements.
  /// Cost: O(operators · tensors) (lifetimes for the memory curve).
  public init(model: SlimModel, path: String) {
    let weights = model.sections.first { $0.tag == FourCC("WGHT") }
    // zlib compresses WGHT as one stream: attribute its stored size to layers
    // in proportion to their decoded bytes.
    let storedPerRawByte = weights.map { $0.rawSize == 0 ? 1 : Double($0.storedSize) / Double($0.rawSize) } ?? 1
    let layers = model.operators.indices.map { index in
      ReportLayer(model: model, operator: index, storedPerRawByte: storedPerRawByte)
    }
    let constants = model.tensors.filter { $0.storage == .constant }
    self.init(
      schemaVersion: Self.currentSchemaVersion, path: path,
      sections: model.sections.map(ReportSection.init),
      layers: layers,
      memory: MemoryPoint.curve(of: model),
      totals: ReportTotals(
        operators: model.operators.count, fileBytes: model.fileSize,
        weightBytes: constants.reduce(0) { $0 + $1.byteSize },
        weightSectionBytes: weights?.storedSize ?? 0,
        parameters: constants.reduce(0) { $0 + $1.elementCount },
        macs: layers.reduce(0) { $0 + $1.macs }, arenaBytes: model.arenaSize),
      baseline: nil, gamma: nil, measurement: nil)
  }
}

extension ReportSection {
  init(_ section: SlimSectionSummary) {
    self.init(
      tag: section.tag.description, encoding: section.isCompressed ? "zlib" : "none",
      storedBytes: section.storedSize, rawBytes: section.rawSize)
  }
}
