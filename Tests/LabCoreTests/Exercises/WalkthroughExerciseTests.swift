import Foundation
import LabCore
import LabTerminal
import Synchronization
import TestSupport
import Testing

/// A fake of the command line's exercise loop: every run reports the verdicts it was given.
final class ScriptedExerciseTools: ExerciseTools {
  private let verdicts: Mutex<[[Bool]]>
  private let failed: Mutex<[[String]]>
  private let calls = Mutex<[String]>([])

  /// The workspace the fake's paths are in.
  let workspace: String

  /// `failed`: for each run, the names of the checks that failed in its last check.
  init(_ verdicts: [[Bool]], failed: [[String]] = [], workspace: String = "/ws/") {
    self.verdicts = Mutex(verdicts)
    self.failed = Mutex(failed)
    self.workspace = workspace
  }

  var called: [String] { calls.withLock { $0 } }

  func path(for exercise: Exercise) -> String { workspace + exercise.fileName }

  private func next(_ call: String) -> ExerciseToolOutcome {
    calls.withLock { $0.append(call) }
    return .checked(
      verdicts.withLock { $0.isEmpty ? [] : $0.removeFirst() },
      lastFailed: failed.withLock { $0.isEmpty ? [] : $0.removeFirst() }
    )
  }

  func work(on exercise: Exercise, attempts: Int) async -> ExerciseToolOutcome { next("work \(exercise.id) after \(attempts)") }
  func check(_ exercise: Exercise, attempts: Int) async -> ExerciseToolOutcome { next("check \(exercise.id) after \(attempts)") }
}

@MainActor
@Suite struct WalkthroughExerciseTests {
  static let exercise = Exercise(
    number: 1, id: "finish-order", lesson: "finish-first", title: "Keep the results in order", checks: [.running(.atLeast(3))],
    hints: ["First hint.", "Second hint."], body: "Keep the lookups concurrent\nand the lines in order.",
    starter: "\"\"\"Exercise.\"\"\"\n", solution: "print('solved')"
  )

  /// A second exercise for the same lesson, as lessons 8, 15 and 18 of the course have.
  static let second = Exercise(
    number: 2, id: "first-wins", lesson: "finish-first", title: "Take the first answer", checks: [.running(.atLeast(2))],
    hints: ["Only hint."], body: "Stop at the first result.", starter: "\"\"\"Exercise.\"\"\"\n", solution: "print('first')"
  )

