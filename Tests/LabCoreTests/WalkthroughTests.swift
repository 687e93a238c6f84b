import Clocks
import LabCore
import LabTerminal
import Synchronization
import TestSupport
import Testing

/// Plays demos on a test clock through the real playback, recording what was asked.
final class TestClockDemoPlayer: DemoPlaying {
  let console: RecordingConsole
  private let played = Mutex<[(demo: String, parameters: String, speed: Double)]>([])

  init(console: RecordingConsole) {
    self.console = console
  }

  var runs: [(demo: String, parameters: String, speed: Double)] { played.withLock { $0 } }

  func play(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed) async -> DemoReport {
    await playRun(demo, parameters: parameters, speed: speed).report
  }

  func playRun(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed) async -> DemoRun {
    await playRun(demo, parameters: parameters, speed: speed, recorder: RunLineBuffer())
  }

  func playRun(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed, recorder: any RunLineSink) async -> DemoRun {
    played.withLock { $0.append((demo.id, DemoTranscript.title(demo: demo.id, parameters: parameters), speed.value)) }
    let clock = ClockStepper()
    var playback = DemoPlayback(console: console, mode: .lines, speed: speed)
    playback.recorder = recorder
    return await clock.runToEnd { [playback] in await playback.playRun(demo, parameters: parameters, clock: clock) }
  }
}

@MainActor
@Suite struct WalkthroughTests {
  let catalog: LessonCatalog
  let console = RecordingConsole(capabilities: .plain(width: 80))
  let player: TestClockDemoPlayer

  init() throws {
    catalog = try LessonCatalog.load(
      files: LessonFixtures.validCourse.sorted { $0.key < $1.key }.map { LessonFile(name: $0.key, text: $0.value) }
    )
    player = TestClockDemoPlayer(console: console)
  }

  func session(
    _ lines: [String?],
    store: MemoryProgressStore = MemoryProgressStore(),
    options: Walkthrough.Options = .init()
  ) async -> (reader: ScriptedLineReader, store: MemoryProgressStore) {
    let reader = ScriptedLineReader(lines)
    let walkthrough = Walkthrough(
      catalog: catalog, store: store, console: console, reader: reader, player: player, keys: ScriptedKeyReader(), options: options
    )
    await walkthrough.run()
    return (reader, store)
  }

  @Test func aFirstVisitWelcomesAndShowsLessonOneWithItsPrompt() async {
    let (reader, _) = await session(["quit"])
    #expect(console.output.hasPrefix("Welcome to gatherlab: 3 short lessons on asyncio.gather()"))
    #expect(console.output.contains("Lesson 1/3 · what-is-gather · guide: What is asyncio.gather()?"))
    #expect(reader.prompts == ["gatherlab 1/3 what-is-gather › "])
  }

