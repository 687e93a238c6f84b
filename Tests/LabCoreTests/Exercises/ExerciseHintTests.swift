import LabCore
import LabTerminal
import Testing

/// Hints keyed to a check (`- output: "…"`) answer that check's failure; the others come in
/// attempt order, as before (DESIGN §12's `hints`).
@Suite struct ExerciseHintTests {
  static let markdown = """
    ---
    id: crawl-list
    lesson: real-world-examples
    title: Crawl
    checks:
      elapsed: "<= 1.0"
      output: ["a", "b"]
      schedules: 20
    hints:
      - "First, in attempt order."
      - output: "The lines follow the finish order: print from gather's results."
      - "Second, in attempt order."
      - schedules: "Ties end in either order."
    ---
    Crawl it.
    """

  static func exercise() throws -> Exercise {
    try ExerciseParser.parse(directory: "03-crawl-list", markdown: markdown, starter: "pass\n", solution: "pass\n", file: "e.md").get()
  }

  static func failed(_ names: [String]) -> [CheckResult] {
    ["elapsed", "output", "schedules"].map { name in
      CheckResult(name: name, passed: !names.contains(name), measured: .null, bound: "", sentence: name)
    }
  }

  @Test func aHintIsTextOrOneChecksNameAndText() throws {
    #expect(try Self.exercise().hints == [
      ExerciseHint("First, in attempt order."),
      ExerciseHint("The lines follow the finish order: print from gather's results.", check: "output"),
      ExerciseHint("Second, in attempt order."),
      ExerciseHint("Ties end in either order.", check: "schedules"),
    ])
  }

  @Test func aFailedCheckWithAHintOfItsOwnShowsThatHintWhateverTheAttempt() throws {
    let exercise = try Self.exercise()
    let closing = ExerciseReport.closing(exercise, results: Self.failed(["output", "schedules"]), hintNumber: 1, next: nil, width: 80)
    #expect(closing.map(\.plainText) == [
      "2 of 3 checks failed.",
      "Hint 2/4: The lines follow the finish order: print from gather's results.",
    ])
    #expect(exercise.hint(failed: ["schedules"], attempt: 3)?.number == 4)
  }

  @Test func aFailedCheckWithoutAHintOfItsOwnShowsTheOthersInAttemptOrder() throws {
    let exercise = try Self.exercise()
    #expect(exercise.hint(failed: ["elapsed"], attempt: 1)?.hint.text == "First, in attempt order.")
    #expect(exercise.hint(failed: ["elapsed"], attempt: 2)?.number == 3)
    #expect(exercise.hint(failed: ["elapsed"], attempt: 9)?.number == 3)
    #expect(exercise.hint(failed: ["run"], attempt: 0)?.number == 1)
  }

  @Test func aProgramThatFailedItselfShowsOnlyTheRunsHintOrTheOthersInAttemptOrder() throws {
    // A run that never finished fails `output` too; output's hint would answer the wrong thing.
    let exercise = try Self.exercise()
    #expect(exercise.hint(failed: ["run", "output"], attempt: 1)?.hint.text == "First, in attempt order.")
    let withRun = Exercise(
      number: 1, id: "a", lesson: "x", title: "T", checks: [],
      hints: [ExerciseHint("Pending tasks.", check: "pending-at-exit"), ExerciseHint("Each get() needs a task_done().", check: "run")],
      body: "", starter: "", solution: "")
    #expect(withRun.hint(failed: ["run", "pending-at-exit"], attempt: 1)?.number == 2)
    #expect(withRun.hint(failed: ["pending-at-exit"], attempt: 1)?.number == 1)
  }

  @Test func hintsOnlyInAttemptOrderReadAsTheyAlwaysDid() {
    let exercise = Exercise(number: 1, id: "a", lesson: "x", title: "T", checks: [], hints: ["one", "two"], body: "", starter: "", solution: "")
    #expect(exercise.hint(failed: ["output"], attempt: 2)?.hint == "two")
    #expect(Exercise(number: 1, id: "a", lesson: "x", title: "T", checks: [], hints: [], body: "", starter: "", solution: "")
      .hint(failed: ["output"], attempt: 1) == nil)
  }

  @Test func aHintKeyedToACheckTheExerciseDoesNotHaveIsAProblemAtItsLine() {
    let markdown = Self.markdown.replacingOccurrences(of: "  - schedules: \"Ties", with: "  - outptu: \"Ties")
      .replacingOccurrences(of: "  - \"Second, in attempt order.\"", with: "  - {a: b, c: d}")
    guard case .failure(let problems) = ExerciseParser.parse(
      directory: "03-crawl-list", markdown: markdown, starter: "pass\n", solution: "pass\n", file: "e.md"
    ) else {
      Issue.record("parsed")
      return
    }
    #expect(problems.problems.map(\.description) == [
      "e.md:12: a hint must be text, or one check's name and text, like 'output: \"…\"'",
      "e.md:13: the hint for 'outptu' answers no check of this exercise (did you mean 'output'?); it checks elapsed, output, run, schedules",
    ])
  }

  /// `hint` at the prompt and `h` in `exercise` follow the check's rule: numbers from 1, as shown.
  @Test(arguments: [
    // No check yet, or one that passed: every hint in order.
    (nil, 0, [1, 2, 3, 4]),
    ([], 3, [1, 2, 3, 4]),
    // output failed, and the check showed its keyed hint (2): the attempt-order ones, then 2.
    (["output"], 1, [1, 3, 2]),
    // output and schedules failed: both keyed hints in the verdicts' order, 2 shown goes last.
    (["output", "schedules"], 1, [4, 1, 3, 2]),
    // elapsed has no hint of its own; attempt 2 showed hint 3: hint 1 first.
    (["elapsed"], 2, [1, 3]),
    // The program itself failed: only run's hints, and there are none: attempt order.
    (["run", "output"], 1, [3, 1]),
  ] as [([String]?, Int, [Int])])
  func theHintsAskedForAfterACheckFollowWhatFailedAndSkipTheOneItShowed(failed: [String]?, attempt: Int, numbers: [Int]) throws {
    #expect(try Self.exercise().hintOrder(failed: failed, attempt: attempt).map { $0 + 1 } == numbers)
  }

  @Test func hintStepsGiveEachHintOnceThenTheLastAgain() throws {
    var steps = HintSteps(try Self.exercise(), failed: ["output"], attempt: 1)
    #expect([steps.next(), steps.next(), steps.next(), steps.next()] == [0, 2, 1, 1])
    var none = HintSteps(Exercise(number: 1, id: "x", lesson: "y", title: "t", checks: [], hints: [], body: "", starter: "", solution: ""))
    #expect(none.next() == nil)
  }

  @Test func aHintsInlineCodeIsDrawnAsALessonsIsWithColorAndKeepsItsBackticksWithout() {
    let hint = ExerciseHint("Cancel each task in `pending`, then `await asyncio.wait(pending)` before printing the count.")
    let colored = ExerciseReport.hint(3, of: 3, hint, width: 40, color: true)
    #expect(colored.map(\.plainText) == [
      "Hint 3/3: Cancel each task in pending,",
      "then await asyncio.wait(pending) before",
      "printing the count.",
    ])
    #expect(colored[1].rendered(color: true) == "then " + StyledText("await asyncio.wait(pending)", style: MarkdownRenderer.Theme.inlineCode).rendered(color: true) + " before")
    let plain = ExerciseReport.hint(3, of: 3, hint, width: 40, color: false)
    #expect(plain.map(\.plainText) == [
      "Hint 3/3: Cancel each task in",
      "`pending`, then `await",
      "asyncio.wait(pending)` before printing",
      "the count.",
    ])
  }
}