  func session(
    _ lines: [String?], tools: ScriptedExerciseTools, store: MemoryProgressStore = MemoryProgressStore(), exercises: [Exercise] = [Self.exercise]
  ) async -> RecordingConsole {
    let console = RecordingConsole(capabilities: TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 80, height: 200))
    let walkthrough = Walkthrough(
      catalog: try! LessonCatalog.load(files: PartsFixtures.course), store: store, console: console,
      reader: ScriptedLineReader(lines, interactive: true), player: TestClockDemoPlayer(console: console), keys: ScriptedKeyReader(),
      exercises: ExerciseCatalog(exercises: exercises), exerciseTools: tools,
      now: { Date(timeIntervalSince1970: 1_796_151_600) }, options: .init()
    )
    await walkthrough.run()
    return console
  }

  @Test func theExerciseIsTheLessonsLastPart() async {
    let store = MemoryProgressStore()
    // predict off, then read on through the lesson's five parts to the sixth: the exercise.
    let console = await session(["predict off", "", "", "", "", "", nil], tools: ScriptedExerciseTools([]), store: store)
    #expect(console.output.contains("""
      Exercise: Keep the results in order

      Keep the lookups concurrent and the lines in order.

      Your file: /ws/01-finish-order.py

      'exercise' starts it (each save is checked; q comes back here), 'check' checks
      it, 'hint' and 'solution' help; Enter goes on.
      """))
    #expect(store.progress?.part == 6)
  }

  /// Seen in a pseudo-terminal: a temporary workspace's path, too long to fit beside its label,
  /// was cut at its last dot ("01-fetch-together." / "py").
  @Test func aPathTooLongForTheLineBesideItsLabelGetsALineOfItsOwnUncut() async {
    let workspace = "/tmp/gatherlab-tests-B09F946C-84C9-434E-90EB-2C0E023448ED/workspace/"
    let console = await session(["predict off", "", "", "", "", "", nil], tools: ScriptedExerciseTools([], workspace: workspace))
    #expect(console.output.contains("""

      Your file:
      /tmp/gatherlab-tests-B09F946C-84C9-434E-90EB-2C0E023448ED/workspace/01-finish-order.py

      """))
  }

  @Test func aLessonWithTwoExercisesEndsWithAPartForEachAndTheCommandsActOnThePartsOne() async {
    let store = MemoryProgressStore()
    let tools = ScriptedExerciseTools([[true], [false]])
    // Five parts of reading, then the first exercise (part 6), its check; Enter: the second
    // (part 7), its check and hint; back to the first, its hint.
    let console = await session(
      ["predict off", "", "", "", "", "", "check", "", "check", "hint", "back", "hint", nil], tools: tools, store: store,
      exercises: [Self.exercise, Self.second]
    )
    // The first exercise's part ends with its own words; where Enter goes after the lesson is
    // said at the second (seen in a terminal: 'Enter goes on to lesson 9' under the first of two).
    #expect(console.output.contains("""
      Exercise 1 of 2: Keep the results in order

      Keep the lookups concurrent and the lines in order.

      Your file: /ws/01-finish-order.py

      'exercise' starts it (each save is checked; q comes back here), 'check' checks
      it, 'hint' and 'solution' help; Enter goes on.

      Exercise 2 of 2: Take the first answer
      """))
    #expect(console.output.contains("""
      Exercise 2 of 2: Take the first answer

      Stop at the first result.

      Your file: /ws/02-first-wins.py
      """))
    #expect(console.output.contains("Exercise 1 of 2: Keep the results in order (passed)\n"))
    #expect(tools.called == ["check finish-order after 0", "check first-wins after 0"])
    #expect(console.output.contains("Hint 1/1: Only hint.\n"))
    #expect(console.output.contains("Hint 1/2: First hint.\n"))
    #expect(store.progress?.exercises["finish-order"]?.passed == true)
    #expect(store.progress?.exercises["first-wins"] == ExerciseRecord(passed: false, attempts: 1, at: "2026-12-01T19:00:00Z"))
    #expect(store.progress?.part == 6)
  }

  @Test func awayFromTheExercisePartsTheCommandsActOnTheLessonsFirstExerciseNotYetPassed() async {
    let tools = ScriptedExerciseTools([[true], [true]])
    _ = await session(["check", "check", "check", nil], tools: tools, exercises: [Self.exercise, Self.second])
    #expect(tools.called == ["check finish-order after 0", "check first-wins after 0", "check finish-order after 1"])
  }

  @Test func checksAreRecordedAndHintsNarrowIn() async {
    let store = MemoryProgressStore()
    let tools = ScriptedExerciseTools([[false], [false, true]])
    let console = await session(["check", "exercise", "hint", "hint", "hint", nil], tools: tools, store: store)
    #expect(tools.called == ["check finish-order after 0", "work finish-order after 1"])
    #expect(store.progress?.exercises["finish-order"] == ExerciseRecord(passed: true, attempts: 3, at: "2026-12-01T19:00:00Z"))
    #expect(console.output.contains("Hint 1/2: First hint.\n"))
    #expect(console.output.contains("Hint 2/2: Second hint.\n"))
  }

  @Test func theSolutionAsksFirstUntilItPasses() async {
    let console = await session(["solution", "n", "solution", "y", nil], tools: ScriptedExerciseTools([]))
    #expect(console.output.components(separatedBy: "print('solved')").count == 2)
    #expect(console.output.contains("Not shown."))
  }

  @Test func aLessonWithoutAnExerciseSaysSo() async {
    let console = await session(["goto 2", "check", nil], tools: ScriptedExerciseTools([]))
    #expect(console.output.contains("This lesson has no exercise. 'exercise finish-order' starts the next one not\nyet passed.\n"))
  }

  /// Seen at the prompt: after a failed check showed the hint keyed to what failed, `hint` stepped
  /// through all the hints from the first, as if nothing had been checked.
  @Test func afterAFailedCheckHintShowsTheHintsForWhatFailedAsTheCheckDoes() async {
    let keyed = Exercise(
      number: 1, id: "finish-order", lesson: "finish-first", title: "Keep the results in order", checks: [.running(.atLeast(3)), .output(["a"])],
      hints: ["First hint.", ExerciseHint("The lines follow the finish order.", check: "output"), ExerciseHint("It crashed.", check: "run"), "Second hint."],
      body: "Keep them in order.", starter: "\"\"\"Exercise.\"\"\"\n", solution: "print('solved')"
    )
    // Before any check: in order. The check's output failed (its closing showed hint 2): then
    // the attempt-order ones, then 2 again. A crash next: its closing showed run's own hint (3),
    // so `hint` goes on to the attempt-order ones.
    let tools = ScriptedExerciseTools([[false], [false]], failed: [["output"], ["run", "output"]])
    let console = await session(["hint", "check", "hint", "hint", "hint", "check", "hint", nil], tools: tools, exercises: [keyed])
    let hints = console.output.split(separator: "\n").filter { $0.hasPrefix("Hint ") }
    #expect(hints == [
      "Hint 1/4: First hint.",
      "Hint 1/4: First hint.",
      "Hint 4/4: Second hint.",
      "Hint 2/4: The lines follow the finish order.",
      "Hint 1/4: First hint.",
    ])
  }
}