  @Test func nextMarksTheLessonDoneAndSavesWhereTheLearnerIs() async {
    let (reader, store) = await session(["next", ""])
    #expect(reader.prompts == [
      "gatherlab 1/3 what-is-gather › ", "gatherlab 2/3 results-order › ", "gatherlab 3/3 conclusion › ",
    ])
    #expect(store.progress == Progress(current: "conclusion", completed: ["what-is-gather", "results-order"]))
  }

  @Test func startingAgainResumesWhereTheLearnerLeftOff() async {
    let store = MemoryProgressStore(Progress(current: "results-order", completed: ["what-is-gather"], speed: 4))
    let (reader, _) = await session([], store: store)
    #expect(console.output.hasPrefix("Resuming at 2/3 results-order; 'restart' starts over.\n"))
    #expect(reader.prompts == ["gatherlab 2/3 results-order › "])
  }

  @Test func fromOverridesTheSavedLesson() async {
    let store = MemoryProgressStore(Progress(current: "results-order"))
    let (reader, _) = await session([], store: store, options: .init(startLesson: "3"))
    #expect(reader.prompts == ["gatherlab 3/3 conclusion › "])
  }

  @Test func aSavedLessonThatNoLongerExistsStartsAtTheFirst() async {
    let (reader, _) = await session([], store: MemoryProgressStore(Progress(current: "gone")))
    #expect(console.output.hasPrefix("Your saved lesson 'gone' is not in this course any more; starting at lesson 1."))
    #expect(reader.prompts == ["gatherlab 1/3 what-is-gather › "])
  }

  @Test func backGotoAndTheirLimits() async {
    let (reader, _) = await session(["back", "goto 3", "back", "goto resluts", "g what"])
    #expect(console.output.contains("This is the first lesson.\n"))
    #expect(console.output.contains("Unknown lesson 'resluts'. Did you mean 'results-order'? Lessons are"))
    #expect(reader.prompts.map { $0.split(separator: " ")[1] } == ["1/3", "1/3", "3/3", "2/3", "2/3", "1/3"])
  }

  @Test func runUsesTheLessonsDemoAndParamsUnlessTold() async {
    _ = await session(["run", "run count=2", "run ordering", "next", "run", "run delays=1,1", "next", "run"])
    #expect(player.runs.map(\.parameters) == [
      "sequential · count=3 · delay=0.5",
      "sequential · count=2 · delay=0.5",
      "ordering · delays=3,1,2",
      "ordering · delays=3,1,2",
      "ordering · delays=1,1",
    ])
    let output = console.output
    #expect(output.contains("This lesson has no demo of its own. Name one: run sequential | ordering |"))
    #expect(output.contains("outcome     returned"))
  }

  @Test func badDemoArgumentsAreExplainedAndNothingRuns() async {
    _ = await session(["run ordring", "run count=0", "run sequential bogus=1"])
    #expect(player.runs.isEmpty)
    #expect(console.output.contains("Unknown demo 'ordring'. Did you mean 'ordering'?"))
    #expect(console.output.contains("Invalid value '0' for count: expected a whole number from 1 to 12."))
    #expect(console.output.contains("Unknown parameter 'bogus' for sequential. Valid parameters: count, delay."))
  }

  @Test func speedIsValidatedSavedAndUsedByLaterRuns() async {
    let (_, store) = await session(["speed 500", "speed fast", "speed 10", "speed", "run"])
    #expect(console.output.contains("Speed must be a number from 0.1 to 100, got '500'."))
    #expect(console.output.contains("Speed must be a number from 0.1 to 100, got 'fast'."))
    #expect(console.output.contains("Demos will run at speed 10×."))
    #expect(console.output.contains("Demos run at speed 10×."))
    #expect(store.progress?.speed == 10)
    #expect(player.runs.map(\.speed) == [10])
  }

  @Test func theSpeedOptionOverridesTheSavedSpeed() async throws {
    let store = MemoryProgressStore(Progress(current: "what-is-gather", speed: 3))
    _ = await session(["run"], store: store, options: .init(speed: try DemoSpeed(20)))
    #expect(player.runs.map(\.speed) == [20])
    #expect(store.progress?.speed == 20)
  }

  @Test func theEndOfTheCourseNamesWhatIsNotDoneAndBreaksItsTipsBetweenWords() async throws {
    let (reader, store) = await session(["goto 3", "next"])
    let end = try #require(console.output.range(of: "You have reached the end"))
    #expect(String(console.output[end.lowerBound...]) == """
      You have reached the end of the course (2/3 lessons done).
      Not read to its end yet: 2 results-order ('goto 2').
      Things to try next:
        run error-cancel mode=gather delays=1,4
            orphans that outlive the error by seconds
        run semaphore tasks=40 limit=8 mode=window
            a sliding window at work
        run timeout delays=2,4,6 timeout=3
            which results a deadline throws away
        goto 1 to read it again, or 'restart' to clear your progress.

      Progress saved. Run gatherlab again to continue at 3/3 conclusion.

      """)
    #expect(reader.prompts.last == "gatherlab 3/3 conclusion › ")
    // Lesson 1, printed whole (piped), was read to its end before 'goto 3' left it.
    #expect(store.progress?.completed == ["what-is-gather", "conclusion"])
  }

  @Test func restartAsksFirstAndClearsOnlyOnYes() async {
    let store = MemoryProgressStore(Progress(current: "conclusion", completed: ["what-is-gather"], speed: 5))
    let (reader, _) = await session(["restart", "no", "restart", "y"], store: store)
    #expect(console.output.contains("Clear your progress and start over at lesson 1? [y/N] Kept your progress."))
    #expect(console.output.contains("Progress cleared."))
    #expect(store.progress == Progress(current: "what-is-gather", completed: [], speed: 5))
    #expect(reader.prompts.last == "gatherlab 1/3 what-is-gather › ")
  }

  @Test func ctrlCAtThePromptDropsTheLineAndPromptsAgain() async {
    let (reader, store) = await session([nil, "next", nil])
    #expect(reader.prompts.count == 4)
    #expect(store.progress?.current == "results-order")
  }

  @Test func unknownCommandsSuggestTheClosestOne() async {
    _ = await session(["nxt"])
    #expect(console.output.contains("Unknown command 'nxt'. Did you mean 'next'?\n"))
  }

  @Test func everyLineGoesIntoTheHistory() async {
    let (reader, _) = await session(["list", "", "nxt"])
    #expect(reader.history == ["list", "", "nxt"])
  }

  @Test func aStoreThatCannotSaveWarnsOnceAndTheTutorialGoesOn() async {
    let store = MemoryProgressStore(failingWith: "Could not save progress to /x/progress.json (read-only).")
    let (reader, _) = await session(["next", "next"], store: store)
    #expect(console.errors == ["Warning: Could not save progress to /x/progress.json (read-only)."])
    #expect(reader.prompts.last == "gatherlab 3/3 conclusion › ")
  }

  @Test func listMarksDoneAndCurrentLessons() async {
    _ = await session(["next", "list"])
    #expect(console.output.contains("""
      ✓ 1  what-is-gather  What gather is
      ▸ 2  results-order   Results come back in order
        3  conclusion      Conclusion

      """))
  }

  @Test func helpListsEveryCommandOnOneLineEach() async {
    _ = await session(["help"])
    // 22 lines at 80 columns: with the prompt it fits a 24-row screen.
    #expect(console.output.contains("""
      Commands
        next, n                   the next lesson at once (marks this one done)
        back, b, prev             the previous part, or the previous lesson
        list, ls                  all lessons, ✓ done, ▸ current, prediction scores
        goto, g ID|N              jump to a lesson by id or number
        show, s [all]             this part again ('show all': the whole lesson)
        run, r [DEMO] [k=v ...]   run this lesson's demo, or the one named
        compare [DEMO] [k=v ...]  the demo beside its Python twin under CPython
        trace [N]                 this lesson's Python program (the Nth), traced
        demos                     the demos and their parameters
        code [DEMO] [--all]       the demo's Python, then the Swift that gathers
        speed [X]                 time scale for later runs (0.1–100)
        save FILE                 the last run to FILE, for replay and export
        replay                    the last run again, as it ran
        step                      the last run event by event (Enter, b, q)
        review                    the predictions you missed, asked and run again
        predict on|off            ask predictions while reading, or only print them
        swift on|off              show the lessons' Swift side, or read Python-only
        exercise [ID]             this lesson's exercise, checked on every save
        check                     check your exercise file by how it ran
        hint                      the next hint for this lesson's exercise
        solution                  the exercise's solution (asks first until you pass)
        restart                   clear your progress and start over
        help, ?                   this list
        quit, exit, q             leave; progress is saved (Ctrl-D too)
      An empty line reads on. Tab completes commands, lesson ids, demos and
      parameters. Ctrl-C stops a run.

      """))
  }

  @Test func codeShowsThePythonTwinFirstThenOnlyTheSwiftThatGathers() async throws {
    _ = await session(["code ordering"])
    let output = console.output
    let python = try #require(output.range(of: "Python · ordering.py (plain asyncio: runs as printed with python3)"))
    // The twin without gatherlab's instrumentation: nothing a learner's python3 cannot import.
    #expect(!output.contains("_gatherlab"))
    #expect(!output.contains("@observed"))
    #expect(output.contains("params = SimpleNamespace(delays=[3, 1, 2])"))
    #expect(output.contains("│     print(\"gather returned:\", results)  # ['A', 'B', 'C']: argument order,"))
    // The header breaks between words at 80 columns, not where the terminal would cut it.
    let swift = try #require(output.range(
      of: "Swift · Sources/LabCore/Demos/Ordering/OrderingDemo.swift (the concurrency\n  code; 'code ordering --all' shows the whole file)"
    ))
    #expect(python.lowerBound < swift.lowerBound)
    #expect(output.contains("results = await asyncio.gather(*(task(name, delay)"))
    #expect(output.contains("let results = try await gather(operations, clock: clock, observer: observer)"))
    #expect(!output.contains("public struct OrderingDemo: Demo {"))
    #expect(!output.contains("DemoParameter("))
  }

  @Test func codeAllShowsTheWholeSwiftFile() async {
    _ = await session(["code ordering --all"])
    #expect(console.output.contains("Swift · Sources/LabCore/Demos/Ordering/OrderingDemo.swift (the whole file)"))
    #expect(console.output.contains("public struct OrderingDemo: Demo {"))
  }
}

/// Every demo file marks the code `code` shows, and the mark holds the gathering code only.
@Suite struct DemoSourceCodeTests {
  @Test func everyDemoMarksItsConcurrencyCode() throws {
    for demo in DemoRegistry.standard.demos {
      let source = try #require(demo.swiftSource, "\(demo.id) has no embedded source")
      let region = try #require(DemoSourceCode.region(of: source), "\(demo.id) marks no code region")
      #expect(!region.contains("DemoParameter("), "\(demo.id)'s region holds parameter plumbing")
      #expect(!region.contains("SummarySentence("), "\(demo.id)'s region holds summary plumbing")
      #expect(region.split(separator: "\n").count >= 5, "\(demo.id)'s region is too small to teach")
    }
  }

  @Test func theRegionIsDedentedAndEndsAtItsMarker() {
    let source = """
      struct X {
        func run() {
          let setup = 1
          // code: begin
          let results = try await gather(operations)
          if results.isEmpty {
            print("none")
          }
          // code: end
          report(results)
        }
      }
      """
    #expect(DemoSourceCode.region(of: source) == """
      let results = try await gather(operations)
      if results.isEmpty {
        print("none")
      }

      """)
  }
}
