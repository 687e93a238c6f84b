import Foundation

/// Text compared the way a program's printed timings deserve: a program that sleeps on the real
/// clock prints "took 1.0s" on an idle machine and "took 1.2s" on a loaded one, and both are the
/// output the lesson states. Timings written `N.Ns` may differ by up to `tolerance`; everything
/// else must be the same.
///
/// ```swift
/// TimingTolerantText.equal("took 1.2s", "took 1.0s")               // true
/// TimingTolerantText.line("3 files in 1.1s", contains: "files in 1.0s")  // true
/// TimingTolerantText.line("3 files in 3.0s", contains: "files in 1.0s")  // false
/// ```
public enum TimingTolerantText {
  /// How far a printed timing may be from the stated one, in seconds.
  public static let tolerance = 0.3

  /// Whether `actual` is `expected` up to its timings.
  public static func equal(_ actual: String, _ expected: String) -> Bool {
    let (actualShape, actualTimes) = split(actual)
    let (expectedShape, expectedTimes) = split(expected)
    return actualShape == expectedShape && close(actualTimes, expectedTimes)
  }

  /// Whether `fragment` appears in `line`, up to its timings.
  public static func line(_ line: String, contains fragment: String) -> Bool {
    if line.contains(fragment) { return true }
    let stated = split(fragment).times
    return timings(in: line, around: fragment).contains { close($0, stated) }
  }

  /// How far `line`'s timings are from `fragment`'s where `fragment` appears in `line` with its
  /// timings as any timings: the largest factor between a printed timing and the stated one, as a
  /// natural log (0 is exact, `log(2)` twice or half as long); nil where the text around the
  /// timings appears nowhere in the line. Ratios, not differences: a loaded machine stretches a
  /// 1 s wait to 1.3 s and a 3 s one to 3.9 s. A tenth of a second is added to both sides so
  /// that 0.0s against 0.1s is a small gap, not an infinite one.
  public static func distance(_ line: String, from fragment: String) -> Double? {
    let stated = split(fragment).times
    return timings(in: line, around: fragment).compactMap { printed in
      zip(printed, stated).map { abs(log(($0 + 0.1) / ($1 + 0.1))) }.max()
    }.min()
  }

  /// The timings of each place `fragment` appears in `line` with its timings as any timings
  /// (its text literally); none for a fragment without timings.
  private static func timings(in line: String, around fragment: String) -> [[Double]] {
    guard !split(fragment).times.isEmpty else { return [] }
    let literalParts = fragment.split(separator: timing, omittingEmptySubsequences: false).map {
      NSRegularExpression.escapedPattern(for: String($0))
    }
    guard let pattern = try? Regex(literalParts.joined(separator: #"(\d+\.\d+)s"#)) else { return [] }
    return line.matches(of: pattern).map { match in
      (1..<match.output.count).compactMap { match.output[$0].substring.flatMap { Double($0) } }
    }
  }

  private nonisolated(unsafe) static let timing = /\d+\.\d+s/

  private static func split(_ text: String) -> (shape: String, times: [Double]) {
    let times = text.matches(of: timing).compactMap { Double($0.output.dropLast()) }
    return (text.replacing(timing) { _ in "#s" }, times)
  }

  private static func close(_ actual: [Double], _ expected: [Double]) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance + 1e-9 }
  }
}
