import Foundation

/// The K highest-scoring classes of one output, with softmax probabilities.
struct TopClasses {
  var logits: [Float]
  var labels: [String]?
  var count: Int

  var text: String {
    let peak = Double(logits.max() ?? 0)
    let exponentials = logits.map { Foundation.exp(Double($0) - peak) }
    let total = exponentials.reduce(0, +)
    let ranked = logits.indices.sorted { (logits[$0], $1) > (logits[$1], $0) }.prefix(count)
    return ranked.enumerated().map { rank, index in
      let label = labels.flatMap { index < $0.count ? $0[index] : nil } ?? "class \(index)"
      let padded = label.count < 16 ? label + String(repeating: " ", count: 16 - label.count) : label
      return String(format: "%2d. ", rank + 1) + padded
        + String(format: " logit %9.4f  p %.4f", logits[index], exponentials[index] / total)
    }.joined(separator: "\n")
  }
}
