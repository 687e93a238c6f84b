import Foundation
import LabTerminal

/// What `check` prints (DESIGN §12): one line per check, then for a failure the failing run's
/// timeline with the rows and instant that break it marked `▶`, and the next hint.
public enum ExerciseReport {
  /// The heading: `Exercise 05 checkout-receipt · 05-checkout-receipt.py`.
  public static func heading(_ exercise: Exercise, file: String) -> StyledText {
    StyledText("Exercise \(exercise.fileName.prefix(2)) \(exercise.id)", style: .bold) + StyledText(" · " + file, style: .dim)
  }

  /// The task from the starter's docstring, its paragraphs wrapped to `width`; indented lines
  /// (the output asked for) kept as they are.
  public static func task(_ exercise: Exercise, width: Int) -> [StyledText] {
    paragraphs(exercise.task, width: width)
  }

  /// `text`'s paragraphs (blank-line separated) each wrapped to `width`; indented lines kept.
  public static func paragraphs(_ text: String, width: Int) -> [StyledText] {
    var lines: [StyledText] = []
    var paragraph: [String] = []
    func flush() {
      if !paragraph.isEmpty {
        lines += TextWrapper.wrap(paragraph.joined(separator: " "), width: max(20, width - 1)).map { StyledText($0) }
      }
      paragraph = []
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.trimmingCharacters(in: .whitespaces).isEmpty {
        flush()
        lines.append(StyledText())
      } else if line.hasPrefix("  ") {
        flush()
        lines.append(StyledText(line))
      } else {
        paragraph.append(line)
      }
    }
    flush()
    return lines
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

  /// The closing lines: all passed, or a hint for what failed: one keyed to a failed check, else
  /// the one numbered `hintNumber` (from 1) in attempt order (`Exercise.hint(failed:attempt:)`).
  public static func closing(_ exercise: Exercise, results: [CheckResult], hintNumber: Int, next: Exercise?, width: Int, color: Bool = false) -> [StyledText] {
    let checks = results.filter { $0.name != "run" }.count
    if results.allSatisfy(\.passed) {
      let nextText = next.map { " Next: gatherlab exercise \($0.id)" } ?? " That was the last exercise."
      return TextWrapper.wrap("All \(checks) checks hold: exercise \(exercise.id) is done.\(nextText)", width: max(20, width - 1)).map { StyledText($0) }
    }
    let failed = results.filter { !$0.passed }.count
    var lines = [StyledText("\(failed) of \(results.count) checks failed.", style: .bold)]
    if let (number, hint) = exercise.hint(failed: results.filter { !$0.passed }.map(\.name), attempt: hintNumber) {
      lines += Self.hint(number, of: exercise.hints.count, hint, width: width, color: color)
    }
    return lines
  }

  /// `Hint 2/3: …`, wrapped to `width`, its Markdown read as a lesson's: inline code drawn as code
  /// with color on, and keeping its backticks with color off.
  public static func hint(_ number: Int, of count: Int, _ hint: ExerciseHint, width: Int, color: Bool) -> [StyledText] {
    let paragraph = MarkdownParser.parse("Hint \(number)/\(count): " + hint.text)
    return MarkdownRenderer(width: max(20, width - 1), color: color).lines(for: paragraph)
  }

  /// What became of the schedules asked for, when they did not all run and hold: one dim line.
  public static func scheduleNote(_ schedules: ExerciseChecking.ScheduleSummary, seed: Int, width: Int) -> [StyledText] {
    let count = schedules.asked == 1 ? "1 perturbed schedule" : "\(schedules.asked) perturbed schedules"
    let text: String
    switch schedules.state {
    case .none, .ran: return []
    case .skipped: text = "The \(count) run once this unperturbed run passes."
    case .realClock: text = "On the real clock the program ran once; the \(count) need virtual time (leave out --clock real)."
    case .replay: text = "Seed \(seed) alone; without --seed the check runs seeds 1-\(schedules.asked)."
    }
    return TextWrapper.wrap(text, width: max(20, width - 1)).map { StyledText($0, style: .dim) }
  }

  /// How to replay the failing seed: with `check`, and step by step with `trace`.
  public static func replay(seed: Int, check: String, trace: String, width: Int) -> [StyledText] {
    [StyledText("Replay seed \(seed): ", style: .bold) + StyledText(check), StyledText("Watch it: " + trace, style: .dim)]
  }

  /// `--json`: `{"exercise","file","passed","runtime","clock","seed","schedules","schedulesAsked",
  /// "failingSeed","replay","checks":[{"name","passed","measured","bound","sentence","seed"}]}`;
  /// `schedules` counts the perturbed schedules that ran (seeds 1…N), `failingSeed` is the seed of
  /// the failing run shown (0: the unperturbed one), null when every check held.
  public static func json(_ exercise: Exercise, file: String, checked: ExerciseChecking.Checked, replay: String?) -> JSONValue {
    let clock = checked.traced.clock
    return .object([
      ("exercise", .string(exercise.id)), ("file", .string(file)), ("passed", .bool(checked.passed)),
      ("runtime", .optional(checked.traced.runtime)), ("clock", .string(clock.isVirtual ? "virtual" : "real")),
      ("seed", .integer(clock.seed)), ("schedules", .integer(checked.schedules.run)), ("schedulesAsked", .integer(checked.schedules.asked)),
      ("failingSeed", checked.passed ? .null : .integer(clock.seed)), ("replay", .optional(replay)),
      ("checks", .array(checked.results.map(\.json))),
    ])
  }
}
