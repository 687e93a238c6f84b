import Foundation
import LabCore
import LabTerminal
import TestSupport
import Testing

/// The walkthrough at a terminal, on the parts fixture: reading in parts, the pager, the prompt,
/// and the predictions asked where reading reaches them. Driven by fakes: a scripted reader, a
/// recording console the size of a terminal, scripted keys, a memory store, a test-clock player.
/// A scripted reader that also keeps what the console showed when each prompt appeared: the
/// screen a learner reads before typing.
final class ScreenKeepingReader: LineReader {
  let script: ScriptedLineReader
  let console: RecordingConsole
  private(set) var screens: [String] = []

  init(_ lines: [String?], console: RecordingConsole, interactive: Bool) {
    script = ScriptedLineReader(lines, interactive: interactive)
    self.console = console
  }

  var isInteractive: Bool { script.isInteractive }
  var prompts: [String] { script.prompts }
  func remember(_ line: String) { script.remember(line) }

  func readLine(prompt: String) -> LineInput {
    screens.append(console.output)
    return script.readLine(prompt: prompt)
  }
}

@MainActor
@Suite(.timeLimit(.minutes(1)))
struct WalkthroughPartsTests {
  let catalog: LessonCatalog
  let console: RecordingConsole
  let player: TestClockDemoPlayer

