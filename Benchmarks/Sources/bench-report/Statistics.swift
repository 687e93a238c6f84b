/// The two figures every row shows: the best run and the typical one.
struct Summary: Equatable {
  var min: Double
  var median: Double
  var count: Int

  init?(_ samples: [Double]) {
    let sorted = samples.filter(\.isFinite).sorted()
    guard let first = sorted.first else { return nil }
    min = first
    count = sorted.count
    let middle = sorted.count / 2
    median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  func scaled(by factor: Double) -> Summary {
    var copy = self
    copy.min *= factor
    copy.median *= factor
    return copy
  }

  var json: [String: Any] { ["min": min.rounded(places: 3), "median": median.rounded(places: 3), "samples": count] }
}

extension Double {
  func rounded(places: Int) -> Double {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (self * scale).rounded() / scale
  }
}
