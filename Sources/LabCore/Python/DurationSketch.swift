import Foundation
import LabTerminal

/// How long a folded group's tasks took, in a fixed amount of memory whatever their number: a
/// histogram of 10 buckets per decade from 10 µs to 100 000 s, each bucket keeping its count and
/// its least and greatest duration. A percentile falls in one bucket and is read between that
/// bucket's least and greatest by its rank there, as if the bucket's durations were evenly
/// spread: exact when they took the same time or are evenly spread, and never outside what the
/// bucket saw. (A bucket's mean, read before, gave 200 fetches ending between 3.0 and 3.7 s one
/// p50 and p90 of 3.38s.)
///
/// ```swift
/// var sketch = DurationSketch()
/// for _ in 0..<100 { sketch.add(0.010) }
/// sketch.percentile(0.5)  // 0.010
/// ```
public struct DurationSketch: Sendable, Equatable {
  static let floor = 1e-5
  static let bucketsPerDecade = 10.0
  static let bucketCount = 101

  private var counts = [Int](repeating: 0, count: DurationSketch.bucketCount)
  private var least = [Double](repeating: .infinity, count: DurationSketch.bucketCount)
  private var greatest = [Double](repeating: 0, count: DurationSketch.bucketCount)
  public private(set) var count = 0
  public private(set) var maximum = 0.0

  public init() {}

  public mutating func add(_ seconds: Double) {
    let seconds = max(0, seconds)
    let bucket: Int
    if seconds <= Self.floor {
      bucket = 0
    } else {
      let decades = Foundation.log10(seconds / Self.floor) * Self.bucketsPerDecade
      bucket = min(Self.bucketCount - 1, 1 + Int(decades.rounded(.down)))
    }
    counts[bucket] += 1
    least[bucket] = min(least[bucket], seconds)
    greatest[bucket] = max(greatest[bucket], seconds)
    count += 1
    maximum = max(maximum, seconds)
  }

  /// Adds what `other` saw.
  public mutating func merge(_ other: DurationSketch) {
    for bucket in counts.indices {
      counts[bucket] += other.counts[bucket]
      least[bucket] = min(least[bucket], other.least[bucket])
      greatest[bucket] = max(greatest[bucket], other.greatest[bucket])
    }
    count += other.count
    maximum = max(maximum, other.maximum)
  }

  /// The duration `fraction` of the tasks took at most (0.5: the median); nil when empty.
  public func percentile(_ fraction: Double) -> Double? {
    guard count > 0 else { return nil }
    let rank = max(1, Int((fraction * Double(count)).rounded(.up)))
    var seen = 0
    for bucket in counts.indices where counts[bucket] > 0 {
      if seen + counts[bucket] >= rank {
        let n = counts[bucket]
        guard n > 1 else { return least[bucket] }
        return least[bucket] + (greatest[bucket] - least[bucket]) * Double(rank - seen - 1) / Double(n - 1)
      }
      seen += counts[bucket]
    }
    return maximum
  }

  /// "10 ms", "0.4 ms", "1.50s": short, for a folded row.
  public static func text(_ seconds: Double) -> String {
    if seconds >= 1 { return SecondsFormat.seconds(seconds) }
    let milliseconds = seconds * 1000
    if milliseconds >= 9.95 { return "\(Int(milliseconds.rounded())) ms" }
    if milliseconds >= 0.05 { return SecondsFormat.fixed(milliseconds, decimals: 1) + " ms" }
    return "<0.1 ms"
  }
}
