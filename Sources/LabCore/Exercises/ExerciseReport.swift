import LabTerminal

/// What `check` prints (DESIGN §12): one line per check, then for a failure the failing run's
/// timeline with the rows and instant that break it marked `▶`, and the next hint.
public enum ExerciseReport {
  /// The heading: `Exercise 05 checkout-receipt · 05-checkout-receipt.py`.
  public static func heading(_ exercise: Exercise, file: String) -> StyledText {
    StyledText("Exercise \(exercise.fileName.prefix(2)) \(exercise.id)", style: .bold) + StyledText(" · " + file, style: .dim)
  }

  /// The verdict lines, wrapped to `width`.
  public static func verdicts(_ results: [CheckResult], width: Int) -> [StyledText] {
    results.flatMap { result -> [StyledText] in
      let wrapped = TextWrapper.wrap(result.sentence, width: max(20, width - 3))
      return wrapped.enumerated().map { index, line in
        index == 0
          ? StyledText(result.passed ? "✓ " : "✗ ", style: result.passed ? .color(.green) : .color(.red)) + StyledText(line)
          : StyledText("  " + line)
      }
    }
  }

  /// The closing lines: all passed, or the hint numbered `hintNumber` (from 1).
  public static func closing(_ exercise: Exercise, results: [CheckResult], hintNumber: Int, next: Exercise?, width: Int) -> [StyledText] {
    let checks = results.filter { $0.name != "run" }.count
    if results.allSatisfy(\.passed) {
      let nextText = next.map { " Next: gatherlab exercise \($0.id)" } ?? " That was the last exercise."
      return TextWrapper.wrap("All \(checks) checks hold: exercise \(exercise.id) is done.\(nextText)", width: max(20, width - 1)).map { StyledText($0) }
    }
    let failed = results.filter { !$0.passed }.count
    var lines = [StyledText("\(failed) of \(results.count) checks failed.", style: .bold)]
    if !exercise.hints.isEmpty {
      let number = min(max(1, hintNumber), exercise.hints.count)
      let hint = "Hint \(number)/\(exercise.hints.count): " + exercise.hints[number - 1]
      lines += TextWrapper.wrap(hint, width: max(20, width - 1)).map { StyledText($0) }
    }
    return lines
  }

  /// `--json`: `{"exercise","file","passed","runtime","checks":[{"name","passed","measured","bound","sentence"}]}`.
  public static func json(_ exercise: Exercise, file: String, results: [CheckResult], runtime: String?, schedules: Int) -> JSONValue {
    .object([
      ("exercise", .string(exercise.id)), ("file", .string(file)), ("passed", .bool(results.allSatisfy(\.passed))),
      ("runtime", .optional(runtime)), ("schedules", .integer(schedules)),
      ("checks", .array(results.map(\.json))),
    ])
  }
}
