import Foundation

extension PruneReport {
  /// One line per batch norm whose removed channels were folded forward or dropped:
  /// exact folds, folds into k×k zero-padded convs with their border error, and drops
  /// (the next layer has no bias to take the constant) with what is lost.
  static func compensationLines(_ report: CompensationReport) -> [String] {
    guard !report.entries.isEmpty else { return ["compensation: no removed channel emits a constant"] }
    var lines = ["compensation per layer (removed channels' constant act(beta) folded into the next layer):"]
    for entry in report.entries {
      let head = "  \(entry.source): \(entry.channels) channel(s)"
      if let target = entry.target {
        if let error = entry.borderError {
          lines.append(
            "\(head) folded into \(target): APPROXIMATE, k x k conv with zero padding; border pixels off by up to "
              + "\(format(error)) at the conv output (interior exact)")
        } else {
          lines.append("\(head) folded into \(target): exact")
        }
      } else {
        let lost = entry.lostConstant.map { "; its outputs lose up to \(format($0)) per pixel" } ?? ""
        lines.append("\(head) DROPPED as the reference does: \(entry.note ?? "nothing can absorb it")\(lost)")
      }
    }
    let approximate = report.entries.filter { $0.borderError != nil }.count
    let dropped = report.entries.filter { $0.target == nil }.count
    lines.append(
      "compensation: \(report.entries.count - approximate - dropped) exact, \(approximate) approximate (borders), "
        + "\(dropped) dropped")
    return lines
  }

  private static func format(_ value: Double) -> String { String(format: "%.3g", value) }
}