  init() throws {
    catalog = try LessonCatalog.load(files: PartsFixtures.course)
    console = RecordingConsole(capabilities: TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 80, height: 24))
    player = TestClockDemoPlayer(console: console)
  }

  static let moment = Date(timeIntervalSince1970: 1_796_151_600)  // 2026-12-01T19:00:00Z

  func session(
    _ lines: [String?],
    keys: [PagerKey] = [],
    store: MemoryProgressStore = MemoryProgressStore(),
    console: RecordingConsole? = nil,
    interactive: Bool = true,
    python: (any PythonProgramRunning)? = nil,
    options: Walkthrough.Options = .init()
  ) async -> (reader: ScreenKeepingReader, store: MemoryProgressStore, keys: ScriptedKeyReader) {
    let console = console ?? self.console
    let reader = ScreenKeepingReader(lines, console: console, interactive: interactive)
    let keyReader = ScriptedKeyReader(keys)
    let walkthrough = Walkthrough(
      catalog: catalog, store: store, console: console, reader: reader,
      player: console === self.console ? player : TestClockDemoPlayer(console: console), keys: keyReader,
      python: python, now: { Self.moment }, options: options
    )
    await walkthrough.run()
    return (reader, store, keyReader)
  }

  // MARK: - Parts

  @Test func theLessonSplitsAtSectionHeadingsAndBeforeEachPrediction() {
    let parts = LessonParts.split(catalog.lessons[0].document.blocks)
    let firstLines = parts.map { $0.first?.line ?? 0 }
    #expect(firstLines == [10, 16, 20, 31, 37])
  }

  @Test func aHeadingRightBeforeAPredictionOpensThePredictionsPart() {
    let document = MarkdownParser.parse("Intro.\n\n## Ask\n\n```predict\nid: x\n```\n\nAfter.\n")
    let parts = LessonParts.split(document.blocks)
    #expect(parts.count == 2)
    #expect(parts[1].count == 3)
  }

  @Test func at80By24TheFirstScreenShowsTheWelcomeTheTitleAndTheFirstPart() async {
    let (reader, _, keys) = await session(["quit"])
    #expect(reader.screens.first == """
      Welcome to gatherlab: 2 short lessons on asyncio.gather() and structured
      concurrency.
      Type 'help' for the commands; an empty line reads on.

      Lesson 1/2 · finish-first · guide: Results Order

      Who finishes first
      ══════════════════

      Three tasks sleep for different times: A for three seconds, B for one and C for
      two. gather() starts them together and hands back their results.

      The order they end and the order of the results are two different things. This
      lesson asks you about both before it shows them.

      """)
    #expect(reader.prompts == ["gatherlab 1/2 finish-first 1/5 › "])
    #expect(keys.reads == 0)
  }

  @Test func at40By20AlongFirstPartStopsAtAMoreMarkerWithTheTitleOnScreen() async {
    let narrow = RecordingConsole(capabilities: TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 40, height: 20))
    let (reader, _, keys) = await session(["quit"], keys: [.more], console: narrow)
    #expect(reader.screens.first == """
      Welcome to gatherlab: 2 short lessons
      on asyncio.gather() and structured
      concurrency.
      Type 'help' for the commands; an empty
      line reads on.

      Lesson 1/2 · finish-first · guide:
      Results Order

      Who finishes first
      ══════════════════

      Three tasks sleep for different times: A
      for three seconds, B for one and C for
      two. gather() starts them together and
      hands back their results.

      The order they end and the order of the
      results are two different things. This
      ── more: Enter, q stops ──
      lesson asks you about both before it
      shows them.

      """)
    #expect(keys.reads == 1)
    #expect(reader.prompts == ["gatherlab 1/2 1/5 › "])
  }

  @Test func qAtTheMoreMarkerGoesStraightToThePrompt() async {
    let narrow = RecordingConsole(capabilities: TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 40, height: 20))
    let (reader, _, _) = await session(["quit"], keys: [.stop], console: narrow)
    #expect(reader.screens.first?.hasSuffix("results are two different things. This\n── more: Enter, q stops ──\n") == true)
  }

  @Test func enterReadsPartByPartThenGoesToTheNextLesson() async {
    let (reader, store, _) = await session(["", "", "", "", ""], python: FakePythonProgramRunner(result: .ran(status: 0, output: ["['A', 'B']"], errors: [])))
    // Parts 3 and 5 are predictions: the empty lines in between skip them.
    #expect(reader.prompts == [
      "gatherlab 1/2 finish-first 1/5 › ",
      "gatherlab 1/2 finish-first 2/5 › ",
      "predict › ",
      "gatherlab 1/2 finish-first 3/5 › ",
      "gatherlab 1/2 finish-first 4/5 › ",
      "predict › ",
      "gatherlab 1/2 finish-first 5/5 › ",
    ])
    #expect(console.output.contains("## The order they end") == false)
    #expect(console.output.contains("The order they end\n──────────────────\n\nEach task ends when its own sleep ends"))
    #expect(store.progress?.current == "finish-first")
    #expect(store.progress?.part == 5)
  }

  @Test func afterTheLastPartEnterGoesToTheNextLessonAndMarksThisOneDone() async {
    let store = MemoryProgressStore(Progress(current: "finish-first", part: 5, predict: false))
    let (reader, saved, _) = await session([""], store: store)
    #expect(reader.prompts == ["gatherlab 1/2 finish-first 5/5 › ", "gatherlab 2/2 the-end 1/1 › "])
    #expect(saved.progress?.completed == ["finish-first"])
    #expect(console.output.contains("Lesson 2/2 · the-end · guide: Conclusion"))
  }

  @Test func backShowAndShowAllMoveAndReprintWithoutAsking() async {
    let store = MemoryProgressStore(Progress(current: "the-end", part: 1))
    let (reader, _, _) = await session(["back", "show", "back", "back", "show all"], store: store)
    #expect(reader.prompts == [
      "gatherlab 2/2 the-end 1/1 › ",
      "gatherlab 1/2 finish-first 5/5 › ",
      "gatherlab 1/2 finish-first 5/5 › ",
      "gatherlab 1/2 finish-first 4/5 › ",
      "gatherlab 1/2 finish-first 3/5 › ",
      "gatherlab 1/2 finish-first 3/5 › ",
    ])
    #expect(player.runs.isEmpty)
    // Going back prints a prediction as a question, with the run that answers it.
    #expect(console.output.contains("""
      Predict: A takes 3 s, B 1 s and C 2 s. In what order do they finish?
        The run that answers it: run ordering delays=3,1,2
      """))
  }

  @Test func nextSkipsToTheNextLessonAtOnce() async {
    let (reader, store, _) = await session(["next"])
    #expect(reader.prompts == ["gatherlab 1/2 finish-first 1/5 › ", "gatherlab 2/2 the-end 1/1 › "])
    #expect(store.progress?.completed == ["finish-first"])
  }

  @Test func resumingReturnsToTheLessonAndThePart() async {
    let store = MemoryProgressStore(Progress(current: "finish-first", part: 4))
    let (reader, _, _) = await session([], store: store)
    #expect(console.output.hasPrefix("Resuming at 1/2 finish-first, part 4/5; 'restart' starts over.\n"))
    #expect(reader.prompts == ["gatherlab 1/2 finish-first 4/5 › "])
  }

  @Test func anEmptyLineRightAfterCtrlCDoesNotMoveOn() async {
    let (reader, store, _) = await session([nil, "", ""])
    #expect(reader.prompts == [
      "gatherlab 1/2 finish-first 1/5 › ", "gatherlab 1/2 finish-first 1/5 › ", "gatherlab 1/2 finish-first 1/5 › ",
      "gatherlab 1/2 finish-first 2/5 › ",
    ])
    #expect(store.progress?.part == 2)
  }

  @Test func aProgressFileFromANewerVersionIsLeftAloneAndTheSessionSaysSoOnce() async throws {
    let newer = #"{"version":4,"current":"the-end","part":1}"#
    let directory = try TemporaryDirectory(files: ["progress.json": newer])
    let store = FileProgressStore(directory: directory.path)
    let reader = ScriptedLineReader(["next", "", "speed 2"])
    let walkthrough = Walkthrough(catalog: catalog, store: store, console: console, reader: reader, player: player, keys: ScriptedKeyReader())
    await walkthrough.run()
    #expect(console.errors == [
      "Warning: \(store.file) comes from a newer gatherlab (version 4); this session starts at lesson 1 and saves nothing, leaving the file as it is.",
    ])
    #expect(try String(contentsOfFile: store.file, encoding: .utf8) == newer)
    #expect(reader.prompts.last == "gatherlab 2/2 the-end 1/1 › ")
  }

  // MARK: - Predictions

  @Test func readingReachesAPredictionAndAWrongAnswerGetsAVerdictNamingBoth() async {
    let (reader, store, _) = await session(["", "", "A B C"])
    #expect(reader.prompts.suffix(2) == ["predict › ", "gatherlab 1/2 finish-first 3/5 › "])
    #expect(player.runs.map(\.parameters) == ["ordering · delays=3,1,2"])
    #expect(console.output.contains("""
      Predict: A takes 3 s, B 1 s and C 2 s. In what order do they finish?
        Type your answer and Enter; an empty line skips it, '?' shows an example,
        Ctrl-C leaves the question.

      """))
    #expect(console.output.contains("""

      ✗ You said A B C; the run finished B, C, A (each row's finish rank).
      Each task ends when its own sleep ends; gather only puts the results back in
      argument order.

      The run shows B first, then C, then A.

      """))
    #expect(store.progress?.predictions == [
      "finish-first/finish-order": PredictionRecord(answer: "A B C", correct: false, at: "2026-12-01T19:00:00Z"),
    ])
    // The final timeline is drawn again with the rows that decide pointed at.
    #expect(console.output.contains("\n▶ [0] A ████"))
    #expect(console.output.contains("\n▶ [1] B ████"))
  }

  @Test func aRightAnswerTypedLooselyIsRight() async {
    let (_, store, _) = await session(["", "", "b, c, a"])
    #expect(console.output.contains("✓ You said B C A; the run finished B, C, A (each row's finish rank) — right.\n"))
    #expect(store.progress?.predictions["finish-first/finish-order"]?.correct == true)
  }

  @Test func anEmptyAnswerSkipsTheQuestionAndShowsTheRunAnyway() async {
    let (_, store, _) = await session(["", "", ""])
    #expect(player.runs.count == 1)
    #expect(console.output.contains("Skipped. The run showed: B C A.\nEach task ends when its own sleep ends;"))
    #expect(store.progress?.predictions == [:])
  }

  @Test func aQuestionMarkShowsAnExampleAndAsksAgain() async {
    let (reader, _, _) = await session(["", "", "?", "bca"])
    #expect(reader.prompts.filter { $0 == "predict › " }.count == 2)
    #expect(console.output.contains("predict › ") == false)  // the reader shows prompts, not the console
    #expect(console.output.contains("\n  Type the task letters in the order they finish, e.g. B C A.\n"))
  }

  @Test func anUnreadableAnswerIsAskedAgainWithAnExample() async {
    let (reader, store, _) = await session(["", "", "first B", "B C A"])
    #expect(reader.prompts.filter { $0 == "predict › " }.count == 2)
    #expect(console.output.contains("Could not read 'first B' as a finish order. Type the task letters in the order\nthey finish, e.g. B C A.\n"))
    #expect(store.progress?.predictions["finish-first/finish-order"]?.answer == "B C A")
  }

  @Test func ctrlCAtTheAnswerPromptLeavesTheQuestionNotTheProgram() async {
    let (reader, store, _) = await session(["", "", nil, "list"])
    #expect(player.runs.isEmpty)
    #expect(console.output.contains("Question left; nothing ran.\n"))
    // The learner stays on the question's part, and what follows the question stays unread.
    #expect(reader.prompts.suffix(3) == ["predict › ", "gatherlab 1/2 finish-first 3/5 › ", "gatherlab 1/2 finish-first 3/5 › "])
    #expect(!console.output.contains("The run shows B first"))
    #expect(store.progress?.predictions == [:])
    #expect(store.progress?.part == 3)
  }

  @Test func readingOnAfterCtrlCAtAQuestionAsksItAgain() async {
    let (reader, store, _) = await session(["", "", nil, "", "bca"])
    #expect(reader.prompts.suffix(4) == [
      "predict › ", "gatherlab 1/2 finish-first 3/5 › ", "predict › ", "gatherlab 1/2 finish-first 3/5 › ",
    ])
    #expect(store.progress?.predictions["finish-first/finish-order"]?.correct == true)
    #expect(console.output.contains("The run shows B first"))
  }

  @Test func anOptionIsPickedByItsText() async {
    let python = FakePythonProgramRunner(result: .ran(status: 0, output: ["['A', 'B']"], errors: []))
    let store = MemoryProgressStore(Progress(current: "finish-first", part: 4))
    let (_, saved, _) = await session(["", "a list of results"], store: store, python: python)
    #expect(saved.progress?.predictions["finish-first/printed"] == PredictionRecord(answer: "a", correct: true, at: "2026-12-01T19:00:00Z"))
  }

  @Test func aTerminalShowsThatTheLessonsProgramRunsAndClearsTheLineAfter() async {
    let terminal = RecordingConsole(capabilities: TerminalCapabilities(isTTY: true, color: false, cursorMovement: true, width: 80, height: 24))
    let python = FakePythonProgramRunner(result: .ran(status: 0, output: ["['A', 'B']"], errors: []))
    let store = MemoryProgressStore(Progress(current: "finish-first", part: 4))
    _ = await session(["", "a"], store: store, console: terminal, python: python)
    #expect(terminal.output.contains("Running lesson 1's program under python3…\r\u{1B}[2K\n╭─ output ───"))
  }

  @Test func withoutCursorMovementNoStatusLineIsWritten() async {
    let python = FakePythonProgramRunner(result: .ran(status: 0, output: ["['A', 'B']"], errors: []))
    let store = MemoryProgressStore(Progress(current: "finish-first", part: 4))
    _ = await session(["", "a"], store: store, python: python)
    #expect(!console.output.contains("Running lesson"))
  }

  @Test func gotoFromALessonReadToItsEndMarksItDone() async {
    let store = MemoryProgressStore(Progress(current: "finish-first", part: 5, predict: false))
    let (_, saved, _) = await session(["goto 2"], store: store)
    #expect(saved.progress?.completed == ["finish-first"])
  }

  @Test func gotoFromALessonNotReadToItsEndLeavesItUndone() async {
    let (_, saved, _) = await session(["", "goto 2"])
    #expect(saved.progress?.completed == [])
  }

  @Test func showAllPagesALessonLongerThanTheScreen() async throws {
    let (reader, _, keys) = await session(["show all"], keys: [.stop])
    #expect(keys.reads == 1)
    let afterShowAll = try #require(reader.screens.last)
    #expect(afterShowAll.hasSuffix("── more: Enter or space reads on, q stops ──\n"))
  }

  @Test func helpFitsA24RowScreenOrPagesOnIt() async throws {
    let (reader, _, _) = await session(["help"], keys: [.more, .more])
    let screen = try #require(reader.screens.last)
    let help = try #require(screen.range(of: "Commands\n"))
    // Every stretch between "more" markers (and the prompt) fits in 24 rows.
    let stretches = screen[help.lowerBound...].components(separatedBy: "── more")
    for stretch in stretches { #expect(stretch.split(separator: "\n", omittingEmptySubsequences: false).count <= 24) }
    #expect(screen.contains("quit, exit, q"))
  }

  @Test func aQuestionAnsweredBeforeIsPrintedWithTheAnswerNotAskedAgain() async {
    let store = MemoryProgressStore(Progress(
      current: "finish-first", part: 3,
      predictions: ["finish-first/finish-order": PredictionRecord(answer: "A B C", correct: false, at: "2026-12-01T18:00:00Z")]
    ))
    let (reader, _, _) = await session([], store: store)
    #expect(reader.prompts == ["gatherlab 1/2 finish-first 3/5 › "])
    #expect(player.runs.isEmpty)
    #expect(console.output.contains("""
      Predict: A takes 3 s, B 1 s and C 2 s. In what order do they finish?
        You said A B C, which is not what the run showed; 'review' asks it again.
      """))
  }

  @Test func aRunTypedAtThePromptRunsAtOnceUnasked() async {
    let (reader, _, _) = await session(["run ordering delays=3,1,2"])
    #expect(player.runs.map(\.parameters) == ["ordering · delays=3,1,2"])
    #expect(!reader.prompts.contains("predict › "))
  }

  @Test func predictOffPrintsTheQuestionAndAsksNothing() async {
    let (reader, store, _) = await session(["predict off", "", ""])
    #expect(console.output.contains("Predictions are off: they are printed with the lesson, not asked.\n"))
    #expect(!reader.prompts.contains("predict › "))
    #expect(player.runs.isEmpty)
    #expect(console.output.contains("""
      Predict: A takes 3 s, B 1 s and C 2 s. In what order do they finish?
        The run that answers it: run ordering delays=3,1,2

      The run shows B first, then C, then A.
      """))
    #expect(store.progress?.predict == false)
  }

  @Test func theBundledCoursesPythonDecidesAChoice() async {
    let python = FakePythonProgramRunner(result: .ran(status: 0, output: ["['A', 'B']"], errors: []))
    let store = MemoryProgressStore(Progress(current: "finish-first", part: 4))
    let (_, saved, _) = await session(["", "b"], store: store, python: python)
    #expect(python.programs == ["print(['A', 'B'])\n"])
    #expect(console.output.contains("""
      ╭─ output ───
      ┊ ['A', 'B']
      ╰────────────

      ✗ You said b (a coroutine object); the program printed "['A', 'B']": a (a
        list of results).
      print shows the list itself.
      """))
    #expect(saved.progress?.predictions["finish-first/printed"]?.correct == false)
  }

  @Test func lessonsFromADirectoryAskBeforeTheirPythonRunsAndANoLetsTheLessonDecide() async {
    let python = FakePythonProgramRunner(result: .ran(status: 0, output: ["['A', 'B']"], errors: []))
    let store = MemoryProgressStore(Progress(current: "finish-first", part: 4))
    let (reader, _, _) = await session(["", "a", "n"], store: store, python: python, options: .init(lessonsDirectory: "/somewhere/lessons"))
    #expect(python.programs.isEmpty)
    #expect(reader.prompts.contains("Run them with python3 this session? [y/N] "))
    #expect(console.output.contains("The lessons in /somewhere/lessons are not gatherlab's own, so their Python\nprograms run only if you say so.\nTheir Python will not run; the lessons' own answers decide.\n"))
    #expect(console.output.contains("""
      ✓ You said a (a list of results); the lesson says a (a list of results) —
        right. (The lesson's Python was not run, so the lesson's answer decides, not
        a run.)
      print shows the list itself.
      """))
  }

  @Test func reviewAsksTheMissedPredictionsAgainAndRunsThemAgain() async {
    let store = MemoryProgressStore(Progress(
      current: "the-end", part: 1, completed: ["finish-first"],
      predictions: [
        "finish-first/finish-order": PredictionRecord(answer: "A B C", correct: false, at: "2026-12-01T18:00:00Z"),
        "finish-first/printed": PredictionRecord(answer: "a", correct: true, at: "2026-12-01T18:01:00Z"),
      ]
    ))
    let (reader, saved, _) = await session(["review", "B C A"], store: store)
    #expect(reader.prompts == ["gatherlab 2/2 the-end 1/1 › ", "predict › ", "gatherlab 2/2 the-end 1/1 › "])
    #expect(player.runs.map(\.parameters) == ["ordering · delays=3,1,2"])
    #expect(console.output.contains("1 prediction to look at again. Ctrl-C at an answer stops the review.\n\nReview 1/1 · lesson 1/2 finish-first\nPredict: A takes 3 s"))
    #expect(console.output.contains("Review done: every one right now.\n"))
    #expect(saved.progress?.predictions["finish-first/finish-order"] == PredictionRecord(answer: "B C A", correct: true, at: "2026-12-01T19:00:00Z"))
  }

  @Test func reviewWithNothingMissedSaysSo() async {
    _ = await session(["review"])
    #expect(console.output.contains("You have not answered a prediction yet: they are asked as you read the lessons.\n"))
  }

  @Test func listShowsEachLessonsScore() async {
    let store = MemoryProgressStore(Progress(
      current: "finish-first",
      predictions: ["finish-first/finish-order": PredictionRecord(answer: "B C A", correct: true, at: "2026-12-01T18:00:00Z")]
    ))
    _ = await session(["list"], store: store)
    #expect(console.output.contains("""
      ▸ 1  finish-first  1/2  Who finishes first
        2  the-end            The end

      """))
  }

  @Test func theEndOfTheCourseSumsUpThePredictions() async {
    let store = MemoryProgressStore(Progress(
      current: "the-end",
      predictions: [
        "finish-first/finish-order": PredictionRecord(answer: "A B C", correct: false, at: "2026-12-01T18:00:00Z"),
        "finish-first/printed": PredictionRecord(answer: "a", correct: true, at: "2026-12-01T18:01:00Z"),
      ]
    ))
    _ = await session(["next"], store: store)
    #expect(console.output.contains("""
      You predicted 1 of the 2 you answered right (the course has 2).
      To revisit ('review' asks them again):
        1/2 finish-first: A takes 3 s, B 1 s and C 2 s. In what order do they finish?

      """))
  }

  @Test func pipedTheWholeLessonPrintsWithItsQuestionsAndNothingWaitsOrRuns() async {
    let piped = RecordingConsole(capabilities: .plain(width: 80))
    let (reader, _, keys) = await session(["", "quit"], console: piped, interactive: false)
    #expect(reader.prompts == ["gatherlab 1/2 finish-first › ", "gatherlab 2/2 the-end › "])
    #expect(keys.reads == 0)
    #expect(!piped.output.contains("ordering · delays=3,1,2"))
    #expect(piped.output.contains("""
      Predict: What does the program print?
        a) a list of results
        b) a coroutine object
        The Python program above answers it.

      ╭─ output ───
      """))
  }
}
