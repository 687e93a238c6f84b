/// "Did you mean …?" for names a user mistyped: demo ids, lesson ids, commands, parameters.
public enum Suggestions {
  /// The candidates closest to `input`, best first: those within a small edit distance, and those
  /// that start with it. Empty when nothing is close.
  public static func closest(to input: String, in candidates: [String], limit: Int = 3) -> [String] {
    let needle = input.lowercased()
    guard !needle.isEmpty else { return [] }
    let threshold = max(2, needle.count / 3)
    let scored: [(String, Int)] = candidates.compactMap { candidate in
      let lowered = candidate.lowercased()
      if lowered.hasPrefix(needle) { return (candidate, 0) }
      let distance = editDistance(needle, lowered)
      return distance <= threshold ? (candidate, distance) : nil
    }
    return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
  }

  /// " Did you mean 'a'?" or " Did you mean 'a' or 'b'?" — with a leading space — or "".
  public static func didYouMean(_ input: String, in candidates: [String]) -> String {
    let close = closest(to: input, in: candidates)
    guard !close.isEmpty else { return "" }
    let quoted = close.map { "'\($0)'" }
    let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    return " Did you mean \(list)?"
  }

  /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
  /// neighbouring characters ("ordrering", "odrering") each cost 1.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previousPrevious[j - 2] + 1)
        }
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
  }
}
