/// No single lesson matches what the user typed (`gatherlab show resluts`, `goto 14` in the REPL).
/// Each description is one line for stderr.
public enum LessonLookupError: Error, Equatable, CustomStringConvertible {
  /// Nothing matches; `suggestions` are the closest ids, `count` is how many lessons there are.
  case unknown(query: String, suggestions: [String], count: Int)
  /// The query is the start of several ids.
  case ambiguous(query: String, matches: [String])

  public var description: String {
    switch self {
    case .unknown(let query, let suggestions, let count):
      let hint =
        count == 0
        ? " There are no lessons."
        : " Lessons are numbered 1–\(count); 'list' shows their ids."
      return "Unknown lesson '\(query)'." + Self.didYouMean(suggestions) + hint
    case .ambiguous(let query, let matches):
      return "Lesson '\(query)' is ambiguous: it could be \(Self.alternatives(matches))."
    }
  }

  private static func didYouMean(_ suggestions: [String]) -> String {
    suggestions.isEmpty ? "" : " Did you mean \(alternatives(suggestions))?"
  }

  /// "'a'", "'a' or 'b'", "'a', 'b' or 'c'".
  private static func alternatives(_ names: [String]) -> String {
    let quoted = names.map { "'\($0)'" }
    guard let last = quoted.last else { return "" }
    return quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " or " + last
  }
}
