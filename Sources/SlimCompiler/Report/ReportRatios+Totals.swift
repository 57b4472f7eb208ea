extension ReportRatios {
  /// All ratios 1 (no change); a placeholder until the baseline's totals are known.
  init() { self.init(fileBytes: 1, parameters: 1, macs: 1, weightBytes: 1, arenaBytes: nil) }

  /// `totals / baseline` for each total both have.
  init(_ totals: ReportTotals, over baseline: ReportBaseline) {
    self.init(
      fileBytes: Self.ratio(totals.fileBytes, baseline.fileBytes),
      parameters: Self.ratio(totals.parameters, baseline.parameters),
      macs: Self.ratio(totals.macs, baseline.macs),
      weightBytes: Self.ratio(totals.weightBytes, baseline.weightBytes),
      arenaBytes: baseline.arenaBytes.map { Self.ratio(totals.arenaBytes, $0) })
  }
}
