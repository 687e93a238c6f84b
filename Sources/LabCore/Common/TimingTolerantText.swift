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
    let (_, fragmentTimes) = split(fragment)
    guard !fragmentTimes.isEmpty else { return false }
    // The fragment as a pattern: its text literally, each timing as any timing.
    let literalParts = fragment.split(separator: timing, omittingEmptySubsequences: false).map {
      NSRegularExpression.escapedPattern(for: String($0))
    }
    guard let pattern = try? Regex(literalParts.joined(separator: #"(\d+\.\d+)s"#)) else { return false }
    return line.matches(of: pattern).contains { match in
      let times = (1..<match.output.count).compactMap { match.output[$0].substring.flatMap { Double($0) } }
      return close(times, fragmentTimes)
    }
  }

  private nonisolated(unsafe) static let timing = /\d+\.\d+s/

  private static func split(_ text: String) -> (shape: String, times: [Double]) {
    let times = text.matches(of: timing).compactMap { Double($0.output.dropLast()) }
    return (text.replacing(timing) { _ in "#s" }, times)
  }

  private static func close(_ actual: [Double], _ expected: [Double]) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance }
  }
}
